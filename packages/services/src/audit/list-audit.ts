import { ListAuditSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';

export type AuditItem = {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

/** The audit log, newest first, with paging by id. */
export async function listAudit(
  ctx: ServiceContext,
  actor: Actor,
  input: unknown,
): Promise<{ items: AuditItem[] }> {
  authorize(actor, 'audit:read');
  const query = parseInput(ListAuditSchema, input ?? {});
  const params: unknown[] = [];
  const where: string[] = ['TRUE'];
  if (query.entity) where.push(`entity = $${params.push(query.entity)}`);
  if (query.entityId) where.push(`entity_id = $${params.push(query.entityId)}`);
  if (query.actor) where.push(`actor = $${params.push(query.actor)}`);
  if (query.before) where.push(`id < $${params.push(query.before)}`);
  const { rows } = await ctx.db.query<Omit<AuditItem, 'at'> & { at: unknown }>(
    `SELECT id::int AS id, at, actor, action, entity, entity_id AS "entityId", before, after FROM audit_log
     WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${query.limit}`,
    params,
  );
  return { items: rows.map((r) => ({ ...r, at: r.at instanceof Date ? r.at.toISOString() : String(r.at) })) };
}
