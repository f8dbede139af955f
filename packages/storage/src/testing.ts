// Test support for every package: the PGlite + PostgreSQL driver matrix (a subpath export, not part of the runtime API).
import { after } from 'node:test';
import { createDatabase, type Database, type DatabaseOptions } from './database.ts';
import { migrate } from './migrate.ts';

// Storage, service and server tests run on PGlite and, when DATABASE_URL is set (CI sets it), on PostgreSQL too,
// each PostgreSQL database in a schema of its own, dropped when the file's tests end.
const url = process.env.DATABASE_URL ?? process.env.SERVIQ_TEST_DATABASE_URL;
const run = `serviq_t${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];
const opened: Database[] = [];

export type TestDriver = {
  name: 'pglite' | 'postgres';
  options: () => DatabaseOptions & { schema?: string };
};

export const TEST_DRIVERS: TestDriver[] = [{ name: 'pglite', options: () => ({ driver: 'pglite' }) }];
if (url)
  TEST_DRIVERS.push({
    name: 'postgres',
    options: () => {
      schemas.push(`${run}_${schemas.length}`);
      return { driver: 'postgres', url, schema: schemas.at(-1) as string, maxConnections: 4 };
    },
  });

/** A new, migrated, empty database on the driver; closed (and its schema dropped) after the file. */
export async function openTestDatabase(driver: TestDriver): Promise<Database> {
  const db = await createDatabase(driver.options());
  opened.push(db);
  await migrate(db);
  return db;
}

after(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  if (!url || schemas.length === 0) return;
  const admin = await createDatabase({ driver: 'postgres', url });
  // The run's schemas, and those made in their name (pg-boss's).
  const { rows } = await admin.query<{ nspname: string }>(
    'SELECT nspname FROM pg_namespace WHERE nspname LIKE $1',
    [`${run}%`],
  );
  for (const { nspname } of rows) await admin.exec(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
  await admin.close();
});
