import { parseArgs } from 'node:util';
import { ConfigError, parseServerConfig, startServer, startWorker } from '@serviq/server';
import { EXIT_OK, UsageError } from '../cli-error.ts';

export const SERVE_HELP = `serviq serve [--port N] [--host H] [--data-dir DIR] [--demo] [--config FILE] [--no-jobs]
  Run the service: the API (and, embedded, the jobs) on PGlite in DIR (default ./data), or on
  PostgreSQL when DATABASE_URL is set. PORT, HOST, SERVIQ_DATA_DIR, SERVIQ_ADMIN_EMAIL,
  SERVIQ_ADMIN_PASSWORD, SERVIQ_CHATWOOT_SECRET and SERVIQ_PUBLIC_URL work too.
  --demo loads demo conversations into an empty database at first start.

serviq worker [--config FILE]
  Take background jobs (re-scoring, report rollups, webhook retries, retention) from the
  PostgreSQL queue (DATABASE_URL); run as many as you like, on any hosts.`;

/** Runs until SIGINT or SIGTERM, then closes cleanly. */
function untilSignal(close: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(() => resolve(EXIT_OK));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function configFrom(flags: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  try {
    return parseServerConfig(flags, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export async function runServe(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean' },
      'demo-conversations': { type: 'string' },
      config: { type: 'string' },
      'no-jobs': { type: 'boolean' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${SERVE_HELP}\n`);
    return EXIT_OK;
  }
  const config = configFrom(
    {
      port: values.port,
      host: values.host,
      dataDir: values['data-dir'],
      isLoadingDemo: values.demo ? 'true' : undefined,
      demoConversations: values['demo-conversations'],
      analysisConfig: values.config,
      isWorking: values['no-jobs'] ? 'false' : undefined,
    },
    env,
  );
  const server = await startServerOrExplain(() => startServer(config));
  return untilSignal(server.close);
}

export async function runWorker(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${SERVE_HELP}\n`);
    return EXIT_OK;
  }
  const config = configFrom({ analysisConfig: values.config }, env);
  const worker = await startServerOrExplain(() => startWorker(config));
  return untilSignal(worker.close);
}

async function startServerOrExplain<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      throw new UsageError(`port in use: ${e.message} (choose another with --port or PORT)`);
    if (e.code === 'ECONNREFUSED')
      throw new UsageError(`cannot reach PostgreSQL: ${e.message} (check DATABASE_URL)`);
    throw error;
  }
}
