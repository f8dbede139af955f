import { z } from 'zod';
import { EMOTIONS, MESSAGE_FLAGS } from '../../sentiment/baseline-sentiment.ts';
import { ComparisonSchema, compare } from '../comparison.ts';
import type { ConditionKind, MessageFilter } from '../condition-types.ts';
import { oneOrMany } from './one-or-many.ts';

export const SentimentLabelSchema = z.enum(['negative', 'neutral', 'positive']);
export const EmotionSchema = z.enum(EMOTIONS);
const SentimentSchema = z.union([
  oneOrMany(SentimentLabelSchema),
  z.strictObject({ polarity: ComparisonSchema }),
]);

function filter(key: string, test: MessageFilter['test']): MessageFilter {
  return { key, isScope: false, test };
}

/** `sentiment: negative`, `sentiment: [negative, neutral]` or `sentiment: { polarity: { lte: -0.5 } }`. */
export const sentimentKind: ConditionKind = {
  key: 'sentiment',
  compile(value, scope) {
    const s = scope.parse(SentimentSchema, value);
    if (!s) return undefined;
    if (Array.isArray(s))
      return [{ filter: filter('sentiment', (ev, m) => s.includes(ev.sentimentOf(m).label)) }];
    return [{ filter: filter('sentiment', (ev, m) => compare(ev.sentimentOf(m).polarity, s.polarity)) }];
  },
};

export const emotionKind: ConditionKind = {
  key: 'emotion',
  compile(value, scope) {
    const emotions = scope.parse(oneOrMany(EmotionSchema), value);
    if (!emotions) return undefined;
    return [{ filter: filter('emotion', (ev, m) => emotions.includes(ev.sentimentOf(m).emotion)) }];
  },
};

export const flagsKind: ConditionKind = {
  key: 'flags',
  compile(value, scope) {
    const flags = scope.parse(oneOrMany(z.enum(MESSAGE_FLAGS)), value);
    if (!flags) return undefined;
    return [{ filter: filter('flags', (ev, m) => ev.sentimentOf(m).flags.some((f) => flags.includes(f))) }];
  },
};
