import { type CreateUser, CreateUserSchema } from '@serviq/contracts';
import type { Queryable } from '@serviq/storage';
import type { z } from 'zod';
import { type Actor, authorize } from '../service/actor.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { hashPassword } from './password.ts';
import {
  checkRoleLinks,
  emailTaken,
  type PublicUser,
  toPublicUser,
  type UserRow,
  userColumns,
} from './user-record.ts';

export async function createUser(ctx: ServiceContext, actor: Actor, input: CreateUser): Promise<PublicUser> {
  authorize(actor, 'users:manage');
  const { password, ...user } = parseInput(CreateUserSchema, input);
  checkRoleLinks(user);
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction((tx) => insertUser(tx, actor, { ...user, passwordHash }, new Date(ctx.now())));
}

export type NewUser = Omit<z.output<typeof CreateUserSchema>, 'password'> & { passwordHash: string };

/** Inserts a validated user and its audit row in the caller's transaction; the first admin's bootstrap shares it. */
export async function insertUser(tx: Queryable, actor: Actor, user: NewUser, at: Date): Promise<PublicUser> {
  // ON CONFLICT also waits out a concurrent insert of the same email and then inserts nothing.
  const { rows } = await tx.query<UserRow>(
    `INSERT INTO users (email, name, role, password_hash, agent_id, team_ids, is_disabled, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (email) DO NOTHING
     RETURNING ${userColumns()}`,
    [user.email, user.name, user.role, user.passwordHash, user.agentId, user.teamIds, user.isDisabled, at],
  );
  if (!rows[0]) throw emailTaken(user.email);
  const created = toPublicUser(rows[0]);
  await recordAudit(tx, actor, {
    action: 'user.create',
    entity: 'user',
    entityId: created.id,
    after: created,
  });
  return created;
}
