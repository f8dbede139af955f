import type {
  AlertHub,
  AnalysisRuntimes,
  ImportPool,
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
  live: LiveConversations;
};
