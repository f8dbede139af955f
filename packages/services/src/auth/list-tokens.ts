import { type Actor, authorize } from '../service/actor.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { type ApiTokenRow, type PublicApiToken, TOKEN_COLUMNS, toPublicApiToken } from './token-record.ts';

/** Every API token, revoked ones included (they show when they were revoked), oldest first. */
export async function listTokens(ctx: ServiceContext, actor: Actor): Promise<PublicApiToken[]> {
  authorize(actor, 'tokens:manage');
  const { rows } = await ctx.db.query<ApiTokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY id`);
  return rows.map(toPublicApiToken);
}
