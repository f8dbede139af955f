import type { Emotion } from '@serviq/core';
import { z } from 'zod';

/** The largest instant JavaScript dates (and the reports) accept. */
export const MAX_EPOCH_MS = 8.64e15;

export const REPORT_GROUPS = [
  'none',
  'agent',
  'team',
  'channel',
  'queue',
  'tag',
  'day',
  'week',
  'month',
] as const;
export const ReportGroupBySchema = z.enum(REPORT_GROUPS);
export type ReportGroupBy = z.infer<typeof ReportGroupBySchema>;

/** An instant: epoch ms (a number, or digits as query strings carry it) or ISO 8601 with Z or an offset. */
const InstantSchema = z.union(
  [
    z.number().int().min(0).max(MAX_EPOCH_MS),
    z
      .string()
      .regex(/^\d{1,16}$/)
      .transform(Number)
      .pipe(z.number().max(MAX_EPOCH_MS)),
    z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  ],
  { error: 'expected epoch milliseconds or an ISO 8601 date-time with Z or an offset' },
);

function isTimeZone(name: string): boolean {
  // IANA names only: PostgreSQL reads '+08:00' or 'UTC+8' as POSIX zones, with the sign reversed.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const FilterSchema = z.string().min(1).max(200).optional();

/**
 * A report: [from, to) widened to whole UTC hours (the rollups' resolution), one row per group.
 * Day, week (from Monday) and month buckets are local to `timeZone`; a zone whose offset is not a
 * whole number of hours (Asia/Kolkata) puts each hour in the bucket its start falls in. Filters
 * keep the conversations with that agent, team, channel or queue. Each row lists its `topHits` most
 * hit rules (default 10 without grouping, 5 per group).
 */
export const ReportQuerySchema = z
  .strictObject({
    from: InstantSchema,
    to: InstantSchema,
    groupBy: ReportGroupBySchema.default('none'),
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'expected an IANA time zone such as Asia/Shanghai' })
      .default('UTC'),
    agent: FilterSchema,
    team: FilterSchema,
    channel: FilterSchema,
    queue: FilterSchema,
    /** How many rules each row's topHits lists (0: none, and faster): the agent page compares every
     * rule with the team's, breakdowns that show no rules ask for none. */
    topHits: z.coerce.number().int().min(0).max(1000).optional(),
  })
  .refine((q) => q.from < q.to, { path: ['to'], error: 'must be later than from' });
export type ReportQuery = z.input<typeof ReportQuerySchema>;

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
  /** Rules by conversations hit: the top 10 without grouping, the top 5 of each group otherwise, or
   * as many as the query's `topHits`. */
  topHits: TopHit[];
};

/** The answer of GET /reports (getReport). */
export type Report = {
  /** The hours covered, ISO: from rounded down and to rounded up to whole hours. */
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  timeZone: string;
  rows: ReportRow[];
};
