import { type UpdateUser, UpdateUserSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseId, parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { keepAnotherAdmin, lockAdmins } from './admin-guard.ts';
import { hashPassword } from './password.ts';
import { checkRoleLinks, type PublicUser, toPublicUser, type UserRow, userColumns } from './user-record.ts';

const sameUser = (a: PublicUser, b: PublicUser): boolean => JSON.stringify(a) === JSON.stringify(b);

export async function updateUser(
  ctx: ServiceContext,
  actor: Actor,
  userId: number | string,
  input: UpdateUser,
): Promise<PublicUser> {
  authorize(actor, 'users:manage');
  const id = parseId(userId);
  const { password, ...patch } = parseInput(UpdateUserSchema, input);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    if (patch.role !== undefined || patch.isDisabled !== undefined) await lockAdmins(ctx.db, tx);
    const { rows } = await tx.query<UserRow>(`SELECT ${userColumns()} FROM users WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!rows[0]) throw new AppError('not_found', `there is no user ${id}`);
    const before = toPublicUser(rows[0]);
    const after: PublicUser = {
      ...before,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    checkRoleLinks(after);
    const wasAdmin = before.role === 'admin' && !before.isDisabled;
    if (wasAdmin && (after.role !== 'admin' || after.isDisabled)) await keepAnotherAdmin(tx, id);
    const isChanged = !sameUser(before, after);
    if (!isChanged && passwordHash === null) return before;

    await tx.query(
      `UPDATE users SET name = $2, role = $3, agent_id = $4, team_ids = $5, is_disabled = $6,
         password_hash = COALESCE($7, password_hash), updated_at = $8
       WHERE id = $1`,
      [
        id,
        after.name,
        after.role,
        after.agentId,
        after.teamIds,
        after.isDisabled,
        passwordHash,
        new Date(ctx.now()),
      ],
    );
    // A reset password or a disabled account signs the user out everywhere.
    if (passwordHash !== null || after.isDisabled)
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    if (isChanged)
      await recordAudit(tx, actor, { action: 'user.update', entity: 'user', entityId: id, before, after });
    if (passwordHash !== null)
      await recordAudit(tx, actor, { action: 'user.reset_password', entity: 'user', entityId: id });
    return after;
  });
}
