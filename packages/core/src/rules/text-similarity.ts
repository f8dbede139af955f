/**
 * Character bigrams, the unit `similar` and `repetition` compare texts by (cosine of the sets).
 * Spaces and punctuation are left out. A bigram is hashed to 30 bits so it stays a small integer
 * for the engine (rare collisions only nudge a similarity).
 */
export function bigramCode(prev: number, c: number): number {
  return (Math.imul(prev, 65599) + c) & 0x3fffffff;
}

const scratch: number[] = [];

/** The set of bigrams of `text[from, to)` as a sorted array of unique codes. */
export function bigrams(text: string, from = 0, to = text.length): number[] {
  let n = 0;
  let prev = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSkipped(c)) continue;
    if (prev >= 0) scratch[n++] = bigramCode(prev, c);
    prev = c;
  }
  // A single character still has to be comparable to itself.
  if (n === 0) return prev >= 0 ? [prev] : [];
  const buf = scratch;
  if (n <= 64) {
    // Insertion sort: messages are short, and the built-in sort's set-up costs more than it saves.
    for (let i = 1; i < n; i++) {
      const x = buf[i] as number;
      let j = i - 1;
      while (j >= 0 && (buf[j] as number) > x) {
        buf[j + 1] = buf[j] as number;
        j--;
      }
      buf[j + 1] = x;
    }
  } else {
    const sorted = buf.slice(0, n).sort((a, b) => a - b);
    for (let i = 0; i < n; i++) buf[i] = sorted[i] as number;
  }
  let unique = 1;
  for (let i = 1; i < n; i++) if (buf[i] !== buf[unique - 1]) buf[unique++] = buf[i] as number;
  return buf.slice(0, unique);
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
export function cosine(a: readonly number[], b: readonly number[]): number {
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
