import { type ConversationFilter, ListConversationsSchema } from '@serviq/contracts';
import { NEGATIVE_END_POLARITY } from '../reports/rollup-metrics.ts';
import { type Actor, authorize, visibilityOf, visibilitySql } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';

export type ConversationSummary = {
  id: string;
  source: string;
  externalId: string;
  channel: string;
  queue: string | null;
  tags: string[];
  /** The agent who wrote most replies (reports count the conversation under them). */
  agentId: string | null;
  /** Every agent who took part. */
  agentIds: string[];
  teamId: string | null;
  status: string;
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
  customerTrend: string | null;
  agentEmoji: number;
  /** Emoji agents sent while the customer's latest message was negative. */
  agentEmojiWhileNegative: number;
  hitRules: string[];
};

export const SUMMARY_COLUMNS = `c.id, c.source, c.external_id AS "externalId", c.channel, c.queue, c.tags,
  c.agent_id AS "agentId", c.agent_ids AS "agentIds", c.team_id AS "teamId", c.status,
  c.started_at AS "startedAt", c.ended_at AS "endedAt",
  c.message_count AS "messageCount", c.csat, c.score, c.max_score AS "maxScore", c.is_passed AS "isPassed",
  c.is_fatal AS "isFatal", c.has_alert AS "hasAlert", c.first_response_ms::float8 AS "firstResponseMs",
  c.is_sla_met AS "isSlaMet", c.customer_end_emotion AS "customerEndEmotion", c.customer_trend AS "customerTrend",
  c.agent_emoji AS "agentEmoji", c.agent_emoji_while_negative AS "agentEmojiWhileNegative", c.hit_rules AS "hitRules"`;

const hasCase = (text: string) => text.toLowerCase() !== text.toUpperCase();

/** The WHERE clause of a filter over `conversations c`, limited to what the actor may see. */
export function conversationWhere(actor: Actor, filter: ConversationFilter, params: unknown[]): string {
  if (filter.minScore !== undefined && filter.maxScore !== undefined && filter.minScore > filter.maxScore)
    throw new AppError('invalid', 'minScore: greater than maxScore', { field: 'minScore' });
  if (filter.minCsat !== undefined && filter.maxCsat !== undefined && filter.minCsat > filter.maxCsat)
    throw new AppError('invalid', 'minCsat: greater than maxCsat', { field: 'minCsat' });
  const where = [visibilitySql(visibilityOf(actor), params, { team: 'c.team_id', agents: 'c.agent_ids' })];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('$?', `$${params.length}`));
  };
  if (filter.from) add('c.started_at >= $?::timestamptz', filter.from);
  if (filter.to) add('c.started_at < $?::timestamptz', filter.to);
  if (filter.agent?.length) add('c.agent_ids && $?::text[]', filter.agent);
  if (filter.team?.length) add('c.team_id = ANY($?::text[])', filter.team);
  if (filter.channel?.length) add('c.channel = ANY($?::text[])', filter.channel);
  if (filter.queue?.length) add('c.queue = ANY($?::text[])', filter.queue);
  if (filter.tag?.length) add('c.tags && $?::text[]', filter.tag);
  if (filter.rule?.length) add('c.hit_rules && $?::text[]', filter.rule);
  if (filter.emotion?.length) add('c.customer_end_emotion = ANY($?::text[])', filter.emotion);
  if (filter.minScore !== undefined) add('c.score >= $?', filter.minScore);
  if (filter.maxScore !== undefined) add('c.score <= $?', filter.maxScore);
  if (filter.isPassed !== undefined) add('c.is_passed = $?', filter.isPassed);
  if (filter.minCsat !== undefined) add('c.csat >= $?', filter.minCsat);
  if (filter.maxCsat !== undefined) add('c.csat <= $?', filter.maxCsat);
  if (filter.status) add('c.status = $?', filter.status);
  if (filter.source) add('c.source = $?', filter.source);
  if (filter.emoji === 'none') where.push('c.agent_emoji = 0');
  if (filter.emoji === 'any') where.push('c.agent_emoji > 0');
  if (filter.emoji === 'negative') where.push('c.agent_emoji_while_negative > 0');
  if (filter.isNegativeEnd !== undefined)
    where.push(`c.customer_end_polarity ${filter.isNegativeEnd ? '<=' : '>'} ${NEGATIVE_END_POLARITY}`);
  if (filter.q) {
    params.push(filter.q);
    const exact = params.length;
    params.push(hasCase(filter.q) ? filter.q.replace(/[!-/:-@[-`{-~]/g, '\\$&') : filter.q);
    // strpos where case cannot matter (Chinese, digits), else a case-insensitive regex of the literal
    // text: both are several times faster than ILIKE over every message on PGlite (measured).
    const match = hasCase(filter.q)
      ? `m.text ~* $${params.length}::text`
      : `strpos(m.text, $${params.length}::text) > 0`;
    where.push(
      `(c.external_id = $${exact}::text OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND ${match}))`,
    );
  }
  return where.join(' AND ');
}

/** Conversations matching the filters, newest first by default, only those the actor may see. */
export async function listConversations(
  ctx: ServiceContext,
  actor: Actor,
  input: unknown,
): Promise<{ items: ConversationSummary[]; total: number | null; limit: number; offset: number }> {
  authorize(actor, 'conversations:read');
  const query = parseInput(ListConversationsSchema, input ?? {});
  const params: unknown[] = [];
  const where = conversationWhere(actor, query, params);
  const order = query.order === 'asc' ? 'ASC' : 'DESC';
  // started_at is never null, and NULLS LAST would keep the planner off its index (5x slower).
  const nullsLast = query.sort === 'started_at' ? '' : ' NULLS LAST';
  // A text search reads every message: its total comes with the page, from the same scan. Other
  // filters count apart, so the page itself can stop early along an index.
  const isCountedInPage = query.withTotal === true && query.q !== undefined;
  const { rows } = await ctx.db.query<ConversationSummary & { total?: number }>(
    `SELECT ${SUMMARY_COLUMNS}${isCountedInPage ? ', count(*) OVER ()::int AS total' : ''}
     FROM conversations c WHERE ${where}
     ORDER BY c.${query.sort} ${order}${nullsLast}, c.id ${order} LIMIT ${query.limit} OFFSET ${query.offset}`,
    params,
  );
  let total: number | null = null;
  if (query.withTotal) {
    total = rows[0]?.total ?? null;
    // Counted apart, or a page past the end with no row to carry the count.
    if (total === null) {
      const counted = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM conversations c WHERE ${where}`,
        params,
      );
      total = counted.rows[0]?.n ?? 0;
    }
  }
  return { items: rows.map(summaryOut), total, limit: query.limit, offset: query.offset };
}

const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export function summaryOut(row: ConversationSummary & { total?: number }): ConversationSummary {
  const { total: _total, ...summary } = row;
  return { ...summary, startedAt: isoOf(row.startedAt), endedAt: isoOf(row.endedAt) };
}
