const utf16 = new TextDecoder('utf-16le');
let scratch = new Uint16Array(1024);

function fold(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c === 0x3000) return 32;
  if (c >= 0xff01 && c <= 0xff5e) {
    const half = c - 0xfee0;
    return half >= 65 && half <= 90 ? half + 32 : half;
  }
  return c;
}

/**
 * Folds full-width ASCII (Ａ１！，) to half width, the ideographic space to a space, and ASCII
 * letters to lower case. Every change is one UTF-16 unit for one, so character offsets in the
 * normalised text are offsets in the original: evidence spans stay valid for both.
 */
export function normalizeText(text: string): string {
  const n = text.length;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (fold(c) !== c) break;
  }
  if (i === n) return text;
  // Chinese text nearly always has a full-width comma, so this path is the common one: fill a
  // reused code-unit buffer and decode it once instead of concatenating pieces.
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  const buf = scratch;
  for (let j = 0; j < i; j++) buf[j] = text.charCodeAt(j);
  for (; i < n; i++) buf[i] = fold(text.charCodeAt(i));
  return utf16.decode(buf.subarray(0, n));
}
