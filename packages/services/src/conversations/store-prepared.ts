import type { Database, Queryable } from '@serviq/storage';
import { ANALYSIS_COLUMNS, CONVERSATION_COLUMNS, HIT_COLUMNS, MESSAGE_COLUMNS } from './conversation-rows.ts';
import type { Participants, PreparedConversation } from './prepare-conversations.ts';

export type StoreOutcome = {
  inserted: number;
  updated: number;
  /** Conversations that already held messages this batch lacks: their analysis must be redone on all of them. */
  stale: string[];
};

/**
 * The conversation's columns with the team taken from the agent directory when the conversation
 * itself names none, so a supervisor sees the conversations of the agents on their team.
 */
export const TEAM_FROM_DIRECTORY = (alias: string) =>
  CONVERSATION_COLUMNS.map((c) =>
    c === 'team_id'
      ? `COALESCE(${alias}.team_id, (SELECT a.team_id FROM agents a WHERE a.id = ${alias}.agent_id))`
      : `${alias}.${c}`,
  ).join(', ');

const UPDATE_SET = CONVERSATION_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

// Staging tables live per connection and empty themselves at commit.
const STAGING = `
CREATE TEMP TABLE IF NOT EXISTS stage_conversations (LIKE conversations INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS stage_messages (LIKE messages INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;`;

/** Agents, teams and customers the conversations name; existing entries keep their names. */
export async function upsertParticipants(tx: Queryable, items: readonly Participants[]): Promise<void> {
  const teams = new Set<string>();
  const agents = new Map<string, { name: string | null; team: string | null }>();
  const customers = new Map<string, { name: string | null; isVip: boolean }>();
  for (const item of items) {
    for (const a of item.agents) {
      if (a.team) teams.add(a.team);
      const known = agents.get(a.id);
      agents.set(a.id, { name: a.name ?? known?.name ?? null, team: a.team ?? known?.team ?? null });
    }
    if (item.customer) customers.set(item.customer.id, item.customer);
  }
  if (teams.size > 0)
    await tx.query(
      'INSERT INTO teams (id, name) SELECT t, t FROM unnest($1::text[]) t ON CONFLICT DO NOTHING',
      [[...teams]],
    );
  if (agents.size > 0) {
    const ids = [...agents.keys()];
    await tx.query(
      `INSERT INTO agents (id, name, team_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (id) DO UPDATE SET name = COALESCE(EXCLUDED.name, agents.name),
         team_id = COALESCE(EXCLUDED.team_id, agents.team_id)`,
      [ids, ids.map((id) => agents.get(id)?.name ?? null), ids.map((id) => agents.get(id)?.team ?? null)],
    );
  }
  if (customers.size > 0) {
    const ids = [...customers.keys()];
    await tx.query(
      `INSERT INTO customers (id, name, is_vip) SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])
       ON CONFLICT (id) DO UPDATE SET name = COALESCE(EXCLUDED.name, customers.name), is_vip = EXCLUDED.is_vip`,
      [
        ids,
        ids.map((id) => customers.get(id)?.name ?? null),
        ids.map((id) => customers.get(id)?.isVip ?? false),
      ],
    );
  }
}

/**
 * Stores a batch of analysed conversations in one transaction, so a batch is there whole or not
 * at all: a re-run after a crash finds complete conversations and replaces them. A conversation
 * already stored keeps its messages (new ones are added by message id) and takes the batch's
 * metadata and analysis; those that held messages the batch lacks come back as `stale`.
 */
export function storePrepared(db: Database, batch: readonly PreparedConversation[]): Promise<StoreOutcome> {
  return db.transaction((tx) => storePreparedIn(tx, batch));
}

/** storePrepared inside a transaction the caller holds. */
export async function storePreparedIn(
  tx: Queryable,
  batch: readonly PreparedConversation[],
): Promise<StoreOutcome> {
  if (batch.length === 0) return { inserted: 0, updated: 0, stale: [] };
  {
    await upsertParticipants(tx, batch);
    await tx.exec(STAGING);
    await tx.copyFrom('stage_conversations', CONVERSATION_COLUMNS, join(batch, 'conversations'));
    const cols = CONVERSATION_COLUMNS.join(', ');
    const { rows } = await tx.query<{ id: string; is_new: boolean }>(
      `INSERT INTO conversations (${cols}) SELECT ${TEAM_FROM_DIRECTORY('s')} FROM stage_conversations s
       ON CONFLICT (id) DO UPDATE SET ${UPDATE_SET}
       RETURNING id, (xmax = 0) AS is_new`,
    );
    const existing = rows.filter((r) => !r.is_new).map((r) => r.id);
    if (existing.length > 0) {
      await tx.query('DELETE FROM rule_hits WHERE conversation_id = ANY($1::uuid[])', [existing]);
      await tx.query('DELETE FROM analyses WHERE conversation_id = ANY($1::uuid[])', [existing]);
    }
    await tx.copyFrom('analyses', ANALYSIS_COLUMNS, join(batch, 'analyses'));
    const hits = join(batch, 'hits');
    if (hits) await tx.copyFrom('rule_hits', HIT_COLUMNS, hits);
    const messages = join(batch, 'messages');
    if (existing.length === 0) {
      if (messages) await tx.copyFrom('messages', MESSAGE_COLUMNS, messages);
      return { inserted: rows.length, updated: 0, stale: [] };
    }
    if (messages) {
      await tx.copyFrom('stage_messages', MESSAGE_COLUMNS, messages);
      const mcols = MESSAGE_COLUMNS.join(', ');
      await tx.query(
        `INSERT INTO messages (${mcols}) SELECT ${mcols} FROM stage_messages ON CONFLICT DO NOTHING`,
      );
    }
    const counts = await tx.query<{ id: string; n: number }>(
      `SELECT conversation_id AS id, count(*)::int AS n FROM messages WHERE conversation_id = ANY($1::uuid[])
       GROUP BY conversation_id`,
      [existing],
    );
    const sizes = new Map(batch.map((b) => [b.id, b.messageCount]));
    const stale = counts.rows.filter((r) => r.n > (sizes.get(r.id) ?? 0)).map((r) => r.id);
    return { inserted: rows.length - existing.length, updated: existing.length, stale };
  }
}

function join(batch: readonly PreparedConversation[], table: keyof PreparedConversation['copy']): string {
  let out = '';
  for (const item of batch) out += item.copy[table];
  return out;
}
