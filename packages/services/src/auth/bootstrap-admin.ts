import { randomInt } from 'node:crypto';
import { type EnsureAdmin, EnsureAdminSchema } from '@serviq/contracts';
import type { Queryable } from '@serviq/storage';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { lockAdmins } from './admin-guard.ts';
import { insertUser } from './create-user.ts';
import { hashPassword } from './password.ts';

export type EnsureAdminResult =
  | { created: false }
  /** `password` is shown once by the caller: a generated one exists nowhere else. */
  | { created: true; email: string; password: string; isGenerated: boolean };

// No 0/O, 1/l/I: people type this password from a terminal once.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

const generatePassword = (): string =>
  Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

const hasAdmin = async (q: Queryable): Promise<boolean> =>
  (await q.query("SELECT 1 FROM users WHERE role = 'admin' LIMIT 1")).rows.length > 0;

/**
 * Creates the first admin when the database has none (every boot calls it). Processes starting
 * together take turns through the admins' advisory lock, so only one of them creates it.
 */
export async function ensureAdmin(ctx: ServiceContext, input: EnsureAdmin = {}): Promise<EnsureAdminResult> {
  const { email, password: given } = parseInput(EnsureAdminSchema, input);
  // The usual boot finds an admin and skips the scrypt work.
  if (await hasAdmin(ctx.db)) return { created: false };
  const password = given ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    await lockAdmins(ctx.db, tx);
    if (await hasAdmin(tx)) return { created: false };
    const admin = { email, name: 'Administrator', role: 'admin' as const, agentId: null, teamIds: [] };
    await insertUser(
      tx,
      { kind: 'system' },
      { ...admin, isDisabled: false, passwordHash },
      new Date(ctx.now()),
    );
    return { created: true, email, password, isGenerated: given === undefined };
  });
}
