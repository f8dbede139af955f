/**
 * Spans of a message to mark (rule evidence, emoji), as a tree the transcript renders with nested
 * `<mark>`s. Offsets are UTF-16 code units, as JavaScript strings and the analysis count them. A
 * span inside another becomes its child, so one evidence stays one mark with its emoji marked
 * inside; a span crossing another's end is split there. Of two equal spans the earlier given is the
 * outer one.
 */
export type MarkSpan<T> = { start: number; end: number; data: T };

export type MarkNode<T> =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'mark'; start: number; end: number; data: T; children: MarkNode<T>[] };

type Ranked<T> = MarkSpan<T> & { rank: number };

const byPosition = <T>(a: Ranked<T>, b: Ranked<T>) => a.start - b.start || b.end - a.end || a.rank - b.rank;

function build<T>(from: number, to: number, sorted: Ranked<T>[]): MarkNode<T>[] {
  const nodes: MarkNode<T>[] = [];
  let pos = from;
  let spans = sorted;
  while (spans.length > 0) {
    const [outer, ...others] = spans as [Ranked<T>, ...Ranked<T>[]];
    if (outer.start > pos) nodes.push({ kind: 'text', start: pos, end: outer.start });
    const inner: Ranked<T>[] = [];
    const rest: Ranked<T>[] = [];
    for (const s of others) {
      if (s.start >= outer.end) rest.push(s);
      else if (s.end <= outer.end) inner.push(s);
      else {
        inner.push({ ...s, end: outer.end });
        rest.push({ ...s, start: outer.end });
      }
    }
    nodes.push({
      kind: 'mark',
      start: outer.start,
      end: outer.end,
      data: outer.data,
      children: build(outer.start, outer.end, inner),
    });
    pos = outer.end;
    spans = rest.sort(byPosition);
  }
  if (pos < to) nodes.push({ kind: 'text', start: pos, end: to });
  return nodes;
}

/** The marks over a text of `length` code units; spans outside it are clipped, empty ones dropped. */
export function nestSpans<T>(length: number, spans: readonly MarkSpan<T>[]): MarkNode<T>[] {
  const ranked: Ranked<T>[] = [];
  spans.forEach((s, rank) => {
    const start = Math.max(0, Math.min(s.start, length));
    const end = Math.max(start, Math.min(s.end, length));
    if (end > start) ranked.push({ start, end, data: s.data, rank });
  });
  return build(0, length, ranked.sort(byPosition));
}

/**
 * The wait each agent reply ended, in seconds, by message index: the analysis's response
 * intervals (metrics.responses, measured from the first unanswered customer message) in order,
 * given to the agent replies that closed a customer's wait, as the metrics count them.
 */
export function responseGaps(
  messages: readonly { role: string }[],
  responses: readonly number[],
): Map<number, number> {
  const gaps = new Map<number, number>();
  let isWaiting = false;
  let next = 0;
  messages.forEach((m, i) => {
    if (m.role === 'customer') isWaiting = true;
    else if (m.role === 'agent' && isWaiting) {
      const gap = responses[next++];
      if (gap !== undefined) gaps.set(i, gap);
      isWaiting = false;
    }
  });
  return gaps;
}
