import { setTimeout as delay } from 'node:timers/promises';
import type { Evidence } from '@serviq/core';
import type { Queryable } from '@serviq/storage';
import { AppError } from '../service/app-error.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { activeWebhookTargets, isWebhookFor, type WebhookTarget, webhookTarget } from './webhook-config.ts';
import { type AlertPayload, buildWebhookRequest, type WebhookRequest } from './webhook-presets.ts';
import { nextRetryDelay } from './webhook-retry.ts';

export type DeliveryOptions = {
  /** Per attempt, connecting and reading the answer included; 5 s unless set. */
  timeoutMs?: number;
  /** The dashboard's address: alerts then link to their conversation. */
  dashboardUrl?: string;
};

export type DeliveryResult = {
  isDelivered: boolean;
  shouldRetry: boolean;
  retryInMs: number | null;
  /** The HTTP status, null when no answer came or nothing was sent. */
  status: number | null;
  error: string | null;
};

export type AlertDeliverySummary = {
  webhookId: number;
  isDelivered: boolean;
  attempts: number;
  error: string | null;
};

const DEFAULT_TIMEOUT_MS = 5000;
const MAX_ERROR_CHARS = 300;

// Robots answer 200 with an error code in the body; these codes mean "too many messages, later".
const ROBOT_RATE_LIMIT_CODES = new Set([130101, 45009]);

type AlertRow = {
  id: number | string;
  rule: string;
  name: string;
  severity: string;
  conversation_id: string;
  agent_id: string | null;
  agent_name: string | null;
  team_id: string | null;
  evidence: unknown;
  created_at: Date | string;
  external_id: string;
  source: string;
};

function readEvidence(value: unknown): Evidence[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is Evidence => typeof e === 'object' && e !== null && typeof (e as Evidence).text === 'string',
  );
}

/** An alert as webhooks and streams describe it; throws `not_found` when it is gone. */
export async function alertPayload(
  q: Queryable,
  alertId: number,
  dashboardUrl?: string,
): Promise<AlertPayload> {
  const { rows } = await q.query<AlertRow>(
    `SELECT a.id, a.rule, a.name, a.severity, a.conversation_id, a.agent_id, g.name AS agent_name, a.team_id,
            a.evidence, a.created_at, c.external_id, c.source
       FROM alerts a
       JOIN conversations c ON c.id = a.conversation_id
       LEFT JOIN agents g ON g.id = a.agent_id
      WHERE a.id = $1`,
    [alertId],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `alert ${alertId} does not exist`);
  const alert: AlertPayload = {
    id: Number(row.id),
    rule: row.rule,
    name: row.name,
    severity: row.severity,
    conversationId: row.conversation_id,
    externalId: row.external_id,
    source: row.source,
    agentId: row.agent_id,
    teamId: row.team_id,
    evidence: readEvidence(row.evidence),
    createdAt: new Date(row.created_at).toISOString(),
  };
  if (row.agent_name) alert.agentName = row.agent_name;
  if (dashboardUrl) alert.url = `${dashboardUrl.replace(/\/+$/, '')}/conversations/${row.conversation_id}`;
  return alert;
}

/** `retryStatus` is the status the retry policy judges: a robot's refusal in a 200 counts as a 429 or a 400. */
type Outcome = { status: number | null; error: string | null; retryStatus: number | null };

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error) {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    const detail = cause?.code ?? cause?.message;
    return detail ? `${error.message}: ${detail}` : error.message;
  }
  return String(error);
}

/** DingTalk and WeCom robots report refusals as `{errcode, errmsg}` in a 200 answer. */
function robotError(text: string): { error: string; retryStatus: number } | undefined {
  try {
    const body = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
    if (typeof body.errcode !== 'number' || body.errcode === 0) return undefined;
    return {
      error: `errcode ${body.errcode}: ${String(body.errmsg ?? '')}`.slice(0, MAX_ERROR_CHARS),
      retryStatus: ROBOT_RATE_LIMIT_CODES.has(body.errcode) ? 429 : 400,
    };
  } catch {
    return undefined;
  }
}

