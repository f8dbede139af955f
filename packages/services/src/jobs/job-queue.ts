import type { Database } from '@serviq/storage';
import PgBoss from 'pg-boss';

/** The background jobs and what each carries: jobs are data, their handlers are use-cases. */
export type JobPayloads = {
  /** Re-score every conversation with the generation a publish created (row in `jobs`). */
  rescore: { jobId: number };
  /** Recompute the report rollups of these UTC hour starts. */
  'refresh-rollups': { hours: number[] };
  /** One delivery attempt of an alert to a webhook; a failed attempt schedules the next. */
  'deliver-webhook': { alertId: number; webhookId: number; attempt: number };
  /** Delete conversations older than the retention setting (daily). */
  retention: Record<string, never>;
};
export type JobName = keyof JobPayloads;
export const JOB_NAMES: readonly JobName[] = ['rescore', 'refresh-rollups', 'deliver-webhook', 'retention'];

export type JobQueue = {
  send<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options?: { startAfterSeconds?: number; singletonKey?: string },
  ): Promise<void>;
  work<N extends JobName>(name: N, handler: (data: JobPayloads[N]) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
};

export type JobQueueOptions = {
  /** Run the daily retention job (one process schedules it; pg-boss keeps it to one run). */
  isScheduling?: boolean;
  onError?: (error: Error) => void;
};

/**
 * The Postgres-backed queue (pg-boss) over our own connection, so it runs the same on PGlite
 * (embedded, in-process) and on PostgreSQL (any number of worker processes). Jobs that fail are
 * retried with back-off; handlers are written to be safe when a retry repeats part of a run.
 */
export async function createJobQueue(db: Database, options: JobQueueOptions = {}): Promise<JobQueue> {
  const boss = new PgBoss({
    db: {
      async executeSql(text: string, values: unknown[]) {
        // pg-boss sends its schema scripts as several statements without parameters, which
        // PGlite runs only through exec.
        if ((!values || values.length === 0) && db.driver === 'pglite' && text.includes(';')) {
          await db.exec(text);
          return { rows: [] };
        }
        return db.query(text, values ?? []);
      },
    },
    // Its own schema beside ours; databases sharing a server in different schemas get one each.
    schema: db.namespaced('pgboss'),
    schedule: options.isScheduling ?? false,
    supervise: true,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  for (const name of JOB_NAMES)
    await boss.createQueue(name, {
      name,
      retryLimit: name === 'deliver-webhook' ? 0 : 3,
      retryDelay: 5,
      retryBackoff: true,
    });
  if (options.isScheduling) await boss.schedule('retention', '17 3 * * *', {});
  return {
    async send(name, data, sendOptions = {}) {
      await boss.send(name, data as object, {
        ...(sendOptions.startAfterSeconds ? { startAfter: Math.ceil(sendOptions.startAfterSeconds) } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
      });
    },
    async work(name, handler) {
      await boss.work<JobPayloads[typeof name]>(
        name,
        { pollingIntervalSeconds: 0.5, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await handler(job.data);
        },
      );
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
