import type { StoredAlert } from '../alerts/alert-hub.ts';
import { deliverAlert } from '../alerts/deliver-alert.ts';
import { activeWebhookTargets, isWebhookFor } from '../alerts/webhook-config.ts';
import { applyRetention } from '../privacy/apply-retention.ts';
import { refreshRollups } from '../reports/refresh-rollups.ts';
import { runRescoreJob } from '../rules-admin/run-rescore-job.ts';
import type { AnalysisRuntimes } from '../service/analysis-runtime.ts';
import { isAppError } from '../service/app-error.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { readSettings } from '../settings/service-settings.ts';
import type { JobQueue } from './job-queue.ts';

export type JobDeps = {
  ctx: ServiceContext;
  queue: JobQueue;
  runtimes: AnalysisRuntimes;
  /** The dashboard's address, for links in alert messages. */
  dashboardUrl?: string;
};

/**
 * One delivery attempt; a failure that may succeed later is queued again after the back-off, so
 * retries survive a restart and any worker may take them.
 */
export async function attemptWebhook(
  deps: JobDeps,
  alertId: number,
  webhookId: number,
  attempt: number,
): Promise<void> {
  let result: Awaited<ReturnType<typeof deliverAlert>>;
  try {
    result = await deliverAlert(deps.ctx, alertId, webhookId, attempt, {
      ...(deps.dashboardUrl ? { dashboardUrl: deps.dashboardUrl } : {}),
    });
  } catch (error) {
    // The webhook or the alert was deleted since: nothing left to deliver.
    if (isAppError(error) && error.code === 'not_found') return;
    throw error;
  }
  if (result.shouldRetry && result.retryInMs !== null)
    await deps.queue.send(
      'deliver-webhook',
      { alertId, webhookId, attempt: attempt + 1 },
      { startAfterSeconds: result.retryInMs / 1000 },
    );
}

/**
 * Sends new alerts at once to every active webhook whose filters take them (the first attempt does
 * not wait for a worker).
 */
export async function dispatchAlerts(deps: JobDeps, alerts: readonly StoredAlert[]): Promise<void> {
  if (alerts.length === 0) return;
  const targets = await activeWebhookTargets(deps.ctx.db);
  await Promise.all(
    alerts.flatMap((a) =>
      targets.filter((t) => isWebhookFor(t, a)).map((t) => attemptWebhook(deps, a.id, t.id, 1)),
    ),
  );
}

/** Queues a rollup refresh; one pending refresh per set of hours is enough. */
export async function queueRollupRefresh(queue: JobQueue, hours: readonly number[]): Promise<void> {
  if (hours.length === 0) return;
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  await queue.send('refresh-rollups', { hours: sorted }, { singletonKey: `rollups:${sorted.join(',')}` });
}

/** Registers every job's handler: the embedded server and `serviq worker` run the same ones. */
export async function registerJobHandlers(deps: JobDeps): Promise<void> {
  const { ctx, queue } = deps;
  await queue.work('rescore', async ({ jobId }) => {
    // The job was queued by a publish, perhaps in another process: read the rules afresh.
    deps.runtimes.invalidate();
    const runtime = await deps.runtimes.current(ctx.db, ctx.now());
    const report = await runRescoreJob(ctx, jobId, runtime);
    await refreshRollups(ctx, report.hours);
  });
  await queue.work('refresh-rollups', ({ hours }) => refreshRollups(ctx, hours));
  await queue.work('deliver-webhook', ({ alertId, webhookId, attempt }) =>
    attemptWebhook(deps, alertId, webhookId, attempt),
  );
  await queue.work('retention', async () => {
    const { retention } = await readSettings(ctx.db);
    if (retention.days === null) return;
    const outcome = await applyRetention(ctx, { days: retention.days });
    await refreshRollups(ctx, outcome.hours);
  });
}
