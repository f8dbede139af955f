import { type DeliveryFilter, DeliveryFilterSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';

/** One attempt to post an alert to a webhook. */
export type WebhookDelivery = {
  id: number;
  webhookId: number;
  alertId: number;
  attempt: number;
  status: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
};

type DeliveryRow = {
  id: number | string;
  webhook_id: number | string;
  alert_id: number | string;
  attempt: number;
  status: number | null;
  error: string | null;
  duration_ms: number | null;
  created_at: Date | string;
};

/** Delivery attempts, newest first, of one alert, one webhook, or all. */
export async function listDeliveries(
  ctx: ServiceContext,
  actor: Actor,
  filter: DeliveryFilter = {},
): Promise<WebhookDelivery[]> {
  authorize(actor, 'webhooks:manage');
  const { alertId, webhookId, limit } = parseInput(DeliveryFilterSchema, filter);
  const params: unknown[] = [];
  const where: string[] = [];
  if (alertId !== undefined) where.push(`alert_id = $${params.push(alertId)}`);
  if (webhookId !== undefined) where.push(`webhook_id = $${params.push(webhookId)}`);
  params.push(limit);
  const { rows } = await ctx.db.query<DeliveryRow>(
    `SELECT id, webhook_id, alert_id, attempt, status, error, duration_ms, created_at
       FROM webhook_deliveries ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    webhookId: Number(r.webhook_id),
    alertId: Number(r.alert_id),
    attempt: r.attempt,
    status: r.status,
    error: r.error,
    durationMs: r.duration_ms,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
