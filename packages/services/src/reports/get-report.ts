import {
  type Report,
  type ReportGroupBy,
  type ReportQuery,
  ReportQuerySchema,
  type ReportRow,
  type TopHit,
} from '@serviq/contracts';
import { EMOTIONS, type Emotion } from '@serviq/core';
import type { z } from 'zod';
import { type Actor, authorize, type Visibility, visibilityOf, visibilitySql } from '../service/actor.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { hourOf } from './refresh-rollups.ts';
import {
  DAY_MS,
  DIMS,
  type DimColumn,
  FULL,
  type Grain,
  HOUR_MS,
  levelFor,
  type RollupTable,
} from './rollup-levels.ts';
import {
  FIRST_RESPONSE_COLUMNS,
  histogramQuantileSec,
  reportMeasures,
  SCORE_COLUMNS,
} from './rollup-metrics.ts';

const GROUP_COLUMN: Partial<Record<ReportGroupBy, DimColumn>> = {
  agent: 'agent_id',
  team: 'team_id',
  channel: 'channel',
  queue: 'queue',
  tag: 'tag',
};
const TIME_GROUP: Partial<Record<ReportGroupBy, { unit: string; format: string }>> = {
  day: { unit: 'day', format: 'YYYY-MM-DD' },
  week: { unit: 'week', format: 'YYYY-MM-DD' },
  month: { unit: 'month', format: 'YYYY-MM' },
};
const FILTER_COLUMN = { agent: 'agent_id', team: 'team_id', channel: 'channel', queue: 'queue' } as const;

type Piece = { grain: Grain; dims: number; from: number; to: number };

/**
 * The rows of the table that cover [from, to) (whole hours) and keep the `needed` columns: the
 * whole UTC days from day rows, the hours at either end from hour rows. Local days of another time
 * zone do not line up with UTC days, so reports bucketed by them read hours only, as do reports no
 * day level answers.
 */
function piecesOf(
  table: RollupTable,
  from: number,
  to: number,
  needed: number,
  isDayAligned: boolean,
): Piece[] {
  // The hour grain keeps the finest levels, so one of them always answers.
  const hour = levelFor(table, 'hour', needed) ?? FULL | (needed & DIMS.tag);
  const day = isDayAligned ? levelFor(table, 'day', needed) : undefined;
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(to / DAY_MS) * DAY_MS;
  if (day === undefined || firstDay >= lastDay) return [{ grain: 'hour', dims: hour, from, to }];
  const pieces: Piece[] = [{ grain: 'day', dims: day, from: firstDay, to: lastDay }];
  if (from < firstDay) pieces.push({ grain: 'hour', dims: hour, from, to: firstDay });
  if (lastDay < to) pieces.push({ grain: 'hour', dims: hour, from: lastDay, to });
  return pieces;
}

const isUtc = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone === 'UTC';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number) => (b === 0 ? null : round(a / b, 3));

/** A row of the report query: the group's key, every measure summed (see reportMeasures). */
type SumsRow = { key: string | null } & Record<string, unknown>;

function toRow(s: SumsRow, topHits: TopHit[]): ReportRow {
  const n = (column: string) => s[column] as number;
  const firstResponses = FIRST_RESPONSE_COLUMNS.map(n);
  return {
    key: s.key === '' ? null : s.key,
    volume: { conversations: n('conversations'), messages: n('messages') },
    firstResponse: {
      p50Sec: histogramQuantileSec(firstResponses, 0.5),
      p90Sec: histogramQuantileSec(firstResponses, 0.9),
      count: n('first_responses'),
    },
    slaMetRate: ratio(n('sla_met'), n('sla_judged')),
    csat: {
      avg: n('csat_count') ? round(n('csat_sum') / n('csat_count'), 2) : null,
      satisfiedRate: ratio(n('csat_satisfied'), n('csat_count')),
      count: n('csat_count'),
    },
    avgScore: n('scored') ? round(n('score_sum') / n('scored'), 1) : null,
    passRate: ratio(n('passed'), n('scored')),
    scored: n('scored'),
    fatal: n('fatal'),
    scoreDistribution: SCORE_COLUMNS.map(n),
    emotionMix: Object.fromEntries(EMOTIONS.map((e) => [e, n(`end_${e}`)])) as Record<Emotion, number>,
    negativeEndRate: ratio(n('negative_end'), n('customer_ended')),
    emoji: {
      perAgentMessage: ratio(n('agent_emoji'), n('agent_messages')),
      messagesWithEmojiRate: ratio(n('agent_emoji_messages'), n('agent_messages')),
      whileNegative: n('agent_emoji_while_negative'),
    },
    topHits,
  };
}

const compareKeys = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

type ParsedQuery = z.output<typeof ReportQuerySchema>;

