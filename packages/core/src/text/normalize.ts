/**
 * Folds full-width ASCII (Ａ１！) to half width, the ideographic space to a space, and ASCII
 * letters to lower case. Every change is one UTF-16 unit for one, so character offsets in the
 * normalised text are offsets in the original: evidence spans stay valid for both.
 */
export function normalizeText(text: string): string {
  let i = 0;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) break;
  }
  if (i === n) return text;
  const out: string[] = [text.slice(0, i)];
  let runStart = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    let mapped = -1;
    if (c >= 65 && c <= 90) mapped = c + 32;
    else if (c === 0x3000) mapped = 32;
    else if (c >= 0xff01 && c <= 0xff5e) {
      mapped = c - 0xfee0;
      if (mapped >= 65 && mapped <= 90) mapped += 32;
    }
    if (mapped >= 0) {
      if (runStart < i) out.push(text.slice(runStart, i));
      out.push(String.fromCharCode(mapped));
      runStart = i + 1;
    }
  }
  if (runStart < n) out.push(text.slice(runStart));
  return out.join('');
}