async function send(request: WebhookRequest, hasRobotBody: boolean, timeoutMs: number): Promise<Outcome> {
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      // A redirect is answered as such (and not retried): following it would re-post a signed body elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (res.status < 200 || res.status >= 300) {
      const snippet = text.trim().slice(0, MAX_ERROR_CHARS);
      return {
        status: res.status,
        error: `HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`,
        retryStatus: res.status,
      };
    }
    const refused = hasRobotBody ? robotError(text) : undefined;
    return refused
      ? { status: res.status, ...refused }
      : { status: res.status, error: null, retryStatus: res.status };
  } catch (error) {
    return { status: null, error: describeFetchError(error, timeoutMs), retryStatus: null };
  }
}

async function attemptDelivery(
  ctx: ServiceContext,
  webhook: WebhookTarget,
  alert: AlertPayload,
  attempt: number,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const request = buildWebhookRequest(webhook, alert, ctx.now());
  const started = performance.now();
  const outcome = await send(request, webhook.preset === 'dingtalk' || webhook.preset === 'wecom', timeoutMs);
  const durationMs = Math.round(performance.now() - started);
  await ctx.db.query(
    `INSERT INTO webhook_deliveries (webhook_id, alert_id, attempt, status, error, duration_ms, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [webhook.id, alert.id, attempt, outcome.status, outcome.error, durationMs, new Date(ctx.now())],
  );
  const isDelivered = outcome.error === null;
  const retryInMs = isDelivered ? null : nextRetryDelay(attempt, outcome.retryStatus);
  return {
    isDelivered,
    shouldRetry: retryInMs !== null,
    retryInMs,
    status: outcome.status,
    error: outcome.error,
  };
}

const skipped = (error: string): DeliveryResult => ({
  isDelivered: false,
  shouldRetry: false,
  retryInMs: null,
  status: null,
  error,
});
const INACTIVE = skipped('webhook is inactive');
const NOT_FOR_IT = skipped('webhook does not take alerts of this rule or severity');

function checkAttempt(attempt: number): void {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new AppError('invalid', `attempt must be a whole number from 1, got ${attempt}`, {
      field: 'attempt',
    });
}

/**
 * One attempt to post an alert to one webhook, recorded as a `webhook_deliveries` row. The queue's
 * job calls it per attempt and schedules the next one `retryInMs` later while `shouldRetry`.
 * A webhook switched off since the alert was raised, or one whose rule and severity filters leave the
 * alert out, is skipped without a row; a deleted webhook or alert throws `not_found`.
 */
export async function deliverAlert(
  ctx: ServiceContext,
  alertId: number,
  webhookId: number,
  attempt: number,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  checkAttempt(attempt);
  const webhook = await webhookTarget(ctx.db, webhookId);
  if (!webhook.isActive) return INACTIVE;
  const alert = await alertPayload(ctx.db, alertId, options.dashboardUrl);
  if (!isWebhookFor(webhook, alert)) return NOT_FOR_IT;
  return attemptDelivery(ctx, webhook, alert, attempt, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/**
 * Posts an alert to every active webhook whose filters take it, at once, each retried in-process
 * by `nextRetryDelay` (the embedded mode has no queue). Never throws for one webhook's sake: a
 * webhook deleted or switched off between attempts ends its retries, and any other failure is
 * reported in its summary.
 */
export async function deliverAlertToAll(
  ctx: ServiceContext,
  alertId: number,
  options: DeliveryOptions & { sleep?: (ms: number) => Promise<unknown> } = {},
): Promise<AlertDeliverySummary[]> {
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const alert = await alertPayload(ctx.db, alertId, options.dashboardUrl);
  const webhooks = (await activeWebhookTargets(ctx.db)).filter((w) => isWebhookFor(w, alert));
  return Promise.all(
    webhooks.map(async (first): Promise<AlertDeliverySummary> => {
      let webhook = first;
      let attempt = 0;
      let error: string | null = null;
      try {
        for (;;) {
          attempt++;
          const result = await attemptDelivery(ctx, webhook, alert, attempt, timeoutMs);
          error = result.error;
          if (result.isDelivered)
            return { webhookId: webhook.id, isDelivered: true, attempts: attempt, error: null };
          if (result.retryInMs === null) break;
          await sleep(result.retryInMs);
          webhook = await webhookTarget(ctx.db, webhook.id);
          if (!webhook.isActive)
            return { webhookId: webhook.id, isDelivered: false, attempts: attempt, error: INACTIVE.error };
        }
      } catch (thrown) {
        error = thrown instanceof Error ? thrown.message : String(thrown);
      }
      return { webhookId: first.id, isDelivered: false, attempts: attempt, error };
    }),
  );
}
