import { ListAlertsSchema } from '@serviq/contracts';
import { type Actor, authorize, visibilityOf, visibilitySql } from '../service/actor.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import type { StoredAlert } from './alert-hub.ts';

export type AlertItem = {
  id: number;
  conversationId: string;
  externalId: string;
  source: string;
  rule: string;
  name: string;
  severity: string;
  agentId: string | null;
  teamId: string | null;
  evidence: unknown;
  createdAt: string;
  acknowledgedBy: number | null;
  acknowledgedAt: string | null;
};

const iso = (v: unknown): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : String(v);

/** Alerts newest first, only those of the conversations the actor may see. */
export async function listAlerts(
  ctx: ServiceContext,
  actor: Actor,
  input: unknown,
): Promise<{ items: AlertItem[] }> {
  authorize(actor, 'alerts:read');
  const query = parseInput(ListAlertsSchema, input ?? {});
  const params: unknown[] = [];
  const where = [visibilitySql(visibilityOf(actor), params, { team: 'a.team_id', agent: 'a.agent_id' })];
  if (query.isAcknowledged !== undefined)
    where.push(query.isAcknowledged ? 'a.acknowledged_at IS NOT NULL' : 'a.acknowledged_at IS NULL');
  if (query.rule) where.push(`a.rule = $${params.push(query.rule)}`);
  if (query.conversationId) where.push(`a.conversation_id = $${params.push(query.conversationId)}`);
  if (query.before) where.push(`a.id < $${params.push(query.before)}`);
  const { rows } = await ctx.db.query<AlertItem>(
    `SELECT a.id::int AS id, a.conversation_id AS "conversationId", c.external_id AS "externalId", c.source,
       a.rule, a.name, a.severity, a.agent_id AS "agentId", a.team_id AS "teamId", a.evidence,
       a.created_at AS "createdAt", a.acknowledged_by::int AS "acknowledgedBy", a.acknowledged_at AS "acknowledgedAt"
     FROM alerts a JOIN conversations c ON c.id = a.conversation_id
     WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT ${query.limit}`,
    params,
  );
  return {
    items: rows.map((r) => ({
      ...r,
      createdAt: iso(r.createdAt) as string,
      acknowledgedAt: iso(r.acknowledgedAt),
    })),
  };
}

// Replay is bounded: after a longer absence the newest this many are sent, GET /alerts pages to the rest.
const MAX_REPLAY = 500;

/**
 * The alerts after `afterId` that the actor may see, oldest first, as the stream sends them: what a
 * reconnecting stream missed (its `Last-Event-ID`).
 */
export async function alertsAfter(
  ctx: ServiceContext,
  actor: Actor,
  afterId: number,
): Promise<StoredAlert[]> {
  authorize(actor, 'alerts:read');
  const params: unknown[] = [afterId];
  const visible = visibilitySql(visibilityOf(actor), params, { team: 'team_id', agent: 'agent_id' });
  const { rows } = await ctx.db.query<StoredAlert>(
    `SELECT id::int AS id, conversation_id AS "conversationId", rule, name, severity, agent_id AS "agentId",
       team_id AS "teamId", evidence, created_at AS "createdAt"
     FROM alerts WHERE id > $1 AND ${visible} ORDER BY id DESC LIMIT ${MAX_REPLAY}`,
    params,
  );
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) as string })).reverse();
}
