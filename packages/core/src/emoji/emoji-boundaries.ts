import type { EmojiKind } from './emoji-types.ts';

// Where an emoticon may stand. `:)` in `1:)`, `XD` in `XDR`, `orz` in `Norzig` or `:3` in `数量:3个` are
// ordinary text, so each literal carries a mask of the character classes it accepts on either side.

/** Classes of the character beside a literal, as bits. */
const C_EDGE = 1 << 0;
const C_SPACE = 1 << 1;
const C_PUNCT = 1 << 2;
const C_CJK = 1 << 3;
const C_SYMBOL = 1 << 4;
const C_LETTER = 1 << 5;
const C_DIGIT = 1 << 6;
const C_GLUE = 1 << 7;
const C_URL = 1 << 8;
const C_ANY = (1 << 9) - 1;

/** Which neighbours a literal accepts on one side. */
const DELIM = C_EDGE | C_SPACE | C_PUNCT | C_CJK | C_SYMBOL;
/** `:)` may follow a word directly (`thanks:)`), never a digit (`1:)`). */
const FACE = DELIM | C_LETTER;
/** `:D` `:3` `<3` after a CJK colon or before CJK are usually values (规格:D型, <3天). */
const STRICT = C_EDGE | C_SPACE | C_PUNCT | C_SYMBOL;
const WORD = C_ANY & ~(C_LETTER | C_DIGIT);
/** `ok/:rose` is fine; `12/:` and `//:` are not (URLs are excluded separately). */
const LEGACY_LEFT = C_ANY & ~(C_DIGIT | C_URL);

function charClass(c: number): number {
  if (Number.isNaN(c)) return C_EDGE;
  if (c < 0x80) return ASCII_CLASS[c] ?? C_GLUE;
  if (c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f) return C_SPACE;
  if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x52f)) return C_LETTER;
  if ((c >= 0x2010 && c <= 0x205e) || (c >= 0x3001 && c <= 0x303f)) return C_PUNCT;
  if ((c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40))
    return C_PUNCT;
  if ((c >= 0xff5b && c <= 0xff65) || (c >= 0xa1 && c <= 0xbf)) return C_PUNCT;
  if ((c >= 0xd800 && c <= 0xdfff) || (c >= 0x2190 && c <= 0x2bff) || c === 0x200d || c === 0xfe0f) {
    return C_SYMBOL;
  }
  return C_CJK;
}

const ASCII_CLASS = (() => {
  const t = new Uint16Array(0x80).fill(C_GLUE);
  for (let c = 0; c <= 0x20; c++) t[c] = C_SPACE;
  for (const ch of ',.!?;~"\'()[]{}') t[ch.charCodeAt(0)] = C_PUNCT;
  for (const ch of '/:') t[ch.charCodeAt(0)] = C_URL;
  for (let c = 0x30; c <= 0x39; c++) t[c] = C_DIGIT;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = C_LETTER;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = C_LETTER;
  return t;
})();

const isAlnum = (c: number) => (charClass(c) & (C_LETTER | C_DIGIT)) !== 0;
const REPEATABLE = ')(D3^';

export type LiteralEdges = {
  /** Masks of the neighbour classes accepted on each side. */
  left: number;
  right: number;
  /** A final character that may repeat (`:)))`, `XDDD`, `<333`), or -1. */
  repeat: number;
};

export function literalEdges(code: string, kind: EmojiKind): LiteralEdges {
  const first = code.charCodeAt(0);
  const last = code.charCodeAt(code.length - 1);
  if (kind === 'qq-legacy') return { left: LEGACY_LEFT, right: isAlnum(last) ? WORD : C_ANY, repeat: -1 };
  if (kind === 'kaomoji') {
    return { left: isAlnum(first) ? WORD : C_ANY, right: isAlnum(last) ? WORD : C_ANY, repeat: -1 };
  }
  const f = code[0] ?? '';
  const l = code.at(-1) ?? '';
  const repeat = REPEATABLE.includes(l) ? last : -1;
  if (':;='.includes(f) && ')(*'.includes(l)) {
    // `链接:(手机端…)` opens a parenthesis and `&gt;)` closes an HTML entity: neither is a face.
    return { left: f === ';' || l === '(' ? DELIM : FACE, right: l === '(' ? STRICT : FACE, repeat };
  }
  if (':;=<'.includes(f) && isAlnum(last)) return { left: STRICT, right: STRICT, repeat };
  return { left: DELIM, right: DELIM, repeat };
}

export const isLiteralEdgeOk = (mode: number, neighbour: number) => (mode & charClass(neighbour)) !== 0;
