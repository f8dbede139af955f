import { ListOngoingConversationsSchema } from '@serviq/contracts';
import { type Actor, authorize, visibilityOf, visibilitySql } from '../service/actor.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';

/** An open conversation as the live view shows it. */
export type OngoingConversation = {
  id: string;
  source: string;
  externalId: string;
  channel: string;
  queue: string | null;
  agentId: string | null;
  agentName: string | null;
  teamId: string | null;
  startedAt: string;
  lastMessageAt: string;
  messageCount: number;
  /** The emotion of the customer's latest message (the stored analysis' end emotion); null before one. */
  lastCustomerEmotion: string | null;
  lastCustomerPolarity: number | null;
  lastCustomerAt: string | null;
  /** The first customer message no agent or bot has answered yet; null when nothing waits for an answer. */
  waitingSince: string | null;
  /** Alerts of the conversation nobody has acknowledged yet. */
  openAlerts: number;
  score: number | null;
};

type Row = Omit<OngoingConversation, 'startedAt' | 'lastMessageAt' | 'lastCustomerAt' | 'waitingSince'> & {
  startedAt: unknown;
  lastMessageAt: unknown;
  lastCustomerAt: unknown;
  waitingSince: unknown;
};

const isoOrNull = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : new Date(String(v)).toISOString();

/**
 * Open conversations the actor may see, most recently started first (the partial index on open
 * conversations keeps this cheap however many are closed), with the customer's current emotion and
 * how long they have been waiting for a reply.
 */
export async function listOngoingConversations(
  ctx: ServiceContext,
  actor: Actor,
  input: unknown,
): Promise<{ items: OngoingConversation[]; total: number }> {
  authorize(actor, 'conversations:read');
  const { limit } = parseInput(ListOngoingConversationsSchema, input ?? {});
  const params: unknown[] = [];
  const visible = visibilitySql(visibilityOf(actor), params, { team: 'c.team_id', agents: 'c.agent_ids' });
  const { rows } = await ctx.db.query<Row>(
    `WITH open AS (
       SELECT c.* FROM conversations c WHERE c.status = 'open' AND ${visible}
       ORDER BY c.started_at DESC, c.id DESC LIMIT ${limit}
     )
     SELECT o.id, o.source, o.external_id AS "externalId", o.channel, o.queue, o.agent_id AS "agentId",
       g.name AS "agentName", o.team_id AS "teamId", o.started_at AS "startedAt", o.ended_at AS "lastMessageAt",
       o.message_count AS "messageCount", o.customer_end_emotion AS "lastCustomerEmotion",
       o.customer_end_polarity AS "lastCustomerPolarity", o.score,
       (SELECT count(*)::int FROM alerts a WHERE a.conversation_id = o.id AND a.acknowledged_at IS NULL)
         AS "openAlerts",
       last.customer_at AS "lastCustomerAt",
       (SELECT min(m.at) FROM messages m WHERE m.conversation_id = o.id AND m.role = 'customer'
          AND m.at > coalesce(last.reply_at, '-infinity'::timestamptz)) AS "waitingSince"
     FROM open o
     LEFT JOIN agents g ON g.id = o.agent_id
     CROSS JOIN LATERAL (
       SELECT max(m.at) FILTER (WHERE m.role = 'customer') AS customer_at,
              max(m.at) FILTER (WHERE m.role IN ('agent', 'bot')) AS reply_at
       FROM messages m WHERE m.conversation_id = o.id
     ) last
     ORDER BY o.started_at DESC, o.id DESC`,
    params,
  );
  const counted = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM conversations c WHERE c.status = 'open' AND ${visible}`,
    params,
  );
  return {
    items: rows.map((r) => ({
      ...r,
      startedAt: isoOrNull(r.startedAt) as string,
      lastMessageAt: isoOrNull(r.lastMessageAt) as string,
      lastCustomerAt: isoOrNull(r.lastCustomerAt),
      waitingSince: isoOrNull(r.waitingSince),
    })),
    total: counted.rows[0]?.n ?? 0,
  };
}
