import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { generateDemo } from '@serviq/core';
import {
  AlertHub,
  type AnalysisConfig,
  AnalysisConfigSchema,
  AnalysisRuntimes,
  createJobQueue,
  createLoginLimiter,
  ensureAdmin,
  ImportPool,
  importConversations,
  type JobQueue,
  LiveConversations,
  refreshRollups,
  registerJobHandlers,
  seedShippedRuleSets,
} from '@serviq/services';
import { type Database, migrate } from '@serviq/storage';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { BackgroundTasks } from './app-deps.ts';
import { openDatabase } from './open-database.ts';
import { ConfigError, type ServerConfig } from './server-config.ts';

export type RunningServer = {
  app: FastifyInstance;
  url: string;
  db: Database;
  queue: JobQueue;
  close(): Promise<void>;
};

export type StartOptions = {
  /** Where boot messages go (the admin password, the address); stdout by default. */
  print?: (line: string) => void;
  now?: () => number;
  /** An open database to serve instead of the configured one (tests); closed with the server. */
  database?: Database;
};

export function readAnalysisConfig(path: string | undefined): AnalysisConfig {
  if (!path) return AnalysisConfigSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the analysis config: ${(error as Error).message}`);
  }
  const parsed = AnalysisConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

async function loadDemo(
  server: { ctx: { db: Database; now: () => number } },
  runtimes: AnalysisRuntimes,
  pool: ImportPool,
  count: number,
  print: (line: string) => void,
) {
  const { ctx } = server;
  const { rows } = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
  if ((rows[0]?.n ?? 0) > 0) return;
  const days = 28;
  // The demo ends yesterday, so "this week" on the dashboard has data.
  const startAt = Math.floor(ctx.now() / 86_400_000) * 86_400_000 - days * 86_400_000;
  print(`Loading ${count} demo conversations (first start only)…`);
  const lines = (function* () {
    let batch: string[] = [];
    for (const conv of generateDemo({ conversations: count, seed: 1, lang: 'mixed', days, startAt })) {
      batch.push(JSON.stringify(conv));
      if (batch.length === 500) {
        yield Buffer.from(`${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length > 0) yield Buffer.from(`${batch.join('\n')}\n`);
  })();
  const runtime = await runtimes.current(ctx.db, ctx.now());
  const started = Date.now();
  const report = await importConversations(ctx, { kind: 'system' }, Readable.from(lines), { runtime, pool });
  await refreshRollups(ctx, report.hours);
  print(
    `Loaded ${report.inserted} demo conversations (${report.messages} messages) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

/**
 * Boots a server process: database and migrations, the first admin, the shipped rule packs, demo
 * data when asked, the job queue (worked in this process unless switched off), the alert hub and
 * the HTTP API.
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const analysisConfig = readAnalysisConfig(config.analysisConfig);
  const db = options.database ?? (await openDatabase(config));
  const ctx = { db, now: options.now ?? (() => Date.now()) };
  const closers: (() => Promise<void>)[] = [() => db.close()];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const applied = await migrate(db);
    if (applied.length > 0) print(`Database migrated: ${applied.join(', ')}`);
    const admin = await ensureAdmin(ctx, {
      ...(config.adminEmail ? { email: config.adminEmail } : {}),
      ...(config.adminPassword ? { password: config.adminPassword } : {}),
    });
    // Printed at once: a boot that fails later (port taken) must not lose a generated password.
    if (admin.created)
      print(
        admin.isGenerated
          ? `Created the first admin: ${admin.email} with password ${admin.password} (shown once; change it after signing in)`
          : `Created the first admin: ${admin.email} (password from SERVIQ_ADMIN_PASSWORD)`,
      );
    await seedShippedRuleSets(ctx);
    const runtimes = new AnalysisRuntimes(analysisConfig);
    const importPool = new ImportPool(config.importThreads);
    closers.push(() => importPool.close());
    const queue = await createJobQueue(db, { isScheduling: config.isWorking });
    closers.push(() => queue.stop());
    const jobs = { ctx, queue, runtimes, ...(config.publicUrl ? { dashboardUrl: config.publicUrl } : {}) };
    if (config.isWorking) await registerJobHandlers(jobs);
    if (config.isLoadingDemo) await loadDemo({ ctx }, runtimes, importPool, config.demoConversations, print);
    const background = new BackgroundTasks();
    closers.push(() => background.drain());
    const hub = new AlertHub();
    await hub.start(db);
    closers.push(() => hub.close());
    const app = await buildApp({
      ctx,
      config,
      runtimes,
      hub,
      importPool,
      limiter: createLoginLimiter(),
      queue,
      jobs,
      live: new LiveConversations(),
      background,
    });
    closers.push(() => app.close());
    const address = await app.listen({ port: config.port, host: config.host });
    const url =
      config.publicUrl ??
      address.replace('://0.0.0.0', '://localhost').replace('://127.0.0.1', '://localhost');
    print(`Serviq is running at ${url} (API under ${url}/api/v1, OpenAPI at ${url}/api/v1/openapi.json)`);
    print(`Storage: ${db.driver === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`);
    return { app, url, db, queue, close };
  } catch (error) {
    await close();
    throw error;
  }
}
