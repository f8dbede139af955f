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
 * keep the conversations with that agent, team, channel or queue.
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
  })
  .refine((q) => q.from < q.to, { path: ['to'], error: 'must be later than from' });
export type ReportQuery = z.input<typeof ReportQuerySchema>;
