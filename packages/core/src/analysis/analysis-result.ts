import type { ConversationMetrics } from '../metrics/index.ts';
import type { Channel } from '../model/conversation.ts';
import type { CategoryScore } from '../rules/score-conversation.ts';
import type { Emotion, MessageFlag, SentimentLabel } from '../sentiment/baseline-sentiment.ts';
import type { Language } from '../text/detect-language.ts';

/** A character span of one message (index into the time-sorted messages) that made a rule hit. */
export type Evidence = { message: number; start: number; end: number; text: string };

export type Severity = 'minor' | 'major' | 'critical';

export type RuleHit = {
  rule: string;
  name: string;
  category: string;
  severity: Severity;
  points: number;
  isFatal?: true;
  messages: number[];
  evidence: Evidence[];
};

export type EmojiUse = {
  count: number;
  messagesWithEmoji: number;
  perMessage: number;
  items: Record<string, number>;
  categories: Record<string, number>;
};

/** One agent's emoji habits in this conversation; `whileCustomerNegative` counts emoji sent while the customer's latest message was negative. */
export type AgentEmojiUse = {
  messages: number;
  count: number;
  messagesWithEmoji: number;
  whileCustomerNegative: number;
};

export type MessageSentimentResult = {
  index: number;
  polarity: number;
  label: SentimentLabel;
  emotion: Emotion;
  confidence: number;
  flags?: MessageFlag[];
};

export type CustomerTrajectory = {
  start: number;
  end: number;
  min: number;
  mean: number;
  startEmotion: Emotion;
  endEmotion: Emotion;
  trend: 'improved' | 'worsened' | 'flat';
};

/** One conversation's analysis, in the shape of DESIGN §4 (same field names everywhere). */
export type AnalysisResult = {
  id: string;
  source: string;
  language: Language;
  channel: Channel;
  queue?: string;
  agents: string[];
  /** null when no scorecard applies to the conversation (or analysis ran without rules). */
  score: number | null;
  maxScore: number;
  passed: boolean | null;
  /** Below the scorecard's alertBelow, or a fatal hit. */
  alert: boolean;
  fatal: boolean;
  scorecard: string | null;
  /** Content hash of the scorecard with its includes: any change of the rules gives a new version. */
  scorecardVersion: string | null;
  hits: RuleHit[];
  notApplicable: string[];
  /** Per category: points, hits, rules applicable and N/A (and the 0–100 score in weighted mode). */
  categories: CategoryScore[];
  metrics: ConversationMetrics;
  sentiment: { customer: CustomerTrajectory | null; messages: MessageSentimentResult[] };
  emoji: { agent: EmojiUse; customer: EmojiUse; byAgent: Record<string, AgentEmojiUse> };
  pii: { customer: number; agent: number };
  /** Agent messages the lexicon flagged as rude or impatient. */
  agentConduct: { rude: number; impatient: number };
  satisfaction: { predicted: number; confidence: number; actual?: number };
  flags: MessageFlag[];
};
