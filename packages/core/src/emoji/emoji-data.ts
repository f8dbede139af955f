import bracketRows from '../../data/emoji/bracket-codes.json' with { type: 'json' };
import emoticonRows from '../../data/emoji/emoticons.json' with { type: 'json' };
import legacyRows from '../../data/emoji/qq-legacy.json' with { type: 'json' };
import unicodeRows from '../../data/emoji/unicode.json' with { type: 'json' };
import type { EmojiCategory, EmojiItem } from './emoji-types.ts';

/** Rows of the shipped data files (shapes checked by test/emoji.test.ts). */
export type BracketCodeRow = {
  code: string;
  platforms: string[];
  category: EmojiCategory;
  polarity: number;
  zh: string;
  en: string;
  note?: string;
};
export type LegacyCodeRow = { code: string; bracket: string; platforms: string[]; zh: string; en: string };
export type EmoticonRow = {
  code: string;
  kind: 'ascii' | 'kaomoji';
  category: EmojiCategory;
  polarity: number;
  zh: string;
  en: string;
  note?: string;
};
/** `[category, polarity, zh name, en name]`, keyed by the emoji without VS16 or skin tone. */
export type UnicodeRow = [EmojiCategory, number, string, string];

export const BRACKET_CODES = bracketRows as BracketCodeRow[];
export const LEGACY_CODES = legacyRows as LegacyCodeRow[];
export const EMOTICONS = emoticonRows as EmoticonRow[];
// The inferred type of a 1,900-key JSON object cannot be narrowed to tuples directly.
export const UNICODE_EMOJI = unicodeRows as unknown as Record<string, UnicodeRow>;

/**
 * JD (京东咚咚) emoticons survive in exported chats only as `#E-s01`, or `#E-s[数字x]` after JDDC's
 * anonymisation. The letter names the set; per-code meanings are unknown, but in JDDC the `s` set appears
 * almost only in greetings and thanks (很高兴遇到您, 请问还有其他…), so it is read as a smile. Customers
 * append it to demands too (今天必须到#E-s…), so it carries almost no polarity.
 */
const jdFamily = (code: string, category: EmojiCategory, set: string): EmojiItem => ({
  code,
  kind: 'jd',
  category,
  polarity: 0.05,
  zh: `京东表情${set}`,
  en: `JD emoticon${set}`,
});

export const JD_FAMILIES: readonly EmojiItem[] = [
  jdFamily('#E-s', 'smile', '(s)'),
  jdFamily('#E-b', 'other', '(b)'),
  jdFamily('#E-j', 'other', '(j)'),
  /** Any other set letter. */
  jdFamily('#E-', 'other', ''),
];
