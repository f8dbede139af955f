import type {
  AlertHub,
  AnalysisRuntimes,
  ImportPool,
  JobDeps,
  JobQueue,
  LiveConversations,
  LoginLimiter,
  ServiceContext,
} from '@serviq/services';
import type { ServerConfig } from './server-config.ts';

/** What the HTTP layer works with, built once at boot. */
export type AppDeps = {
  ctx: ServiceContext;
  config: ServerConfig;
  runtimes: AnalysisRuntimes;
  hub: AlertHub;
  importPool: ImportPool;
  limiter: LoginLimiter;
  queue: JobQueue;
  /** What job handlers and the first webhook attempts work with (the same in both). */
  jobs: JobDeps;
  live: LiveConversations;
  /** Work a request starts and does not wait for (webhook first attempts); drained before shutdown. */
  background: BackgroundTasks;
};

export class BackgroundTasks {
  private readonly running = new Set<Promise<unknown>>();

  run(task: () => Promise<unknown>, onError: (error: unknown) => void): void {
    const p: Promise<unknown> = task()
      .catch(onError)
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
