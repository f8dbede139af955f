import { MAX_EPOCH_MS } from '@serviq/contracts';
import type { Queryable } from '@serviq/storage';
import { AppError } from '../service/app-error.ts';
import type { ServiceContext } from '../service/service-context.ts';
import {
  DAY_MS,
  DIMS,
  type DimColumn,
  FULL,
  type Grain,
  HOUR_MS,
  LEVELS,
  type RollupTable,
} from './rollup-levels.ts';
import {
  conversationMeasures,
  MEASURE_COLUMNS,
  measuresFromConversations,
  measuresFromRollups,
} from './rollup-metrics.ts';

// Any fixed number: the advisory lock that makes refreshes take turns (two rebuilding one hour at
// once would both insert its rows).
const REFRESH_LOCK = 5_120_417;

const KEY_COLUMNS: DimColumn[] = ['agent_id', 'team_id', 'channel', 'queue'];

type TableSpec = {
  name: RollupTable;
  /** Key columns besides the dimensions. */
  extraKeys: string[];
  columns: string[];
  /** The FROM of the per-conversation source; `c` is the conversation. */
  from: string;
  perConversation: string;
  sumConversations: string;
  sumRollups: string;
};

const TABLES: TableSpec[] = [
  {
    name: 'report_rollups',
    extraKeys: [],
    columns: MEASURE_COLUMNS,
    from: 'conversations c',
    perConversation: conversationMeasures(),
    sumConversations: measuresFromConversations(),
    sumRollups: measuresFromRollups(),
  },
  {
    name: 'report_hit_rollups',
    extraKeys: ['rule'],
    columns: ['hits'],
    // The conversation's hour and keys, not the hit's, so hits land in the rows of their conversation.
    from: 'rule_hits r JOIN conversations c ON c.id = r.conversation_id',
    perConversation: 'r.rule AS rule, 1 AS hits',
    sumConversations: 'sum(s.hits)',
    sumRollups: 'sum(s.hits)',
  },
];

/** The start (epoch ms) of the UTC hour holding `ms`: the bucket a conversation started then is in. */
export const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;

const iso = (ms: number) => new Date(ms).toISOString();

/** Sorted bucket starts as [from, to) runs of adjacent buckets. */
function runsOf(starts: number[], step: number): [number, number][] {
  const runs: [number, number][] = [];
  for (const start of starts) {
    const last = runs.at(-1);
    if (last && last[1] === start) last[1] = start + step;
    else runs.push([start, start + step]);
  }
  return runs;
}

/**
 * Rebuilds the rollup rows of the given hours (any instant in an hour stands for it) and of the
 * days holding them from what conversations and rule_hits hold now, in one transaction. Whoever
 * adds, re-scores or deletes conversations passes the hours of their started_at (both the old and
 * the new one when it moved); passing an hour twice or an untouched one is harmless.
 */
export async function refreshRollups(ctx: ServiceContext, hours: readonly number[]): Promise<void> {
  if (!hours.every((h) => Number.isFinite(h) && Math.abs(h) <= MAX_EPOCH_MS))
    throw new AppError('invalid', 'hours: expected epoch milliseconds', { field: 'hours' });
  const starts = [...new Set(hours.map(hourOf))].sort((a, b) => a - b);
  if (starts.length === 0) return;
  const days = [...new Set(starts.map((h) => Math.floor(h / DAY_MS) * DAY_MS))];
  await ctx.db.transaction(async (tx) => {
    await prepare(tx);
    await rebuild(tx, 'hour', runsOf(starts, HOUR_MS));
    await rebuild(tx, 'day', runsOf(days, DAY_MS));
  });
}

/** Rebuilds every rollup row from scratch: after a migration that changes them, or to repair. */
export async function refreshAllRollups(ctx: ServiceContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await prepare(tx);
    for (const table of TABLES) await tx.query(`DELETE FROM ${table.name}`);
    await rebuild(tx, 'hour', null);
    await rebuild(tx, 'day', null);
  });
}

async function prepare(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [REFRESH_LOCK]);
  // Compiling the wide aggregates (JIT) takes seconds, far longer than running them for a few hours.
  await tx.query('SET LOCAL jit = off');
}

/**
 * Replaces the rows of the grain whose bucket lies in `runs`, or all of them when null. The runs
 * are spelled out as ranges, not joined from an array, so the planner sees how few rows they hold.
 */
