import emojiRegex from 'emoji-regex';
import { type LiteralEdges, literalEdges } from './emoji-boundaries.ts';
import { BRACKET_CODES, EMOTICONS, JD_FAMILIES, LEGACY_CODES, UNICODE_EMOJI } from './emoji-data.ts';
import {
  type EmojiItemOverride,
  type EmojiTableOverrides,
  EmojiTableOverridesSchema,
} from './emoji-overrides.ts';
import { EMOJI_CATEGORY_POLARITY, type EmojiItem, type EmojiKind } from './emoji-types.ts';

/** Flags per UTF-16 code unit: what may start at it. Zero for almost all Chinese text. */
export const F_EMOJI = 1;
/** A BMP symbol whose default presentation is text (© ↔ ☀): an emoji only with VS16 or in a sequence. */
export const F_EMOJI_TEXT = 2;
export const F_LITERAL = 4;
export const F_BRACKET = 8;
export const F_JD = 16;
/** U+20E3 closes a keycap; its base is a digit, which must not trigger a look on its own. */
export const F_KEYCAP = 32;

type Literal = LiteralEdges & {
  code: string;
  key: string;
  kind: EmojiKind;
  item: EmojiItem;
  /** Second code unit, compared before `startsWith`. */
  second: number;
};

/** Literals sharing a first code unit, longest first, and the union of their left masks. */
type LiteralBucket = { left: number; list: Literal[] };

export type CompiledEmojiTable = {
  flags: Uint8Array;
  /** Canonical items by key. */
  items: Map<string, EmojiItem>;
  /** Every literal spelling (emoticon, kaomoji, legacy code) → key. */
  forms: Map<string, { key: string; kind: EmojiKind }>;
  /** By first code unit. */
  literals: Map<number, LiteralBucket>;
  /** JD family item by set letter (index 0 = 'a'); undefined when disabled. */
  jd: (EmojiItem | undefined)[];
  maxBracketLength: number;
  disabled: Set<string>;
};

/** Opaque: build with createEmojiTable. The default table compiles on first use, so importing is cheap. */
export type EmojiTable = {
  readonly overrides: EmojiTableOverrides;
  compiled: CompiledEmojiTable | undefined;
};

/** emoji-regex, anchored so it can be tried at one position without scanning ahead. */
export const EMOJI_AT = new RegExp(emojiRegex().source, 'y');
const PRESENTATION = /\p{Emoji_Presentation}/u;
/** Text-default symbols that chat uses as emoji even without VS16; ™ © ↑ ▶ ☀ ✔ ⚠ stay text. */
const BARE_TEXT_EMOJI = '❤♥☺☹✌☝';
const SKIN_OR_VS16 = /\uFE0F|\uD83C[\uDFFB-\uDFFF]/g;

/** Strips VS16 and skin-tone modifiers: `👍🏽` → `👍`, `❤️` → `❤`. */
export function canonicalEmojiKey(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfe0f || (c === 0xd83c && s.charCodeAt(i + 1) >= 0xdffb && s.charCodeAt(i + 1) <= 0xdfff)) {
      const key = s.replace(SKIN_OR_VS16, '');
      // A lone skin-tone swatch is its own key.
      return key === '' ? s : key;
    }
  }
  return s;
}

/** The kind a code's syntax implies, if any. */
function writtenKind(code: string): EmojiKind | undefined {
  if (/^\[[^[\]]+\]$/.test(code)) return 'bracket';
  if (code.startsWith('#E-')) return 'jd';
  if (code.startsWith('/:')) return 'qq-legacy';
  EMOJI_AT.lastIndex = 0;
  if (EMOJI_AT.test(code) && EMOJI_AT.lastIndex === code.length) return 'unicode';
  return undefined;
}

/** A `kind` that contradicts how the code is written is a configuration mistake. */
function overrideKind(o: EmojiItemOverride): EmojiKind {
  const written = writtenKind(o.code);
  const freeForm = o.kind === 'kaomoji' || /[^\x20-\x7e]/.test(o.code) ? 'kaomoji' : 'emoticon';
  const kind = written ?? freeForm;
  if (o.kind !== undefined && o.kind !== kind) {
    throw new Error(`emoji override ${JSON.stringify(o.code)}: written as ${kind}, not ${o.kind}`);
  }
  return kind;
}

const LITERAL_KINDS: ReadonlySet<EmojiKind> = new Set(['emoticon', 'kaomoji', 'qq-legacy']);

/** Kaomoji are typed with ASCII or full-width parentheses depending on the input method. */
function spellings(code: string, kind: EmojiKind): string[] {
  if (kind !== 'kaomoji') return [code];
  const full = code.replaceAll('(', '（').replaceAll(')', '）');
  const half = code.replaceAll('（', '(').replaceAll('）', ')');
  return [...new Set([code, full, half])];
}

