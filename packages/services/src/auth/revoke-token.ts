import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseId } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { type ApiTokenRow, type PublicApiToken, TOKEN_COLUMNS, toPublicApiToken } from './token-record.ts';

/** Revokes a token for good; revoking a revoked token changes nothing and returns it as it is. */
export async function revokeToken(
  ctx: ServiceContext,
  actor: Actor,
  tokenId: number | string,
): Promise<PublicApiToken> {
  authorize(actor, 'tokens:manage');
  const id = parseId(tokenId);
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<ApiTokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!rows[0]) throw new AppError('not_found', `there is no API token ${id}`);
    const before = toPublicApiToken(rows[0]);
    if (before.revokedAt !== null) return before;
    const updated = await tx.query<ApiTokenRow>(
      `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 RETURNING ${TOKEN_COLUMNS}`,
      [id, new Date(ctx.now())],
    );
    const after = toPublicApiToken(updated.rows[0] as ApiTokenRow);
    await recordAudit(tx, actor, {
      action: 'token.revoke',
      entity: 'api_token',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
