import { AnalysisRuntimes, createJobQueue, type JobQueue, registerJobHandlers } from '@serviq/services';
import { type Database, migrate } from '@serviq/storage';
import { openDatabase } from './open-database.ts';
import { ConfigError, type ServerConfig } from './server-config.ts';
import { readAnalysisConfig } from './start-server.ts';

export type RunningWorker = { db: Database; queue: JobQueue; close(): Promise<void> };

/**
 * A worker process: it takes jobs (re-scoring, rollups, webhook retries, retention) from the
 * shared PostgreSQL queue; any number of them may run on any number of hosts.
 */
export async function startWorker(
  config: ServerConfig,
  options: { print?: (line: string) => void; now?: () => number } = {},
): Promise<RunningWorker> {
  if (!config.databaseUrl)
    throw new ConfigError(
      'DATABASE_URL: serviq worker needs PostgreSQL; with the embedded database, serviq serve runs the jobs itself',
    );
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const analysisConfig = readAnalysisConfig(config.analysisConfig);
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const ctx = { db, now: options.now ?? (() => Date.now()) };
    const queue = await createJobQueue(db, { isScheduling: true });
    await registerJobHandlers({
      ctx,
      queue,
      runtimes: new AnalysisRuntimes(analysisConfig),
      ...(config.publicUrl ? { dashboardUrl: config.publicUrl } : {}),
    });
    print('Serviq worker is taking jobs from the PostgreSQL queue.');
    return {
      db,
      queue,
      async close() {
        await queue.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
