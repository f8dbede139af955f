import { ReviewSchema } from '@serviq/contracts';
import { type Actor, authorize, visibilityOf, visibilitySql } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { isConversationKey } from './conversation-rows.ts';

/** A person's score of a conversation, kept beside (never over) the automatic one. */
export async function createReview(
  ctx: ServiceContext,
  actor: Actor,
  conversationId: string,
  input: unknown,
): Promise<{ id: number }> {
  authorize(actor, 'reviews:write');
  if (actor.kind !== 'user') throw new AppError('forbidden', 'reviews are written by people, not tokens');
  const review = parseInput(ReviewSchema, input ?? {});
  if (!isConversationKey(conversationId))
    throw new AppError('invalid', 'id: not a conversation id (a uuid)', { field: 'id' });
  return ctx.db.transaction(async (tx) => {
    const params: unknown[] = [conversationId];
    const visible = visibilitySql(visibilityOf(actor), params, { team: 'team_id', agents: 'agent_ids' });
    const found = await tx.query(`SELECT 1 FROM conversations WHERE id = $1::uuid AND ${visible}`, params);
    if (found.rowCount === 0) throw new AppError('not_found', `conversation ${conversationId} not found`);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO reviews (conversation_id, reviewer_id, score, verdicts, comment)
       VALUES ($1, $2, $3, $4, $5) RETURNING id::int AS id`,
      [conversationId, actor.userId, review.score, JSON.stringify(review.verdicts), review.comment ?? null],
    );
    const id = rows[0]?.id as number;
    await recordAudit(tx, actor, { action: 'review.create', entity: 'review', entityId: id, after: review });
    return { id };
  });
}
