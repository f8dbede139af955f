import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';

/** The committed SQL migrations, applied in file-name order. */
export const MIGRATIONS_DIR = join(import.meta.dirname, '..', 'migrations');

export type Migration = { id: string; sql: string; checksum: string };

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return {
        id: name.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

// Any fixed number: the key of the advisory lock every migrating process takes.
const MIGRATION_LOCK = 7_311_042;

/**
 * Applies the migrations not applied yet, all in one transaction (a failing one leaves none of the
 * run applied), and refuses to run when an applied migration's file has changed since (a committed
 * migration is never edited). Processes that start together on PostgreSQL take turns through an
 * advisory lock. Returns the ids applied.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = readMigrations(),
): Promise<string[]> {
  return db.transaction(async (tx) => {
    // The lock comes first: two processes creating the bookkeeping table at once collide in the catalog.
    if (db.driver === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS serviq_migrations (
      id text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ id: string; checksum: string }>(
      'SELECT id, checksum FROM serviq_migrations',
    );
    const applied = new Map(rows.map((r) => [r.id, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.id);
      if (checksum !== undefined) {
        if (checksum !== m.checksum)
          throw new Error(`migration ${m.id} was changed after it was applied; add a new migration instead`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO serviq_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
      done.push(m.id);
    }
    return done;
  });
}
