import { ExportConversationsSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { conversationWhere } from './list-conversations.ts';

/** How a writer should type a column: `time` holds the local wall-clock time as `YYYY-MM-DD HH:mm:ss`. */
export type ExportColumnKind = 'text' | 'number' | 'boolean' | 'time';
export type ExportColumn = { key: string; kind: ExportColumnKind };
export type ExportCell = string | number | boolean | null;

/** The columns of an export, in order; the keys are the header row. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'id', kind: 'text' },
  { key: 'source', kind: 'text' },
  { key: 'external_id', kind: 'text' },
  { key: 'channel', kind: 'text' },
  { key: 'started_at', kind: 'time' },
  { key: 'ended_at', kind: 'time' },
  { key: 'time_zone', kind: 'text' },
  { key: 'status', kind: 'text' },
  { key: 'agent_ids', kind: 'text' },
  { key: 'agent_names', kind: 'text' },
  { key: 'team_id', kind: 'text' },
  { key: 'team_name', kind: 'text' },
  { key: 'queue', kind: 'text' },
  { key: 'tags', kind: 'text' },
  { key: 'messages', kind: 'number' },
  { key: 'first_response_sec', kind: 'number' },
  { key: 'sla_met', kind: 'boolean' },
  { key: 'score', kind: 'number' },
  { key: 'max_score', kind: 'number' },
  { key: 'passed', kind: 'boolean' },
  { key: 'fatal', kind: 'boolean' },
  { key: 'customer_end_emotion', kind: 'text' },
  { key: 'customer_trend', kind: 'text' },
  { key: 'agent_emoji', kind: 'number' },
  { key: 'agent_emoji_while_negative', kind: 'number' },
  { key: 'customer_emoji', kind: 'number' },
  { key: 'csat', kind: 'number' },
  { key: 'csat_comment', kind: 'text' },
  { key: 'rule_hits', kind: 'text' },
  { key: 'rule_ids', kind: 'text' },
];

export type ConversationExport = {
  format: 'csv' | 'xlsx';
  timeZone: string;
  /** `conversations-<yyyymmdd-hhmm in the zone>.<format>` */
  fileName: string;
  columns: readonly ExportColumn[];
  /** Rows in pages, newest conversation first; only one page is held at a time. */
  pages: AsyncGenerator<ExportCell[][]>;
};

/** Rows read per query: small enough to stay short on PGlite's single connection, large enough to be quick. */
const PAGE = 1000;
/** Joins lists inside one cell. */
const LIST_SEPARATOR = '; ';

type ExportRow = {
  id: string;
  source: string;
  externalId: string;
  channel: string;
  startedKey: string;
  startedAt: Date | string;
  endedAt: Date | string;
  status: string;
  agentIds: string[];
  agentNames: string | null;
  teamId: string | null;
  teamName: string | null;
  queue: string | null;
  tags: string[];
  messageCount: number;
  firstResponseMs: number | null;
  isSlaMet: boolean | null;
  score: number | null;
  maxScore: number | null;
  isPassed: boolean | null;
  isFatal: boolean | null;
  customerEndEmotion: string | null;
  customerTrend: string | null;
  agentEmoji: number;
  agentEmojiWhileNegative: number;
  customerEmoji: number;
  csat: number | null;
  ratingComment: string | null;
  hitNames: string | null;
  hitRules: string[];
};

/** A formatter of instants as `YYYY-MM-DD HH:mm:ss` in one IANA zone. */
function wallClock(timeZone: string): (value: Date | string) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (value) => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(value instanceof Date ? value : new Date(value)))
      parts[p.type] = p.value;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  };
}

/**
 * The conversations matching the list's filters, as rows of EXPORT_COLUMNS: the same rows the list
 * shows the actor (and as many as its total), read page by page in (started_at, id) order so an
 * export of millions holds one page in memory and never one long transaction.
 */
export async function exportConversations(
  ctx: ServiceContext,
  actor: Actor,
  input: unknown,
): Promise<ConversationExport> {
  authorize(actor, 'conversations:read');
  const { format, timeZone, ...filter } = parseInput(ExportConversationsSchema, input ?? {});
  // Checks the filter before the first byte is sent: a bad range is a 400, not a broken download.
  conversationWhere(actor, filter, []);
  const local = wallClock(timeZone);
  const stamp = local(new Date(ctx.now())).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);

  async function* pages(): AsyncGenerator<ExportCell[][]> {
    let after: { startedKey: string; id: string } | undefined;
    for (;;) {
      const params: unknown[] = [];
      let where = conversationWhere(actor, filter, params);
      if (after) {
        params.push(after.startedKey, after.id);
        where += ` AND (c.started_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
      }
      const { rows } = await ctx.db.query<ExportRow>(
        `SELECT c.id, c.source, c.external_id AS "externalId", c.channel, c.started_at::text AS "startedKey",
           c.started_at AS "startedAt", c.ended_at AS "endedAt", c.status, c.agent_ids AS "agentIds",
           (SELECT string_agg(coalesce(a.name, x.id), '${LIST_SEPARATOR}' ORDER BY x.n)
              FROM unnest(c.agent_ids) WITH ORDINALITY AS x(id, n) LEFT JOIN agents a ON a.id = x.id) AS "agentNames",
           c.team_id AS "teamId", t.name AS "teamName", c.queue, c.tags, c.message_count AS "messageCount",
           c.first_response_ms::float8 AS "firstResponseMs", c.is_sla_met AS "isSlaMet", c.score,
           c.max_score AS "maxScore", c.is_passed AS "isPassed", c.is_fatal AS "isFatal",
           c.customer_end_emotion AS "customerEndEmotion", c.customer_trend AS "customerTrend",
           c.agent_emoji AS "agentEmoji", c.agent_emoji_while_negative AS "agentEmojiWhileNegative",
           c.customer_emoji AS "customerEmoji", c.csat, c.rating_comment AS "ratingComment",
           (SELECT string_agg(h.name, '${LIST_SEPARATOR}' ORDER BY h.points, h.rule)
              FROM rule_hits h WHERE h.conversation_id = c.id) AS "hitNames",
           c.hit_rules AS "hitRules"
         FROM conversations c LEFT JOIN teams t ON t.id = c.team_id
         WHERE ${where}
         ORDER BY c.started_at DESC, c.id DESC LIMIT ${PAGE}`,
        params,
      );
      if (rows.length > 0)
        yield rows.map((r) => [
          r.id,
          r.source,
          r.externalId,
          r.channel,
          local(r.startedAt),
          local(r.endedAt),
          timeZone,
          r.status,
          r.agentIds.join(LIST_SEPARATOR),
          r.agentNames,
          r.teamId,
          r.teamName,
          r.queue,
          r.tags.join(LIST_SEPARATOR),
          r.messageCount,
          r.firstResponseMs === null ? null : r.firstResponseMs / 1000,
          r.isSlaMet,
          r.score,
          r.maxScore,
          r.isPassed,
          r.isFatal,
          r.customerEndEmotion,
          r.customerTrend,
          r.agentEmoji,
          r.agentEmojiWhileNegative,
          r.customerEmoji,
          r.csat,
          r.ratingComment,
          r.hitNames,
          r.hitRules.join(LIST_SEPARATOR),
        ]);
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = { startedKey: last.startedKey, id: last.id };
    }
  }

  return {
    format,
    timeZone,
    fileName: `conversations-${stamp}.${format}`,
    columns: EXPORT_COLUMNS,
    pages: pages(),
  };
}
