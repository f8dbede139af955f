/**
 * Character-bigram sets of text with spaces and punctuation removed, as numbers (two UTF-16
 * units packed): the representation `similar` and `repetition` compare by cosine.
 */
export function bigramSet(text: string, from = 0, to = text.length): Set<number> {
  const set = new Set<number>();
  let prev = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSkipped(c)) continue;
    if (prev >= 0) set.add(prev * 65536 + c);
    prev = c;
  }
  // A single character still has to be comparable to itself.
  if (set.size === 0 && prev >= 0) set.add(prev);
  return set;
}

/** Spaces, ASCII punctuation and the CJK punctuation blocks carry no meaning for similarity. */
export function isSkipped(c: number): boolean {
  return (
    c <= 32 ||
    (c >= 33 && c <= 47) ||
    (c >= 58 && c <= 64) ||
    (c >= 91 && c <= 96) ||
    (c >= 123 && c <= 126) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    c === 0x2026 ||
    c === 0x2014 ||
    (c >= 0x2018 && c <= 0x201d)
  );
}

export function cosine(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

const CLAUSE_END = /[,.!?;:\n。，！？；：…~]+/g;

/** Clauses of a text (split at sentence punctuation) as [start, end) offsets, empty ones dropped. */
export function clauses(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  CLAUSE_END.lastIndex = 0;
  for (let m = CLAUSE_END.exec(text); m !== null; m = CLAUSE_END.exec(text)) {
    if (m.index > start) out.push([start, m.index]);
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}
