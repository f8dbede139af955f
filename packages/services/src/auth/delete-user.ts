import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseId } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { keepAnotherAdmin, lockAdmins } from './admin-guard.ts';
import { toPublicUser, type UserRow, userColumns } from './user-record.ts';

/**
 * Deletes a user who has written no reviews (their sessions go with them, their tokens stay with no
 * creator). A reviewer's scores must keep saying who gave them, so such a user is disabled instead.
 */
export async function deleteUser(ctx: ServiceContext, actor: Actor, userId: number | string): Promise<void> {
  authorize(actor, 'users:manage');
  const id = parseId(userId);
  if (actor.kind === 'user' && actor.userId === id)
    throw new AppError('conflict', 'you cannot delete your own account');
  await ctx.db.transaction(async (tx) => {
    await lockAdmins(ctx.db, tx);
    const { rows } = await tx.query<UserRow>(`SELECT ${userColumns()} FROM users WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!rows[0]) throw new AppError('not_found', `there is no user ${id}`);
    const before = toPublicUser(rows[0]);
    if (before.role === 'admin' && !before.isDisabled) await keepAnotherAdmin(tx, id);
    const reviews = await tx.query('SELECT 1 FROM reviews WHERE reviewer_id = $1 LIMIT 1', [id]);
    if (reviews.rows.length > 0)
      throw new AppError('conflict', 'this user has written reviews; disable the account instead');
    await tx.query('DELETE FROM users WHERE id = $1', [id]);
    await recordAudit(tx, actor, { action: 'user.delete', entity: 'user', entityId: id, before });
  });
}
