import type { Actor, UserRole } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';

/** What use-cases return and audit of a user: never the password hash. */
export type PublicUser = {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  agentId: string | null;
  teamIds: string[];
  isDisabled: boolean;
  createdAt: string;
};

export type UserRow = {
  id: number | string;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  agent_id: string | null;
  team_ids: string[];
  is_disabled: boolean;
  created_at: Date;
};

const USER_FIELDS = [
  'id',
  'email',
  'name',
  'role',
  'password_hash',
  'agent_id',
  'team_ids',
  'is_disabled',
  'created_at',
];

/** The select list of a `UserRow`, qualified by a table alias when the query joins. */
export const userColumns = (alias?: string): string =>
  USER_FIELDS.map((field) => (alias ? `${alias}.${field}` : field)).join(', ');

// PostgreSQL hands bigint back as a string, PGlite as a number.
export const toPublicUser = (row: UserRow): PublicUser => ({
  id: Number(row.id),
  email: row.email,
  name: row.name,
  role: row.role,
  agentId: row.agent_id,
  teamIds: row.team_ids,
  isDisabled: row.is_disabled,
  createdAt: row.created_at.toISOString(),
});

/** Visibility hangs on these links: an agent user without an agent id or a supervisor without teams sees nothing. */
export function checkRoleLinks(user: Pick<PublicUser, 'role' | 'agentId' | 'teamIds'>): void {
  if (user.role === 'agent' && !user.agentId)
    throw new AppError('invalid', 'agentId: an agent user needs the agent id they answer as', {
      field: 'agentId',
    });
  if (user.role === 'supervisor' && user.teamIds.length === 0)
    throw new AppError('invalid', 'teamIds: a supervisor needs at least one team', { field: 'teamIds' });
}

export const emailTaken = (email: string): AppError =>
  new AppError('conflict', `a user with email ${email} already exists`, { field: 'email' });

export const actorOfUser = (user: PublicUser): Actor => ({
  kind: 'user',
  userId: user.id,
  role: user.role,
  agentId: user.agentId,
  teamIds: user.teamIds,
});
