import type { Database, Queryable } from '@serviq/storage';
import { AppError } from '../service/app-error.ts';

// Any fixed number: the advisory lock every change to who is an admin takes, so two such changes
// (two processes bootstrapping, two admins demoting each other) run one after the other.
const ADMIN_LOCK = 7_311_043;

/** Serialises changes to the set of admins on PostgreSQL; PGlite runs one transaction at a time anyway. */
export async function lockAdmins(db: Database, tx: Queryable): Promise<void> {
  if (db.driver === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK]);
}

/** Refuses a change that would leave no enabled admin, since nobody could then manage users. */
export async function keepAnotherAdmin(tx: Queryable, userId: number): Promise<void> {
  const { rows } = await tx.query(
    "SELECT 1 FROM users WHERE role = 'admin' AND NOT is_disabled AND id <> $1 LIMIT 1",
    [userId],
  );
  if (rows.length === 0)
    throw new AppError('conflict', 'this is the last enabled admin; make another admin first');
}
