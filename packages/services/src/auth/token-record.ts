import type { TokenScope } from '../service/actor.ts';

/** An API token as listed and audited: never its hash (nor, after creation, its plaintext). */
export type PublicApiToken = {
  id: number;
  name: string;
  /** The first characters of the token, so people can tell their tokens apart. */
  prefix: string;
  scopes: TokenScope[];
  createdBy: number | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type ApiTokenRow = {
  id: number | string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  created_by: number | string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export const TOKEN_COLUMNS = 'id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at';

export const TOKEN_PREFIX = 'sq_';

export const toPublicApiToken = (row: ApiTokenRow): PublicApiToken => ({
  id: Number(row.id),
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  createdBy: row.created_by === null ? null : Number(row.created_by),
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});