/** The conditions every row of the report meets (filters, visibility) and the columns they need. */
function scopeOf(q: ParsedQuery, visibility: Visibility, params: unknown[]) {
  const groupColumn = GROUP_COLUMN[q.groupBy];
  // The level read must keep every column the report groups, filters or restricts by.
  let needed = groupColumn ? DIMS[groupColumn] : 0;
  if (visibility.kind === 'teams') needed |= DIMS.team_id;
  if (visibility.kind === 'agent') needed |= DIMS.agent_id;
  const conditions: string[] = [];
  for (const [field, column] of Object.entries(FILTER_COLUMN)) {
    const value = q[field as keyof typeof FILTER_COLUMN];
    if (value === undefined) continue;
    needed |= DIMS[column];
    params.push(value);
    conditions.push(`${column} = $${params.length}`);
  }
  conditions.push(visibilitySql(visibility, params, { team: 'team_id', agent: 'agent_id' }));
  return { needed, conditions };
}

/**
 * The group key: a column, or for time groups the local bucket of each hour in [from, to),
 * computed once per hour by a materialised CTE (inlined, it would be computed for every row).
 */
function groupKeyOf(q: ParsedQuery, from: number, to: number, params: unknown[]) {
  const timeGroup = TIME_GROUP[q.groupBy];
  if (!timeGroup) return { key: GROUP_COLUMN[q.groupBy] ?? 'NULL::text', cte: '', join: '' };
  params.push(q.timeZone, new Date(from).toISOString(), new Date(to - HOUR_MS).toISOString());
  const n = params.length;
  return {
    key: 'k.key',
    cte: `WITH k AS MATERIALIZED (SELECT h AS bucket,
        to_char(date_trunc('${timeGroup.unit}', h AT TIME ZONE $${n - 2}::text), '${timeGroup.format}') AS key
      FROM generate_series($${n - 1}::timestamptz, $${n}::timestamptz, interval '1 hour') AS h)`,
    join: 'JOIN k USING (bucket)',
  };
}

/**
 * The report of DESIGN §2 from the rollup tables, limited to what the actor may see (supervisors
 * their teams, agents their own conversations). Fresh as of the last refreshRollups of each hour.
 */
export async function getReport(ctx: ServiceContext, actor: Actor, query: ReportQuery): Promise<Report> {
  authorize(actor, 'reports:read');
  const q = parseInput(ReportQuerySchema, query);
  const from = hourOf(q.from);
  const to = Math.ceil(q.to / HOUR_MS) * HOUR_MS;
  const params: unknown[] = [];
  const { needed, conditions } = scopeOf(q, visibilityOf(actor), params);
  const { key, cte, join } = groupKeyOf(q, from, to, params);
  const isTimeGroup = TIME_GROUP[q.groupBy] !== undefined;
  const isDayAligned = !isTimeGroup || isUtc(q.timeZone);

  /** Runs `sql` with `where` selecting the table's rows of the report, in a transaction of its own. */
  const read = <T>(table: RollupTable, sql: (where: string) => string) => {
    const tableParams = [...params];
    // Grain and level are literals so the planner can match the partial indexes of the finest levels.
    const ranges = piecesOf(table, from, to, needed, isDayAligned).map((p) => {
      tableParams.push(new Date(p.from).toISOString(), new Date(p.to).toISOString());
      const n = tableParams.length;
      return `(grain = '${p.grain}' AND dims = ${p.dims} AND bucket >= $${n - 1}::timestamptz AND bucket < $${n}::timestamptz)`;
    });
    const where = [...conditions, `(${ranges.join(' OR ')})`].join(' AND ');
    return ctx.db.transaction(async (tx) => {
      // Compiling these plans (JIT) takes longer than running them over a few thousand rows.
      await tx.query('SET LOCAL jit = off');
      return tx.query<T>(sql(where), tableParams);
    });
  };
  const isGrouped = q.groupBy !== 'none';
  const hitLimit = q.topHits ?? (isGrouped ? 5 : 10);
  const [sums, hits] = await Promise.all([
    read<SumsRow>(
      'report_rollups',
      (where) => `${cte} SELECT ${key} AS key, ${reportMeasures()}
        FROM report_rollups ${join} WHERE ${where} ${isGrouped ? 'GROUP BY 1' : ''}`,
    ),
    // topHits=0: the rule hits are not wanted, and their table (the larger one) is not read.
    hitLimit === 0
      ? { rows: [] }
      : read<{ key: string | null; rule: string; hits: number }>(
          'report_hit_rollups',
          (where) => `${cte} SELECT key, rule, hits FROM (
        SELECT key, rule, hits, row_number() OVER (PARTITION BY key ORDER BY hits DESC, rule COLLATE "C") AS place
        FROM (SELECT ${key} AS key, rule, sum(hits)::float8 AS hits
          FROM report_hit_rollups ${join} WHERE ${where} GROUP BY 1, 2) AS g
      ) AS t WHERE place <= ${hitLimit} ORDER BY place`,
        ),
  ]);

  const hitsOf = new Map<string | null, TopHit[]>();
  for (const h of hits.rows) {
    const list = hitsOf.get(h.key) ?? [];
    list.push({ rule: h.rule, count: h.hits });
    hitsOf.set(h.key, list);
  }
  const rows = sums.rows.map((s) => toRow(s, hitsOf.get(s.key) ?? []));
  // Time buckets in order; other groups biggest first.
  rows.sort(
    (a, b) =>
      (isTimeGroup ? 0 : b.volume.conversations - a.volume.conversations) || compareKeys(a.key, b.key),
  );
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    groupBy: q.groupBy,
    timeZone: q.timeZone,
    rows,
  };
}
