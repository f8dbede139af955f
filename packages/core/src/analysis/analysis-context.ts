import type { EmojiTable } from '../emoji/index.ts';
import type { MetricsOptions } from '../metrics/index.ts';
import type { CompiledRuleSet } from '../rules/compile-rule-set.ts';
import type { SatisfactionModel } from '../sentiment/satisfaction.ts';
import type { SentimentScorer } from '../sentiment/sentiment-scorer.ts';
import type { PiiKind } from '../text/pii.ts';
import type { Segmenter } from '../text/text-features.ts';

/** Everything the pure analysis needs besides the conversation, built once per run. */
export type AnalysisContext = {
  segment?: Segmenter;
  emojiTable?: EmojiTable;
  /** Lexicon and trained models per message; the lexicon alone when absent. */
  sentimentScorer?: SentimentScorer;
  /** Coefficients fitted on rated conversations; the shipped ones when absent. */
  satisfactionModel?: SatisfactionModel;
  metrics?: MetricsOptions;
  piiKinds?: PiiKind[];
  /** The compiled scorecards; without them conversations are analysed but not scored. */
  ruleSet?: CompiledRuleSet;
  /** Mask PII inside evidence text. */
  isRedacting?: boolean;
};
