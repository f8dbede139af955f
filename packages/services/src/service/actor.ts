import {
  type Permission,
  ROLE_PERMISSIONS,
  SCOPE_PERMISSIONS,
  type TokenScope,
  type UserRole,
} from '@serviq/contracts';
import { AppError } from './app-error.ts';

// The roles, scopes and their permissions are part of the API contract (the dashboard shows what a
// role may do); re-exported for the services' callers.
export {
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  SCOPE_PERMISSIONS,
  TOKEN_SCOPES,
  type TokenScope,
  USER_ROLES,
  type UserRole,
} from '@serviq/contracts';

/** Who is asking: a signed-in person, an API token, or the service itself (jobs, boot). */
export type Actor =
  | { kind: 'user'; userId: number; role: UserRole; agentId: string | null; teamIds: string[] }
  | { kind: 'token'; tokenId: number; scopes: TokenScope[] }
  | { kind: 'system' };

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'user') return ROLE_PERMISSIONS[actor.role].includes(permission);
  return actor.scopes.some((scope) => SCOPE_PERMISSIONS[scope].includes(permission));
}

/** Throws `forbidden` unless the actor holds the permission: every use-case starts with this. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission))
    throw new AppError('forbidden', `this account lacks the permission ${permission}`);
}

/** Which conversations (and the scores, alerts and reports built on them) an actor may see. */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'teams'; teamIds: string[] }
  | { kind: 'agent'; agentId: string | null };

export function visibilityOf(actor: Actor): Visibility {
  if (actor.kind !== 'user') return { kind: 'all' };
  if (actor.role === 'supervisor') return { kind: 'teams', teamIds: actor.teamIds };
  if (actor.role === 'agent') return { kind: 'agent', agentId: actor.agentId };
  return { kind: 'all' };
}

/**
 * The SQL condition that limits rows of a table with `team_id` and `agent_ids` (conversations) or
 * `agent_id` columns to what the actor may see; pushes its parameters onto `params`. An agent user
 * linked to no agent id sees nothing.
 */
export function visibilitySql(
  visibility: Visibility,
  params: unknown[],
  columns: { team: string; agents?: string; agent?: string },
): string {
  if (visibility.kind === 'all') return 'TRUE';
  if (visibility.kind === 'teams') {
    params.push(visibility.teamIds);
    return `${columns.team} = ANY($${params.length}::text[])`;
  }
  if (visibility.agentId === null) return 'FALSE';
  params.push(visibility.agentId);
  if (columns.agents) return `$${params.length}::text = ANY(${columns.agents})`;
  return `${columns.agent ?? 'agent_id'} = $${params.length}::text`;
}

export const actorLabel = (actor: Actor): string =>
  actor.kind === 'user'
    ? `user:${actor.userId}`
    : actor.kind === 'token'
      ? `token:${actor.tokenId}`
      : 'system';
