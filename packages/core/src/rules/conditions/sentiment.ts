import { z } from 'zod';
import { EMOTIONS, getDefaultSentimentLexicon, MESSAGE_FLAGS } from '../../sentiment/baseline-sentiment.ts';
import { ComparisonSchema, compare } from '../comparison.ts';
import type { ConditionKind, MessageFilter } from '../condition-types.ts';
import { keywordIdSet } from '../keyword-registry.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';
import { choice, oneOrMany } from './one-or-many.ts';

export const SentimentLabelSchema = choice(['negative', 'neutral', 'positive']);
export const EmotionSchema = choice(EMOTIONS);
const LabelsSchema = oneOrMany(SentimentLabelSchema);
const PolaritySchema = z.strictObject({ polarity: ComparisonSchema });

function filter(key: string, test: MessageFilter['test']): MessageFilter {
  return { key, isScope: false, test };
}

/** `sentiment: negative`, `sentiment: [negative, neutral]` or `sentiment: { polarity: { lte: -0.5 } }`. */
export const sentimentKind: ConditionKind = {
  key: 'sentiment',
  compile(value, scope) {
    // A map is a polarity comparison, anything else labels: each gets its own precise errors.
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const p = scope.parse(PolaritySchema, value);
      if (!p) return undefined;
      return [{ filter: filter('sentiment', (ev, m) => compare(ev.sentimentOf(m).polarity, p.polarity)) }];
    }
    const labels = scope.parse(LabelsSchema, value);
    if (!labels) return undefined;
    return [{ filter: filter('sentiment', (ev, m) => labels.includes(ev.sentimentOf(m).label)) }];
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
    const flags = scope.parse(oneOrMany(choice(MESSAGE_FLAGS)), value);
    if (!flags) return undefined;
    // A flag needs one of its lexicon terms: where none occurs, no message is scored at all.
    const terms = flags.flatMap((f) => getDefaultSentimentLexicon().flagTerms[f] ?? []);
    const triggers = keywordIdSet(terms.map((t) => scope.keywords.register(t, scope.roles)));
    return [
      {
        filter: {
          ...filter('flags', (ev, m) => ev.sentimentOf(m).flags.some((f) => flags.includes(f))),
          mayPass: (ev: RuleEvaluation) => !ev.isDefaultLexicon || ev.hasAnyKeyword(triggers),
        },
      },
    ];
  },
};
