import type { Actor } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { sha256Hex } from './secret-token.ts';
import { type ApiTokenRow, TOKEN_COLUMNS, TOKEN_PREFIX } from './token-record.ts';

// last_used_at is for people deciding which tokens are dead, so minute precision is plenty and
// a busy ingest client does not write a row per request.
const LAST_USED_PRECISION_MS = 60_000;

/** The actor of an `Authorization: Bearer sq_…` token (pass the part after `Bearer `). */
export async function authenticateToken(
  ctx: ServiceContext,
  bearer: string | null | undefined,
): Promise<Actor> {
  if (!bearer?.startsWith(TOKEN_PREFIX) || bearer.length > 200)
    throw new AppError('unauthorized', 'the API token is missing or malformed');
  const { rows } = await ctx.db.query<ApiTokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1`,
    [sha256Hex(bearer)],
    { name: 'serviq_token_lookup' },
  );
  const row = rows[0];
  if (!row || row.revoked_at !== null)
    throw new AppError('unauthorized', 'the API token is unknown or revoked');
  const id = Number(row.id);
  const now = ctx.now();
  if (row.last_used_at === null || row.last_used_at.getTime() <= now - LAST_USED_PRECISION_MS)
    await ctx.db.query(
      `UPDATE api_tokens SET last_used_at = $2
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`,
      [id, new Date(now), new Date(now - LAST_USED_PRECISION_MS)],
    );
  return { kind: 'token', tokenId: id, scopes: row.scopes };
}
