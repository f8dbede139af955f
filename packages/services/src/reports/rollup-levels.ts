// Which rows the rollup tables hold (see packages/storage/migrations/0002_rollups.sql): per grain,
// the levels (sets of kept key columns) that are materialised, and which one answers a report.

export type Grain = 'hour' | 'day';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Year 275760: the last instant a Date holds. */

/** The key columns of a rollup row, with their bit in `dims`. */
export const DIMS = { agent_id: 1, team_id: 2, channel: 4, queue: 8, tag: 16 } as const;
export type DimColumn = keyof typeof DIMS;

const A = DIMS.agent_id;
const T = DIMS.team_id;
const C = DIMS.channel;
const Q = DIMS.queue;
const TAG = DIMS.tag;
export const FULL = A | T | C | Q;

export type RollupTable = 'report_rollups' | 'report_hit_rollups';

/**
 * The levels each table keeps per grain, smallest (fewest rows) first. A level earns its place
 * where it holds far fewer rows than the finest one a report would otherwise scan: an hour holds a
 * few hundred conversations, so hour levels with the agent or two columns barely compress, and an
 * agent's or team's rows are read from the finest level through its index. Hour rows serve the
 * ends of a range, reports bucketed by local days of other time zones, and are the source of the
 * day rows. Rule hits are sparser still: a day of hits per agent, channel and queue is about as
 * many rows as its hours, so the hit table keeps no finest day level. Rows with the tag bit count
 * conversations once per tag and answer only reports grouped by tag. A report that no day level
 * answers reads hour rows throughout.
 */
export const LEVELS: Record<RollupTable, Record<Grain, readonly number[]>> = {
  report_rollups: {
    hour: [0, C, Q, T, FULL, TAG | FULL],
    day: [0, C, Q, T, C | Q, T | Q, T | C, A | T, FULL, TAG, TAG | C, TAG | Q, TAG | T],
  },
  report_hit_rollups: {
    hour: [0, C, Q, FULL, TAG | FULL],
    day: [0, C, Q, T, C | Q, T | Q, T | C, A | T, TAG],
  },
};

/** The smallest level of the table and grain that keeps every column in `needed`, if there is one. */
export function levelFor(table: RollupTable, grain: Grain, needed: number): number | undefined {
  return LEVELS[table][grain].find((dims) => (dims & needed) === needed && (dims & TAG) === (needed & TAG));
}
