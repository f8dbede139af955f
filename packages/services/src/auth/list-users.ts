import { type Actor, authorize } from '../service/actor.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { type PublicUser, toPublicUser, type UserRow, userColumns } from './user-record.ts';

/** Every user, disabled ones included, in the order they were created. */
export async function listUsers(ctx: ServiceContext, actor: Actor): Promise<PublicUser[]> {
  authorize(actor, 'users:manage');
  const { rows } = await ctx.db.query<UserRow>(`SELECT ${userColumns()} FROM users ORDER BY id`);
  return rows.map(toPublicUser);
}
