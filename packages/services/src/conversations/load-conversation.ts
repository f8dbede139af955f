import type { Channel, Conversation, ConversationEvent, Role } from '@serviq/core';
import type { Queryable } from '@serviq/storage';

type ConversationRow = {
  id: string;
  source: string;
  external_id: string;
  channel: Channel;
  language: string | null;
  queue: string | null;
  tags: string[];
  industry: string | null;
  customer_id: string | null;
  customer_name: string | null;
  is_vip: boolean | null;
  agent_ids: string[];
  status: 'open' | 'closed';
  started_at: Date;
  ended_at: Date;
  csat: number | null;
  rating_comment: string | null;
  is_resolved: boolean | null;
  ticket: Record<string, unknown> | null;
  meta: Record<string, unknown> | null;
  events: ConversationEvent[];
};

type MessageRow = {
  conversation_id: string;
  external_id: string;
  at: Date;
  role: Role;
  author_id: string | null;
  text: string;
  duration_ms: number | null;
};

export type StoredConversation = { key: string; status: 'open' | 'closed'; conversation: Conversation };

const time = (d: Date | string): number => (d instanceof Date ? d.getTime() : Date.parse(d));

/**
 * Conversations as stored, back in the canonical shape analysis takes, messages in time order
 * (then in the order they arrived). `lock` takes a row lock so live messages of one conversation
 * are analysed one after another.
 */
export async function loadConversations(
  tx: Queryable,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<StoredConversation[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<ConversationRow>(
    `SELECT c.id, c.source, c.external_id, c.channel, c.language, c.queue, c.tags, c.industry, c.customer_id,
       cu.name AS customer_name, cu.is_vip, c.agent_ids, c.status, c.started_at, c.ended_at, c.csat,
       c.rating_comment, c.is_resolved, c.ticket, c.meta, c.events
     FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
     WHERE c.id = ANY($1::uuid[]) ${options.lock ? 'FOR UPDATE OF c' : ''}`,
    [ids],
  );
  const messages = await tx.query<MessageRow>(
    `SELECT conversation_id, external_id, at, role, author_id, text, duration_ms FROM messages
     WHERE conversation_id = ANY($1::uuid[]) ORDER BY conversation_id, at, seq`,
    [ids],
  );
  const agentIds = [...new Set(rows.flatMap((r) => r.agent_ids))];
  const agents = await tx.query<{ id: string; name: string | null; team_id: string | null }>(
    'SELECT id, name, team_id FROM agents WHERE id = ANY($1::text[])',
    [agentIds],
  );
  const agentById = new Map(agents.rows.map((a) => [a.id, a]));
  const byConversation = new Map<string, MessageRow[]>();
  for (const m of messages.rows) {
    const list = byConversation.get(m.conversation_id);
    if (list) list.push(m);
    else byConversation.set(m.conversation_id, [m]);
  }
  return rows.map((r) => {
    const conversation: Conversation = {
      id: r.external_id,
      source: r.source,
      channel: r.channel,
      startedAt: time(r.started_at),
      endedAt: time(r.ended_at),
      tags: r.tags,
      agents: r.agent_ids.map((id) => {
        const a = agentById.get(id);
        return { id, ...(a?.name ? { name: a.name } : {}), ...(a?.team_id ? { team: a.team_id } : {}) };
      }),
      messages: (byConversation.get(r.id) ?? []).map((m) => ({
        id: m.external_id,
        at: time(m.at),
        role: m.role,
        text: m.text,
        ...(m.author_id === null ? {} : { authorId: m.author_id }),
        ...(m.duration_ms === null ? {} : { durationMs: m.duration_ms }),
      })),
      events: r.events ?? [],
      ...(r.language ? { language: r.language } : {}),
      ...(r.queue ? { queue: r.queue } : {}),
      ...(r.industry ? { industry: r.industry } : {}),
      ...(r.customer_id
        ? {
            customer: {
              id: r.customer_id,
              ...(r.customer_name ? { name: r.customer_name } : {}),
              ...(r.is_vip ? { vip: true } : {}),
            },
          }
        : {}),
      ...(r.csat !== null || r.rating_comment !== null
        ? {
            rating: {
              ...(r.csat === null ? {} : { csat: r.csat }),
              ...(r.rating_comment === null ? {} : { comment: r.rating_comment }),
            },
          }
        : {}),
      ...(r.is_resolved === null ? {} : { resolved: r.is_resolved }),
      ...(r.ticket ? { ticket: r.ticket } : {}),
      ...(r.meta ? { meta: r.meta } : {}),
    };
    return { key: r.id, status: r.status, conversation };
  });
}
