import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

/** Everything a server process is configured with, parsed once at boot from flags and environment. */
export const ServerConfigSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65_535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  /** PGlite's directory in embedded mode. */
  dataDir: z.string().min(1).default('./data'),
  /** PostgreSQL in production; PGlite in `dataDir` when absent. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  adminEmail: z.email().optional(),
  adminPassword: z.string().min(10, 'must be at least 10 characters').optional(),
  /** Load demo conversations into an empty database at first start. */
  isLoadingDemo: Flag.default(false),
  demoConversations: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Run background jobs in this process (embedded mode; off for API-only hosts beside `serviq worker`). */
  isWorking: Flag.default(true),
  /** Worker threads that analyse batch imports. */
  importThreads: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(Math.max(1, cpus().length - 1)),
  /** The address people open, for links in alerts. */
  publicUrl: z.url().optional(),
  /** Session cookies only over HTTPS; on by default when publicUrl is https. */
  isSecureCookie: Flag.optional(),
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  isBehindProxy: Flag.default(false),
  chatwootSecret: z.string().min(8, 'must be at least 8 characters').optional(),
  chatwootAccountId: z.string().optional(),
  /** Largest JSON body (bytes); batch imports stream and have their own limit. */
  bodyLimit: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1 << 20),
  importLimit: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 ** 30),
  /** An analysis config file (time zone, SLA, emoji overrides), as for `serviq analyze --config`. */
  analysisConfig: z.string().optional(),
  /** The built dashboard (`npm run build:web`); the API alone is served when it is missing. */
  webDir: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
});
export type ServerConfig = z.output<typeof ServerConfigSchema>;

/** A configuration value that stops the boot, with where it came from. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ENV_NAMES: Partial<Record<keyof ServerConfig, string[]>> = {
  port: ['PORT', 'SERVIQ_PORT'],
  host: ['HOST', 'SERVIQ_HOST'],
  dataDir: ['SERVIQ_DATA_DIR'],
  databaseUrl: ['DATABASE_URL'],
  adminEmail: ['SERVIQ_ADMIN_EMAIL'],
  adminPassword: ['SERVIQ_ADMIN_PASSWORD'],
  isLoadingDemo: ['SERVIQ_DEMO'],
  demoConversations: ['SERVIQ_DEMO_CONVERSATIONS'],
  isWorking: ['SERVIQ_JOBS'],
  importThreads: ['SERVIQ_IMPORT_THREADS'],
  publicUrl: ['SERVIQ_PUBLIC_URL'],
  isSecureCookie: ['SERVIQ_SECURE_COOKIE'],
  isBehindProxy: ['SERVIQ_TRUST_PROXY'],
  chatwootSecret: ['SERVIQ_CHATWOOT_SECRET'],
  chatwootAccountId: ['SERVIQ_CHATWOOT_ACCOUNT'],
  bodyLimit: ['SERVIQ_BODY_LIMIT'],
  importLimit: ['SERVIQ_IMPORT_LIMIT'],
  analysisConfig: ['SERVIQ_CONFIG'],
  webDir: ['SERVIQ_WEB_DIR'],
  logLevel: ['SERVIQ_LOG_LEVEL'],
};

/**
 * The configuration from the environment, then flags over it; a bad value throws a ConfigError
 * that names the flag or variable and why.
 */
export function parseServerConfig(
  flags: Partial<Record<keyof ServerConfig, unknown>>,
  env: NodeJS.ProcessEnv,
): ServerConfig {
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const [key, names] of Object.entries(ENV_NAMES)) {
    for (const name of names ?? []) {
      const value = env[name];
      if (value === undefined || value === '') continue;
      raw[key] = value;
      origin[key] = name;
      break;
    }
  }
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined) continue;
    raw[key] = value;
    origin[key] = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  }
  const parsed = ServerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      return `${origin[key] ?? key}: ${i.message}`;
    });
    throw new ConfigError(`bad configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
