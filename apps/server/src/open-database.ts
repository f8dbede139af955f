import { mkdirSync } from 'node:fs';
import { createDatabase, type Database } from '@serviq/storage';
import type { ServerConfig } from './server-config.ts';

/** PostgreSQL when a URL is configured, PGlite in the data directory otherwise. */
export async function openDatabase(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) return createDatabase({ driver: 'postgres', url: config.databaseUrl });
  mkdirSync(config.dataDir, { recursive: true });
  return createDatabase({ driver: 'pglite', dataDir: `${config.dataDir}/pglite` });
}
