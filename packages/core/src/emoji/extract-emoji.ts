import { isLiteralEdgeOk } from './emoji-boundaries.ts';
import {
  type CompiledEmojiTable,
  canonicalEmojiKey,
  compiledEmojiTable,
  defaultEmojiTable,
  EMOJI_AT,
  type EmojiTable,
  F_BRACKET,
  F_EMOJI,
  F_EMOJI_TEXT,
  F_JD,
  F_KEYCAP,
  F_LITERAL,
} from './emoji-table.ts';
import type { EmojiItem, EmojiKind, EmojiMatch } from './emoji-types.ts';

/** `#E-s01`, `#E-s[数字x]` (JDDC anonymised the number), `#E-s5[数字x]`. */
const JD_CODE = /#E-[a-z](?:\d{1,3}(?:\[数字x\])?|\[数字x\])/y;

// Each matcher appends what it finds to `out` and returns the end of the text it consumed, or -1.

function hit(
  out: EmojiMatch[],
  text: string,
  start: number,
  end: number,
  key: string,
  kind: EmojiKind,
  item: EmojiItem,
): number {
  out.push({
    text: text.slice(start, end),
    key,
    start,
    end,
    kind,
    category: item.category,
    polarity: item.polarity,
  });
  return end;
}

function matchJd(t: CompiledEmojiTable, text: string, i: number, out: EmojiMatch[]): number {
  if (text.charCodeAt(i + 1) !== 0x45 || text.charCodeAt(i + 2) !== 0x2d) return -1;
  JD_CODE.lastIndex = i;
  if (JD_CODE.test(text)) {
    const end = JD_CODE.lastIndex;
    const code = text.slice(i, end);
    const item =
      t.items.get(code) ?? (t.disabled.has(code) ? undefined : t.jd[text.charCodeAt(i + 3) - 0x61]);
    return item ? hit(out, text, i, end, code, 'jd', item) : end;
  }
  // `#E-大哭`: a JD spelling of a bracket name; the longest known name wins.
  for (let len = Math.min(t.maxBracketLength - 2, text.length - i - 3); len > 0; len--) {
    const key = `[${text.slice(i + 3, i + 3 + len)}]`;
    const item = t.items.get(key);
    if (item?.kind === 'bracket') return hit(out, text, i, i + 3 + len, key, 'jd', item);
  }
  return -1;
}

function matchBracket(t: CompiledEmojiTable, text: string, i: number, out: EmojiMatch[]): number {
  const limit = Math.min(text.length, i + t.maxBracketLength);
  for (let j = i + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5b) return -1;
    if (c !== 0x5d) continue;
    // `[OK](https://…)` is a Markdown link, not an emoticon.
    if (text.charCodeAt(j + 1) === 0x28) return -1;
    const key = text.slice(i, j + 1);
    const item = t.items.get(key);
    return item?.kind === 'bracket' ? hit(out, text, i, j + 1, key, 'bracket', item) : -1;
  }
  return -1;
}

/** Whether position i is inside a URL: a run of printable ASCII back to a `://`. */
function isInUrl(text: string, i: number): boolean {
  for (let j = i - 1; j >= 2 && i - j < 2048; j--) {
    const c = text.charCodeAt(j);
    if (c <= 0x20 || c > 0x7e) return false;
    if (c === 0x2f && text.charCodeAt(j - 1) === 0x2f && text.charCodeAt(j - 2) === 0x3a) return true;
  }
  return false;
}

