import { z } from 'zod';
import { EMOJI_CATEGORIES, EMOJI_KINDS } from './emoji-types.ts';

/**
 * One deployment change to the emoji table. An existing code is patched field by field; a new code is
 * added. Its kind follows from how it is written (`[名]` bracket, `#E-` JD, `/:` legacy, Unicode emoji);
 * `kind` may restate that, or choose between the free-form kinds: an `emoticon` must stand apart from
 * words and numbers (the default for ASCII), a `kaomoji` is distinctive enough to match anywhere.
 */
export const EmojiItemOverrideSchema = z.strictObject({
  code: z.string().min(1).max(64),
  kind: z.enum(EMOJI_KINDS).optional(),
  category: z.enum(EMOJI_CATEGORIES).optional(),
  polarity: z.number().min(-1).max(1).optional(),
  zh: z.string().max(100).optional(),
  en: z.string().max(100).optional(),
  note: z.string().max(500).optional(),
  /** Accepted so that a row copied from bracket-codes.json is a valid override. */
  platforms: z.array(z.string().max(30)).optional(),
});

export const EmojiTableOverridesSchema = z.strictObject({
  items: z.array(EmojiItemOverrideSchema).optional(),
  /** Codes or keys that are no longer emoji; disabling `[微笑]` also disables `/::)`. */
  disable: z.array(z.string().min(1).max(64)).optional(),
});

export type EmojiItemOverride = z.infer<typeof EmojiItemOverrideSchema>;
export type EmojiTableOverrides = z.infer<typeof EmojiTableOverridesSchema>;
