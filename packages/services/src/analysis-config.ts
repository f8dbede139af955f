import { BusinessHoursSchema } from '@serviq/contracts';
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
import { compileRuleFiles, type RuleFileText } from './rule-files.ts';
import { DEFAULT_MODELS_DIR, readSatisfactionModel, sentimentScorerFor } from './sentiment-models.ts';

const SlaPolicySchema = z.strictObject({
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
export const AnalysisConfigSchema = z.strictObject({
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default('UTC'),
  isRedacting: z.boolean().default(false),
  piiKinds: z.array(z.enum(PII_KINDS)).optional(),
  // null switches the SLA off for a channel (or, as `default`, for every channel not named).
  sla: z.partialRecord(z.enum([...CHANNELS, 'default']), SlaPolicySchema.nullable()).optional(),
  emoji: z
    .strictObject({
      items: z.array(EmojiOverrideSchema).default([]),
      disable: z.array(z.string()).default([]),
    })
    .superRefine((overrides, ctx) => {
      // The table's own checks (a code written as one kind but declared another) run at start-up.
      try {
        createEmojiTable(overrides);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  userDictionaries: z.array(z.string()).default([]),
  maxMessageChars: z.number().int().positive().default(DEFAULT_MAX_MESSAGE_CHARS),
  maxMessages: z.number().int().positive().default(DEFAULT_MAX_MESSAGES),
  /** Sentiment and emotion models: a directory (default: the shipped ones), or null for the lexicon alone. */
  models: z.string().nullable().optional(),
  /** A satisfaction model fitted with `serviq train --task satisfaction` (default: the shipped one). */
  satisfactionModel: z.string().optional(),
});
export type AnalysisConfig = z.output<typeof AnalysisConfigSchema>;

/** The analysis context of a run; `rules` undefined analyses without scoring. Rule errors throw (check them first). */
export function buildAnalysisContext(
  config: AnalysisConfig,
  rules?: readonly RuleFileText[],
): AnalysisContext {
  const ctx: AnalysisContext = {
    segment: createJiebaSegmenter(config.userDictionaries),
    isRedacting: config.isRedacting,
  };
  if (config.emoji) ctx.emojiTable = createEmojiTable(config.emoji);
  if (rules) {
    const { ruleSet, issues } = compileRuleFiles(rules, ctx.emojiTable ? { emojiTable: ctx.emojiTable } : {});
    const error = issues.find((i) => i.severity === 'error');
    if (error) throw new Error(`rules: ${error.file}: ${error.message}`);
    ctx.ruleSet = ruleSet;
  }
  if (config.models !== null) {
    ctx.sentimentScorer = sentimentScorerFor(config.models ?? DEFAULT_MODELS_DIR);
  }
  if (config.satisfactionModel) ctx.satisfactionModel = readSatisfactionModel(config.satisfactionModel);
  if (config.piiKinds) ctx.piiKinds = config.piiKinds;
  if (config.sla) ctx.metrics = { sla: config.sla };
  return ctx;
}
