/**
 * Character bigrams of text with spaces and punctuation removed, as a sorted array of unique
 * codes (two UTF-16 units packed): the vectors `similar` and `repetition` compare by cosine.
 */
let scratch = new Uint32Array(256);

export function bigrams(text: string, from = 0, to = text.length): Uint32Array {
  if (scratch.length < to - from) scratch = new Uint32Array(Math.max(to - from, scratch.length * 2));
  let n = 0;
  let prev = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSkipped(c)) continue;
    if (prev >= 0) scratch[n++] = ((prev << 16) | c) >>> 0;
    prev = c;
  }
  // A single character still has to be comparable to itself.
  if (n === 0) return prev >= 0 ? Uint32Array.of(prev) : new Uint32Array(0);
  const sorted = scratch.subarray(0, n).sort();
  let unique = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i] as number;
  return sorted.slice(0, unique);
}

/** Spaces, ASCII punctuation and the CJK punctuation blocks carry no meaning for similarity. */
export function isSkipped(c: number): boolean {
  return (
    c <= 47 ||
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

/** Cosine of two bigram sets (sorted unique arrays). */
export function cosine(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / Math.sqrt(a.length * b.length);
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
