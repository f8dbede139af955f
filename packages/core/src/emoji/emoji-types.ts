/** How the emoji was written: the syntax that matched, not what it means. */
export type EmojiKind = 'unicode' | 'bracket' | 'qq-legacy' | 'jd' | 'emoticon' | 'kaomoji';

export const EMOJI_KINDS: readonly EmojiKind[] = [
  'unicode',
  'bracket',
  'qq-legacy',
  'jd',
  'emoticon',
  'kaomoji',
];

export type EmojiCategory = 'smile' | 'laugh' | 'love' | 'gesture' | 'sad' | 'angry' | 'surprise' | 'other';

export const EMOJI_CATEGORIES: readonly EmojiCategory[] = [
  'smile',
  'laugh',
  'love',
  'gesture',
  'sad',
  'angry',
  'surprise',
  'other',
];

/**
 * Polarity an item gets when nothing better is known (no sentiment data, or a deployment adds a code
 * without one). Gestures lean positive because 👍/[强]/[OK] dominate them in service chat.
 */
export const EMOJI_CATEGORY_POLARITY: Readonly<Record<EmojiCategory, number>> = {
  smile: 0.4,
  laugh: 0.6,
  love: 0.7,
  gesture: 0.3,
  sad: -0.5,
  angry: -0.6,
  surprise: 0,
  other: 0,
};

export type EmojiItem = {
  /** The canonical written form; equals the key of matches that resolve to this item. */
  code: string;
  kind: EmojiKind;
  category: EmojiCategory;
  /** -1 (negative) … 1 (positive). */
  polarity: number;
  zh: string;
  en: string;
  /** Reading caveats, e.g. that [微笑] is often passive-aggressive. */
  note?: string;
  platforms?: readonly string[];
};

export type EmojiMatch = {
  /** Exactly as written, `text.slice(start, end)`. */
  text: string;
  /** Canonical item: skin tones and VS16 stripped, legacy `/::)` → `[微笑]`. */
  key: string;
  start: number;
  end: number;
  kind: EmojiKind;
  category: EmojiCategory;
  polarity: number;
};