function matchLiteral(
  t: CompiledEmojiTable,
  text: string,
  i: number,
  from: number,
  out: EmojiMatch[],
): number {
  const bucket = t.literals.get(text.charCodeAt(i));
  // Right after another match counts as an edge: `/:rose/:rose`, `XDXD`.
  const before = i === from ? Number.NaN : text.charCodeAt(i - 1);
  // Rejects the `o` and `x` inside English words before trying any literal.
  if (!bucket || !isLiteralEdgeOk(bucket.left, before)) return -1;
  const second = text.charCodeAt(i + 1);
  for (const lit of bucket.list) {
    if (lit.second !== second || !text.startsWith(lit.code, i) || !isLiteralEdgeOk(lit.left, before))
      continue;
    let end = i + lit.code.length;
    if (lit.repeat >= 0) while (text.charCodeAt(end) === lit.repeat) end++;
    if (!isLiteralEdgeOk(lit.right, text.charCodeAt(end))) continue;
    if (before > 0x20 && before <= 0x7e && isInUrl(text, i)) return -1;
    return hit(out, text, i, end, lit.key, lit.kind, lit.item);
  }
  return -1;
}

function matchUnicode(
  t: CompiledEmojiTable,
  text: string,
  i: number,
  flag: number,
  out: EmojiMatch[],
): number {
  EMOJI_AT.lastIndex = i;
  if (!EMOJI_AT.test(text)) return -1;
  const end = EMOJI_AT.lastIndex;
  // U+FE0E asks for text presentation; a text-default symbol needs VS16 or a sequence to be an emoji.
  if (text.charCodeAt(end) === 0xfe0e || (end === i + 1 && (flag & F_EMOJI) === 0)) return -1;
  const key = canonicalEmojiKey(text.slice(i, end));
  let item = t.items.get(key);
  if (!item) {
    // Consumed but not reported, so that `👍🏽` with 👍 disabled leaves no stray 🏽.
    if (t.disabled.has(key)) return end;
    // An unlisted ZWJ sequence reads like its first component.
    const zwj = key.indexOf('\u200d');
    item = (zwj > 0 ? t.items.get(key.slice(0, zwj)) : undefined) ?? UNLISTED;
  }
  return hit(out, text, i, end, key, 'unicode', item);
}

const UNLISTED: EmojiItem = { code: '', kind: 'unicode', category: 'other', polarity: 0, zh: '', en: '' };

/** Keycaps are found from their U+20E3 so that digits never make the scanner look twice. */
function matchKeycap(
  t: CompiledEmojiTable,
  text: string,
  i: number,
  from: number,
  out: EmojiMatch[],
): number {
  let start = i - 1;
  if (text.charCodeAt(start) === 0xfe0f) start--;
  const base = text.charCodeAt(start);
  if (start < from || !((base >= 0x30 && base <= 0x39) || base === 0x23 || base === 0x2a)) return -1;
  const key = `${String.fromCharCode(base)}\u20e3`;
  const item = t.items.get(key);
  return item ? hit(out, text, start, i + 1, key, 'unicode', item) : -1;
}

/**
 * Emoji, platform codes, emoticons and kaomoji in `text`, in order and non-overlapping. One pass over
 * the code units; a typed-array lookup rejects ordinary characters, so text without emoji costs a few
 * nanoseconds per character and allocates nothing but the empty result.
 */
export function extractEmoji(text: string, table: EmojiTable = defaultEmojiTable): EmojiMatch[] {
  const t = table.compiled ?? compiledEmojiTable(table);
  const flags = t.flags;
  const out: EmojiMatch[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const f = flags[text.charCodeAt(i)] ?? 0;
    if (f === 0) continue;
    let end = (f & F_JD) !== 0 ? matchJd(t, text, i, out) : -1;
    if (end < 0 && (f & F_BRACKET) !== 0) end = matchBracket(t, text, i, out);
    if (end < 0 && (f & F_LITERAL) !== 0) end = matchLiteral(t, text, i, from, out);
    if (end < 0 && (f & (F_EMOJI | F_EMOJI_TEXT)) !== 0) end = matchUnicode(t, text, i, f, out);
    if (end < 0 && (f & F_KEYCAP) !== 0) end = matchKeycap(t, text, i, from, out);
    if (end >= 0) {
      from = end;
      i = end - 1;
    }
  }
  return out;
}
