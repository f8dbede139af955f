import {
  type WebhookInput,
  WebhookInputSchema,
  type WebhookPreset,
  type WebhookUpdate,
  WebhookUpdateSchema,
} from '@serviq/contracts';
import type { Queryable } from '@serviq/storage';
import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseId, parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';

/** A webhook as the API shows it: the secret never leaves the server, only whether there is one. */
export type Webhook = {
  id: number;
  name: string;
  url: string;
  preset: WebhookPreset;
  hasSecret: boolean;
  isActive: boolean;
  /** Rule ids it takes alerts of; empty: every rule. */
  rules: string[];
  /** Severities it takes alerts of; empty: every severity. */
  severities: string[];
  createdAt: string;
};

/** A webhook with its secret, for delivery only. */
export type WebhookTarget = Webhook & { secret: string | null };

type WebhookRow = {
  id: number | string;
  name: string;
  url: string;
  preset: WebhookPreset;
  secret: string | null;
  is_active: boolean;
  rules: string[];
  severities: string[];
  created_at: Date | string;
};

const COLUMNS = 'id, name, url, preset, secret, is_active, rules, severities, created_at';

function toTarget(row: WebhookRow): WebhookTarget {
  return {
    id: Number(row.id),
    name: row.name,
    url: row.url,
    preset: row.preset,
    hasSecret: row.secret !== null,
    isActive: row.is_active,
    rules: row.rules,
    severities: row.severities,
    createdAt: new Date(row.created_at).toISOString(),
    secret: row.secret,
  };
}

const toView = ({ secret: _secret, ...webhook }: WebhookTarget): Webhook => webhook;

/**
 * What the audit log keeps of a webhook: the secret masked, and the tokens robot URLs carry
 * (DingTalk `access_token`, WeCom `key` in the query; Slack's in the last path segments) masked too,
 * since anyone holding the URL can post to the team's chat.
 */
function auditView(webhook: WebhookTarget) {
  const url = new URL(webhook.url);
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
  url.pathname = url.pathname
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_-]{16,}$/.test(segment) ? '***' : segment))
    .join('/');
  return {
    name: webhook.name,
    url: url.toString(),
    preset: webhook.preset,
    secret: webhook.secret === null ? null : '***',
    isActive: webhook.isActive,
    rules: webhook.rules,
    severities: webhook.severities,
  };
}

/** Whether a webhook takes an alert of this rule and severity. */
export function isWebhookFor(
  webhook: Pick<Webhook, 'rules' | 'severities'>,
  alert: { rule: string; severity: string },
): boolean {
  return (
    (webhook.rules.length === 0 || webhook.rules.includes(alert.rule)) &&
    (webhook.severities.length === 0 || webhook.severities.includes(alert.severity))
  );
}

/** One webhook with its secret (for delivery); `lock` holds the row until the transaction ends. */
export async function webhookTarget(q: Queryable, id: number, lock = false): Promise<WebhookTarget> {
  const { rows } = await q.query<WebhookRow>(
    `SELECT ${COLUMNS} FROM webhooks WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `webhook ${id} does not exist`);
  return toTarget(row);
}

export async function createWebhook(
  ctx: ServiceContext,
  actor: Actor,
  input: WebhookInput,
): Promise<Webhook> {
  authorize(actor, 'webhooks:manage');
  const w = parseInput(WebhookInputSchema, input);
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<WebhookRow>(
      `INSERT INTO webhooks (name, url, preset, secret, is_active, rules, severities, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [w.name, w.url, w.preset, w.secret ?? null, w.isActive, w.rules, w.severities, new Date(ctx.now())],
    );
    const created = toTarget(rows[0] as WebhookRow);
    await recordAudit(tx, actor, {
      action: 'webhook.create',
      entity: 'webhook',
      entityId: created.id,
      after: auditView(created),
    });
    return toView(created);
  });
}

export async function listWebhooks(ctx: ServiceContext, actor: Actor): Promise<Webhook[]> {
  authorize(actor, 'webhooks:manage');
  const { rows } = await ctx.db.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks ORDER BY id`);
  return rows.map((row) => toView(toTarget(row)));
}

export async function updateWebhook(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  input: WebhookUpdate,
): Promise<Webhook> {
  authorize(actor, 'webhooks:manage');
  const webhookId = parseId(id);
  const change = parseInput(WebhookUpdateSchema, input);
  return ctx.db.transaction(async (tx) => {
    const before = await webhookTarget(tx, webhookId, true);
    const { rows } = await tx.query<WebhookRow>(
      `UPDATE webhooks SET name = $2, url = $3, preset = $4, secret = $5, is_active = $6, rules = $7,
         severities = $8
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        webhookId,
        change.name ?? before.name,
        change.url ?? before.url,
        change.preset ?? before.preset,
        change.secret === undefined ? before.secret : change.secret,
        change.isActive ?? before.isActive,
        change.rules ?? before.rules,
        change.severities ?? before.severities,
      ],
    );
    const after = toTarget(rows[0] as WebhookRow);
    await recordAudit(tx, actor, {
      action: 'webhook.update',
      entity: 'webhook',
      entityId: webhookId,
      before: auditView(before),
      // A rotated secret shows as a change even though both sides read '***'.
      after: { ...auditView(after), ...(change.secret !== undefined ? { isSecretChanged: true } : {}) },
    });
    return toView(after);
  });
}

export async function deleteWebhook(ctx: ServiceContext, actor: Actor, id: number): Promise<void> {
  authorize(actor, 'webhooks:manage');
  const webhookId = parseId(id);
  await ctx.db.transaction(async (tx) => {
    const before = await webhookTarget(tx, webhookId, true);
    await tx.query('DELETE FROM webhooks WHERE id = $1', [webhookId]);
    await recordAudit(tx, actor, {
      action: 'webhook.delete',
      entity: 'webhook',
      entityId: webhookId,
      before: auditView(before),
    });
  });
}

/** The webhooks that receive alerts, with their secrets: for delivery, never for display. */
export async function activeWebhookTargets(q: Queryable): Promise<WebhookTarget[]> {
  const { rows } = await q.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks WHERE is_active ORDER BY id`);
  return rows.map(toTarget);
}
