import type { EmojiTable } from '../emoji/index.ts';
import type { MetricsOptions } from '../metrics/index.ts';
import type { CompiledRuleSet } from '../rules/compile-rule-set.ts';
import type { SentimentLexicon } from '../sentiment/baseline-sentiment.ts';
import type { PiiKind } from '../text/pii.ts';
import type { Segmenter } from '../text/text-features.ts';

/** Everything the pure analysis needs besides the conversation, built once per run. */
export type AnalysisContext = {
  segment?: Segmenter;
  emojiTable?: EmojiTable;
  sentimentLexicon?: SentimentLexicon;
  metrics?: MetricsOptions;
  piiKinds?: PiiKind[];
  /** The compiled scorecards; without them conversations are analysed but not scored. */
  ruleSet?: CompiledRuleSet;
  /** Mask PII inside evidence text. */
  isRedacting?: boolean;
};
