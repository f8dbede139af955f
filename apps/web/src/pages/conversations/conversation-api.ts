import type { AnalysisResult } from '@serviq/core';

// The answers of the conversation routes, as the pages read them (docs/api.md).

/** A row of GET /conversations. */
export type ConversationSummary = {
  id: string;
  source: string;
  externalId: string;
  channel: string;
  queue: string | null;
  tags: string[];
  agentId: string | null;
  agentIds: string[];
  teamId: string | null;
  status: 'open' | 'closed';
  startedAt: string;
  endedAt: string;
  messageCount: number;
  csat: number | null;
  score: number | null;
  maxScore: number | null;
  isPassed: boolean | null;
  isFatal: boolean | null;
  hasAlert: boolean;
  firstResponseMs: number | null;
  isSlaMet: boolean | null;
  customerEndEmotion: string | null;
  customerTrend: 'improved' | 'worsened' | 'flat' | null;
  agentEmoji: number;
  agentEmojiWhileNegative: number;
  hitRules: string[];
};

export type ConversationPage = {
  items: ConversationSummary[];
  total: number | null;
  limit: number;
  offset: number;
};

export type Message = {
  id: string;
  seq: number;
  at: string;
  role: 'customer' | 'agent' | 'bot' | 'system';
  authorId: string | null;
  text: string;
  durationMs: number | null;
};

export type RuleVerdict = {
  rule: string;
  name: string;
  category: string;
  severity: string;
  points: number;
  isFatal: boolean;
  status: 'hit' | 'pass' | 'not-applicable';
  scored: number;
  reason: string | null;
};

/** GET /conversations/{id}. */
export type ConversationDetail = ConversationSummary & {
  language: string | null;
  industry: string | null;
  customerId: string | null;
  ratingComment: string | null;
  isResolved: boolean | null;
  messages: Message[];
  analysis: AnalysisResult | null;
  ruleGeneration: number | null;
  reviews: {
    id: number;
    reviewerId: number;
    score: number;
    verdicts: { rule: string; verdict: 'hit' | 'pass' | 'na'; comment?: string }[];
    comment: string | null;
    createdAt: string;
  }[];
  alerts: {
    id: number;
    rule: string;
    name: string;
    severity: string;
    createdAt: string;
    acknowledgedAt: string | null;
  }[];
  verdicts: {
    generation: number | null;
    scorecard: { id: string; name: string; mode: 'deduction' | 'weighted'; passScore: number } | null;
    rules: RuleVerdict[];
  };
};

/** GET /conversation-filters. */
export type FilterChoices = {
  queues: string[];
  tags: string[];
  rules: { id: string; names: string[]; category: string; scorecards: string[] }[];
};
