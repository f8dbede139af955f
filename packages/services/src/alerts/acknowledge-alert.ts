import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { isAlertVisible } from './alert-hub.ts';

/** Marks an alert handled; acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeAlert(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
): Promise<{ id: number; acknowledgedAt: string; acknowledgedBy: number | null }> {
  authorize(actor, 'alerts:ack');
  if (!Number.isSafeInteger(id) || id < 1)
    throw new AppError('invalid', 'id: not an alert id', { field: 'id' });
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      agent_id: string | null;
      team_id: string | null;
      acknowledged_at: Date | null;
      acknowledged_by: string | null;
    }>('SELECT agent_id, team_id, acknowledged_at, acknowledged_by FROM alerts WHERE id = $1 FOR UPDATE', [
      id,
    ]);
    const alert = rows[0];
    if (!alert || !isAlertVisible(actor, { agentId: alert.agent_id, teamId: alert.team_id }))
      throw new AppError('not_found', `alert ${id} not found`);
    if (alert.acknowledged_at)
      return {
        id,
        acknowledgedAt: new Date(alert.acknowledged_at).toISOString(),
        acknowledgedBy: alert.acknowledged_by === null ? null : Number(alert.acknowledged_by),
      };
    const by = actor.kind === 'user' ? actor.userId : null;
    const at = new Date(ctx.now()).toISOString();
    await tx.query('UPDATE alerts SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1', [
      id,
      at,
      by,
    ]);
    await recordAudit(tx, actor, {
      action: 'alert.acknowledge',
      entity: 'alert',
      entityId: id,
      before: { acknowledgedAt: null },
      after: { acknowledgedAt: at },
    });
    return { id, acknowledgedAt: at, acknowledgedBy: by };
  });
}
