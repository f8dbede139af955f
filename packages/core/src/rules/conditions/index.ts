import type { ConditionKind } from '../condition-types.ts';
import { emojiKind } from './emoji.ts';
import {
  channelKind,
  csatKind,
  customerEmotionKind,
  customerSentimentKind,
  industryKind,
  languageKind,
  messagesKind,
  queueKind,
  resolvedKind,
  tagsKind,
} from './facts.ts';
import { keywordsKind } from './keywords.ts';
import { metricKind } from './metric.ts';
import { piiKind } from './pii.ts';
import { regexKind } from './regex.ts';
import { repetitionKind } from './repetition.ts';
import { positionKind, roleKind } from './scope.ts';
import { emotionKind, flagsKind, sentimentKind } from './sentiment.ts';
import { sequenceKind } from './sequence.ts';
import { similarKind } from './similar.ts';
import { interruptionKind, silenceKind } from './voice.ts';

export { METRIC_NAMES } from './metric.ts';

/** Every building block of docs/rules.md. */
export const BUILTIN_CONDITION_KINDS: readonly ConditionKind[] = [
  roleKind,
  positionKind,
  keywordsKind,
  regexKind,
  similarKind,
  emojiKind,
  sentimentKind,
  emotionKind,
  flagsKind,
  piiKind,
  metricKind,
  silenceKind,
  interruptionKind,
  repetitionKind,
  sequenceKind,
  channelKind,
  queueKind,
  tagsKind,
  industryKind,
  languageKind,
  csatKind,
  resolvedKind,
  customerEmotionKind,
  customerSentimentKind,
  messagesKind,
];
