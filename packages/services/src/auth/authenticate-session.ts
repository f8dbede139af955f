import type { Actor } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { sha256Hex } from './secret-token.ts';
import { actorOfUser, type PublicUser, toPublicUser, type UserRow, userColumns } from './user-record.ts';

export type AuthenticatedSession = { actor: Actor; csrfToken: string; user: PublicUser };

/**
 * The signed-in user of a session cookie, read afresh on every request so a changed role or a
 * disabled account takes effect at once. An expired session's row is deleted on the way out.
 */
export async function authenticateSession(
  ctx: ServiceContext,
  sessionToken: string | null | undefined,
): Promise<AuthenticatedSession> {
  if (!sessionToken || sessionToken.length > 200) throw new AppError('unauthorized', 'sign in first');
  const tokenHash = sha256Hex(sessionToken);
  const { rows } = await ctx.db.query<UserRow & { csrf_token: string; expires_at: Date }>(
    `SELECT s.csrf_token, s.expires_at, ${userColumns('u')}
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) throw new AppError('unauthorized', 'sign in first');
  if (row.expires_at.getTime() <= ctx.now()) {
    await ctx.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    throw new AppError('unauthorized', 'the session has expired; sign in again');
  }
  if (row.is_disabled) throw new AppError('unauthorized', 'this account is disabled');
  const user = toPublicUser(row);
  return { actor: actorOfUser(user), csrfToken: row.csrf_token, user };
}
