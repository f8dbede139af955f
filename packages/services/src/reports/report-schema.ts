import type { ReportGroupBy } from '@serviq/contracts';
import type { Emotion } from '@serviq/core';

export type TopHit = { rule: string; count: number };

/** One group's figures; rates are null where nothing was measured. */
export type ReportRow = {
  /** The agent, team, channel, queue or tag ('' in the data: null), the local day or week start
   * (YYYY-MM-DD), the month (YYYY-MM); null when not grouped. */
  key: string | null;
  volume: { conversations: number; messages: number };
  firstResponse: { p50Sec: number | null; p90Sec: number | null; count: number };
  slaMetRate: number | null;
  /** Satisfied: CSAT 4 or 5. */
  csat: { avg: number | null; satisfiedRate: number | null; count: number };
  /** Over the conversations a scorecard scored. */
  avgScore: number | null;
  passRate: number | null;
  scored: number;
  fatal: number;
  /** Scored conversations by score / max score: [0 %, 10 %), … [90 %, 100 %]. */
  scoreDistribution: number[];
  /** The customer's emotion at the end of each conversation. */
  emotionMix: Record<Emotion, number>;
  /** Of the conversations where the customer spoke, those whose last customer polarity was ≤ −0.2. */
  negativeEndRate: number | null;
  emoji: { perAgentMessage: number | null; messagesWithEmojiRate: number | null; whileNegative: number };
  /** Rules by conversations hit: the top 10 without grouping, the top 5 of each group otherwise. */
  topHits: TopHit[];
};

export type Report = {
  /** The hours covered, ISO: from rounded down and to rounded up to whole hours. */
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  timeZone: string;
  rows: ReportRow[];
};
