import { type Login, LoginSchema } from '@serviq/contracts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { spendPasswordCheck, verifyPassword } from './password.ts';
import { randomToken, sha256Hex } from './secret-token.ts';
import { actorOfUser, type PublicUser, toPublicUser, type UserRow, userColumns } from './user-record.ts';

export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;

export type LoginOptions = {
  /** One per process, made at boot with `createLoginLimiter`; null only where nothing is exposed (tests, CLI). */
  limiter: LoginLimiter | null;
  /** The client's address: attempts are limited per email and per address. */
  ip?: string | null;
  sessionLifetimeMs?: number;
};

export type LoginResult = {
  /** The session cookie's value; only its sha256 is stored. */
  sessionToken: string;
  /** Sent back by the client in a header on every change (double submit). */
  csrfToken: string;
  user: PublicUser;
  expiresAt: string;
};

const wrongCredentials = () => new AppError('unauthorized', 'email or password is wrong');

export async function login(ctx: ServiceContext, input: Login, options: LoginOptions): Promise<LoginResult> {
  const { email, password } = parseInput(LoginSchema, input);
  const now = ctx.now();
  const keys = [`email:${email}`, ...(options.ip ? [`ip:${options.ip}`] : [])];
  options.limiter?.take(keys, now);

  const { rows } = await ctx.db.query<UserRow>(`SELECT ${userColumns()} FROM users WHERE email = $1`, [
    email,
  ]);
  const row = rows[0];
  // Unknown emails and disabled accounts spend the same scrypt time and get the same answer.
  const isMatch = row
    ? await verifyPassword(password, row.password_hash)
    : await spendPasswordCheck(password);
  if (!row || !isMatch || row.is_disabled) throw wrongCredentials();
  options.limiter?.refund(keys);

  const user = toPublicUser(row);
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now + (options.sessionLifetimeMs ?? SESSION_LIFETIME_MS));
  await ctx.db.transaction(async (tx) => {
    // The user's expired sessions are swept here, so the table does not grow with every sign-in.
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [user.id, new Date(now)]);
    await tx.query(
      'INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [sha256Hex(sessionToken), user.id, csrfToken, new Date(now), expiresAt],
    );
    await recordAudit(tx, actorOfUser(user), {
      action: 'session.login',
      entity: 'user',
      entityId: user.id,
      after: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { sessionToken, csrfToken, user, expiresAt: expiresAt.toISOString() };
}
