import { type CreateToken, CreateTokenSchema } from '@serviq/contracts';
import { type Actor, authorize, can, SCOPE_PERMISSIONS } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { randomToken, sha256Hex } from './secret-token.ts';
import {
  type ApiTokenRow,
  type PublicApiToken,
  TOKEN_COLUMNS,
  TOKEN_PREFIX,
  toPublicApiToken,
} from './token-record.ts';

/** `token` is the only time the plaintext exists outside the caller: it is not stored. */
export type CreatedToken = { token: string; apiToken: PublicApiToken };

export async function createToken(
  ctx: ServiceContext,
  actor: Actor,
  input: CreateToken,
): Promise<CreatedToken> {
  authorize(actor, 'tokens:manage');
  const { name, scopes } = parseInput(CreateTokenSchema, input);
  // A token is never worth more than whoever makes it.
  const beyond = scopes.find((scope) => !SCOPE_PERMISSIONS[scope].every((p) => can(actor, p)));
  if (beyond)
    throw new AppError('forbidden', `this account may not grant the scope ${beyond}`, { field: 'scopes' });
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<ApiTokenRow>(
      `INSERT INTO api_tokens (name, token_hash, prefix, scopes, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${TOKEN_COLUMNS}`,
      [
        name,
        sha256Hex(token),
        token.slice(0, 8),
        scopes,
        actor.kind === 'user' ? actor.userId : null,
        new Date(ctx.now()),
      ],
    );
    const apiToken = toPublicApiToken(rows[0] as ApiTokenRow);
    await recordAudit(tx, actor, {
      action: 'token.create',
      entity: 'api_token',
      entityId: apiToken.id,
      after: apiToken,
    });
    return { token, apiToken };
  });
}