async function rebuild(tx: Queryable, grain: Grain, runs: [number, number][] | null): Promise<void> {
  const params = runs?.flat().map(iso) ?? [];
  const within = (column: string) =>
    runs === null
      ? 'TRUE'
      : `(${runs
          .map((_, i) => `${column} >= $${2 * i + 1}::timestamptz AND ${column} < $${2 * i + 2}::timestamptz`)
          .join(' OR ')})`;
  for (const table of TABLES) {
    if (runs)
      await tx.query(
        `DELETE FROM ${table.name} WHERE grain = '${grain}' AND dims IN (${LEVELS[table.name][grain].join(', ')}) AND ${within('bucket')}`,
        params,
      );
    for (const isTagged of [false, true]) {
      const levels = LEVELS[table.name][grain].filter(
        (dims) => (dims & DIMS.tag) === (isTagged ? DIMS.tag : 0),
      );
      if (levels.length === 0) continue;
      const sql =
        grain === 'hour'
          ? insertHoursSql(table, levels, isTagged, within('c.started_at'))
          : insertDaysSql(table, levels, isTagged, within('r.bucket'));
      await tx.query(sql, params);
    }
  }
}

/** INSERT … SELECT that groups `s` by bucket (and tag) into the given levels. */
function groupedInsertSql(
  table: TableSpec,
  grain: Grain,
  levels: number[],
  isTagged: boolean,
  source: string,
  sums: string,
): string {
  const sets = levels.map(
    (dims) =>
      `(${KEY_COLUMNS.filter((k) => dims & DIMS[k])
        .map((k) => `s.${k}`)
        .join(', ')})`,
  );
  // Columns no level keeps are not grouping columns: they are '' throughout.
  const kept = KEY_COLUMNS.filter((k) => levels.some((dims) => dims & DIMS[k]));
  const dims = [isTagged ? DIMS.tag : 0, ...kept.map((k) => `(1 - GROUPING(s.${k})) * ${DIMS[k]}`)].join(
    ' + ',
  );
  const keys = KEY_COLUMNS.map((k) => (kept.includes(k) ? `coalesce(s.${k}, '')` : "''"));
  const extra = table.extraKeys.map((k) => `s.${k}`);
  const tag = isTagged ? 's.tag' : "''";
  return `INSERT INTO ${table.name}
      (grain, dims, bucket, ${KEY_COLUMNS.join(', ')}, tag, ${[...table.extraKeys, ...table.columns].join(', ')})
    SELECT '${grain}', ${dims}, s.bucket, ${keys.join(', ')}, ${tag},
      ${[...extra, sums].join(',\n')}
    FROM (${source}) s
    GROUP BY ${['s.bucket', ...(isTagged ? ['s.tag'] : []), ...extra].join(', ')}, GROUPING SETS (${sets.join(', ')})`;
}

/** Hour rows from conversations started `within` the hours rebuilt. */
function insertHoursSql(table: TableSpec, levels: number[], isTagged: boolean, within: string): string {
  const source = `SELECT date_trunc('hour', c.started_at, 'UTC') AS bucket,
      coalesce(c.agent_id, '') AS agent_id, coalesce(c.team_id, '') AS team_id, c.channel,
      coalesce(c.queue, '') AS queue${isTagged ? ', g.tag' : ''},
      ${table.perConversation}
    FROM ${table.from}
    ${isTagged ? "CROSS JOIN LATERAL (SELECT DISTINCT t FROM unnest(c.tags) AS t WHERE t <> '') AS g (tag)" : ''}
    WHERE ${within}`;
  return groupedInsertSql(table, 'hour', levels, isTagged, source, table.sumConversations);
}

/** Day rows from the finest hour rows `within` the days rebuilt. */
function insertDaysSql(table: TableSpec, levels: number[], isTagged: boolean, within: string): string {
  const finest = FULL | (isTagged ? DIMS.tag : 0);
  const source = `SELECT date_trunc('day', r.bucket, 'UTC') AS bucket,
      ${[...KEY_COLUMNS, 'tag', ...table.extraKeys, ...table.columns].map((k) => `r.${k}`).join(', ')}
    FROM ${table.name} r
    WHERE r.grain = 'hour' AND r.dims = ${finest} AND ${within}`;
  return groupedInsertSql(table, 'day', levels, isTagged, source, table.sumRollups);
}