function applyOverride(
  items: Map<string, EmojiItem>,
  forms: Map<string, { key: string; kind: EmojiKind }>,
  o: EmojiItemOverride,
): void {
  const inferred = overrideKind(o);
  const code = inferred === 'unicode' ? canonicalEmojiKey(o.code) : o.code;
  const form = forms.get(code);
  const base = items.get(code) ?? (form ? items.get(form.key) : undefined);
  // A legacy spelling that used to borrow its bracket's item becomes an item of its own.
  const kind = o.kind === undefined && base?.code === code ? base.kind : inferred;
  const category = o.category ?? base?.category ?? 'other';
  const keepsPolarity = base !== undefined && base.category === category;
  const item: EmojiItem = {
    ...base,
    code,
    kind,
    category,
    polarity: o.polarity ?? (keepsPolarity ? base.polarity : EMOJI_CATEGORY_POLARITY[category]),
    zh: o.zh ?? base?.zh ?? (kind === 'bracket' ? code.slice(1, -1) : code),
    en: o.en ?? base?.en ?? '',
  };
  if (o.note !== undefined) item.note = o.note;
  if (o.platforms !== undefined) item.platforms = o.platforms;
  items.set(code, item);
  if (LITERAL_KINDS.has(kind)) for (const s of spellings(code, kind)) forms.set(s, { key: code, kind });
}

/** Builds the lookup structures from the shipped data plus a deployment's overrides. */
export function compileEmojiTable(overrides: EmojiTableOverrides): CompiledEmojiTable {
  const items = new Map<string, EmojiItem>();
  const forms = new Map<string, { key: string; kind: EmojiKind }>();
  for (const [code, [category, polarity, zh, en]] of Object.entries(UNICODE_EMOJI)) {
    items.set(code, { code, kind: 'unicode', category, polarity, zh, en });
  }
  for (const r of BRACKET_CODES) items.set(r.code, { ...r, kind: 'bracket' });
  for (const item of JD_FAMILIES) items.set(item.code, item);
  for (const r of EMOTICONS) {
    const kind = r.kind === 'ascii' ? 'emoticon' : 'kaomoji';
    items.set(r.code, { ...r, kind });
    for (const s of spellings(r.code, kind)) forms.set(s, { key: r.code, kind });
  }
  for (const r of LEGACY_CODES) forms.set(r.code, { key: r.bracket, kind: 'qq-legacy' });

  for (const o of overrides.items ?? []) applyOverride(items, forms, o);
  const disabled = new Set<string>();
  for (const d of overrides.disable ?? []) {
    for (const code of new Set([d, canonicalEmojiKey(d)])) {
      disabled.add(code);
      items.delete(code);
      forms.delete(code);
    }
  }
  for (const item of items.values()) Object.freeze(item);

  const flags = new Uint8Array(0x10000);
  const mark = (c: number, f: number) => {
    flags[c] = (flags[c] ?? 0) | f;
  };
  mark(0x20e3, F_KEYCAP);
  let maxBracketLength = 0;
  for (const item of items.values()) {
    const c = item.code.charCodeAt(0);
    if (item.kind === 'bracket') {
      mark(c, F_BRACKET);
      maxBracketLength = Math.max(maxBracketLength, item.code.length);
    } else if (item.kind === 'jd') {
      mark(c, F_JD);
    } else if (item.kind === 'unicode' && !/[0-9#*]/.test(item.code[0] ?? '')) {
      const ch = String.fromCharCode(c);
      const isBare = (c >= 0xd800 && c <= 0xdbff) || PRESENTATION.test(ch) || BARE_TEXT_EMOJI.includes(ch);
      mark(c, isBare ? F_EMOJI : F_EMOJI_TEXT);
    }
  }

  const literals = new Map<number, LiteralBucket>();
  for (const [code, { key, kind }] of forms) {
    const item = items.get(key);
    if (!item) {
      forms.delete(code);
      continue;
    }
    const first = code.charCodeAt(0);
    mark(first, F_LITERAL);
    const literal: Literal = {
      code,
      key,
      kind,
      item,
      second: code.charCodeAt(1),
      ...literalEdges(code, kind),
    };
    const bucket = literals.get(first) ?? { left: 0, list: [] };
    bucket.left |= literal.left;
    bucket.list.push(literal);
    literals.set(first, bucket);
  }
  for (const { list } of literals.values()) list.sort((a, b) => b.code.length - a.code.length);

  const generic = items.get('#E-');
  const jd: (EmojiItem | undefined)[] = [];
  for (let c = 0x61; c <= 0x7a; c++) {
    const code = `#E-${String.fromCharCode(c)}`;
    jd.push(items.get(code) ?? (disabled.has(code) ? undefined : generic));
  }
  return { flags, items, forms, literals, jd, maxBracketLength, disabled };
}

/**
 * A table with a deployment's overrides (validated; throws a ZodError on a malformed file). Compiles at
 * once so that mistakes surface at start-up rather than on the first message.
 */
export function createEmojiTable(overrides: EmojiTableOverrides = {}): EmojiTable {
  const parsed = EmojiTableOverridesSchema.parse(overrides);
  return { overrides: parsed, compiled: compileEmojiTable(parsed) };
}

export const defaultEmojiTable: EmojiTable = { overrides: {}, compiled: undefined };

export function compiledEmojiTable(table: EmojiTable): CompiledEmojiTable {
  table.compiled ??= compileEmojiTable(table.overrides);
  return table.compiled;
}

/** The item for a key (or any spelling: `/::)`, `👍🏽`, `#E-s[数字x]`). */
export function lookupEmoji(key: string, table: EmojiTable = defaultEmojiTable): EmojiItem | undefined {
  const t = compiledEmojiTable(table);
  const form = t.forms.get(key);
  const item = t.items.get(form ? form.key : key);
  if (item) return item;
  if (key.startsWith('#E-')) return t.jd[key.charCodeAt(3) - 0x61];
  const canonical = canonicalEmojiKey(key);
  return canonical === key ? undefined : t.items.get(canonical);
}
