import { recordAudit } from '../service/audit.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { sha256Hex } from './secret-token.ts';
import { actorOfUser, toPublicUser, type UserRow, userColumns } from './user-record.ts';

/** Ends the session of a cookie; signing out twice, or with no session, is not an error. */
export async function logout(ctx: ServiceContext, sessionToken: string | null | undefined): Promise<void> {
  if (!sessionToken) return;
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<UserRow>(
      `DELETE FROM sessions s USING users u WHERE s.token_hash = $1 AND u.id = s.user_id RETURNING ${userColumns('u')}`,
      [sha256Hex(sessionToken)],
    );
    if (!rows[0]) return;
    const user = toPublicUser(rows[0]);
    await recordAudit(tx, actorOfUser(user), { action: 'session.logout', entity: 'user', entityId: user.id });
  });
}
