import {
  type AnalysisContext,
  CHANNELS,
  createEmojiTable,
  DEFAULT_MAX_MESSAGE_CHARS,
  DEFAULT_MAX_MESSAGES,
  isValidTimeZone,
  PII_KINDS,
} from '@serviq/core';
import { z } from 'zod';
import { createJiebaSegmenter } from './jieba-segmenter.ts';

const TimeRange = z.tuple([z.string().regex(/^\d{2}:\d{2}$/), z.string().regex(/^\d{2}:\d{2}$/)]);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const BusinessHoursSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
  weekly: z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), z.array(TimeRange)),
  holidays: z.array(Day).optional(),
  workdays: z.array(Day).optional(),
  workdayHours: z.array(TimeRange).optional(),
});

const SlaPolicySchema = z.object({
  firstResponseSec: z.number().positive(),
  responseSec: z.number().positive().optional(),
  businessHours: BusinessHoursSchema.optional(),
});

const EmojiOverrideSchema = z.object({
  code: z.string().min(1),
  kind: z.enum(['unicode', 'bracket', 'qq-legacy', 'jd', 'emoticon', 'kaomoji']).optional(),
  category: z.enum(['smile', 'laugh', 'love', 'gesture', 'sad', 'angry', 'surprise', 'other']).optional(),
  polarity: z.number().min(-1).max(1).optional(),
  zh: z.string().optional(),
  en: z.string().optional(),
});

/** Everything an analysis run is configured with; plain JSON so it can cross into workers. */
export const AnalysisConfigSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default('UTC'),
  isRedacting: z.boolean().default(false),
  piiKinds: z.array(z.enum(PII_KINDS)).optional(),
  sla: z.partialRecord(z.enum([...CHANNELS, 'default']), SlaPolicySchema).optional(),
  emoji: z
    .object({ items: z.array(EmojiOverrideSchema).default([]), disable: z.array(z.string()).default([]) })
    .optional(),
  userDictionaries: z.array(z.string()).default([]),
  maxMessageChars: z.number().int().positive().default(DEFAULT_MAX_MESSAGE_CHARS),
  maxMessages: z.number().int().positive().default(DEFAULT_MAX_MESSAGES),
});
export type AnalysisConfig = z.output<typeof AnalysisConfigSchema>;

export function buildAnalysisContext(config: AnalysisConfig): AnalysisContext {
  const ctx: AnalysisContext = {
    segment: createJiebaSegmenter(config.userDictionaries),
    isRedacting: config.isRedacting,
  };
  if (config.emoji) ctx.emojiTable = createEmojiTable(config.emoji);
  if (config.piiKinds) ctx.piiKinds = config.piiKinds;
  if (config.sla) ctx.metrics = { sla: config.sla };
  return ctx;
}
