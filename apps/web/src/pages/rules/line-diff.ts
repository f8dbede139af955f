/** One line of a unified diff: kept, removed from the old text, or added in the new one (1-based lines). */
export type DiffLine =
  | { kind: 'same'; text: string; oldLine: number; newLine: number }
  | { kind: 'del'; text: string; oldLine: number }
  | { kind: 'add'; text: string; newLine: number };

// Beyond this many cells the middle is shown as replaced outright: rule files are hand-written and small.
const MAX_CELLS = 4_000_000;

/**
 * A line diff of two texts: the common head and tail are kept, the middle is aligned by the longest
 * common subsequence of its lines.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++)
    out.push({ kind: 'same', text: a[i] as string, oldLine: i + 1, newLine: i + 1 });
  const oldMid = a.slice(head, a.length - tail);
  const newMid = b.slice(head, b.length - tail);
  const n = oldMid.length;
  const m = newMid.length;
  if (n * m > MAX_CELLS) {
    for (let i = 0; i < n; i++) out.push({ kind: 'del', text: oldMid[i] as string, oldLine: head + i + 1 });
    for (let j = 0; j < m; j++) out.push({ kind: 'add', text: newMid[j] as string, newLine: head + j + 1 });
  } else {
    // lcs[i][j]: the longest common subsequence of oldMid[i..] and newMid[j..], in one flat array.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * width + j] =
          oldMid[i] === newMid[j]
            ? (lcs[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && oldMid[i] === newMid[j]) {
        out.push({ kind: 'same', text: oldMid[i] as string, oldLine: head + i + 1, newLine: head + j + 1 });
        i++;
        j++;
      } else if (
        i < n &&
        (j === m || (lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number))
      ) {
        // Removals before additions, as unified diffs show a changed line.
        out.push({ kind: 'del', text: oldMid[i] as string, oldLine: head + i + 1 });
        i++;
      } else {
        out.push({ kind: 'add', text: newMid[j] as string, newLine: head + j + 1 });
        j++;
      }
    }
  }
  for (let k = tail; k > 0; k--)
    out.push({
      kind: 'same',
      text: a[a.length - k] as string,
      oldLine: a.length - k + 1,
      newLine: b.length - k + 1,
    });
  return out;
}

/** The diff's changed lines with `context` kept lines around them; runs of kept lines between become gaps. */
export function diffHunks(
  lines: readonly DiffLine[],
  context = 3,
): (DiffLine | { kind: 'gap'; count: number })[] {
  const isNear = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++)
      isNear[k] = true;
  });
  const out: (DiffLine | { kind: 'gap'; count: number })[] = [];
  let gap = 0;
  lines.forEach((line, i) => {
    if (isNear[i]) {
      if (gap > 0) out.push({ kind: 'gap', count: gap });
      gap = 0;
      out.push(line);
    } else gap++;
  });
  if (gap > 0) out.push({ kind: 'gap', count: gap });
  return out;
}
