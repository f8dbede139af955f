export {
  type EmojiItemOverride,
  EmojiItemOverrideSchema,
  type EmojiTableOverrides,
  EmojiTableOverridesSchema,
} from './emoji-overrides.ts';
export {
  canonicalEmojiKey,
  createEmojiTable,
  defaultEmojiTable,
  type EmojiTable,
  lookupEmoji,
} from './emoji-table.ts';
export {
  EMOJI_CATEGORIES,
  EMOJI_CATEGORY_POLARITY,
  EMOJI_KINDS,
  type EmojiCategory,
  type EmojiItem,
  type EmojiKind,
  type EmojiMatch,
} from './emoji-types.ts';
export { extractEmoji } from './extract-emoji.ts';
