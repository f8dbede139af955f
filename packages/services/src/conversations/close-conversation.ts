import { CloseConversationSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import { AppError } from '../service/app-error.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { conversationKey } from './conversation-rows.ts';
import type { LiveConversations } from './ingest-message.ts';
import { reanalyseIn } from './reanalyse-conversations.ts';

/** Ends a live conversation (the helpdesk closed it) and scores it on everything it holds. */
export async function closeConversation(
  ctx: ServiceContext,
  actor: Actor,
  externalId: string,
  input: unknown,
  runtime: AnalysisRuntime,
  live?: LiveConversations,
): Promise<{ conversationId: string; score: number | null; isPassed: boolean | null; hours: number[] }> {
  authorize(actor, 'conversations:write');
  const body = parseInput(CloseConversationSchema, input ?? {});
  const at = body.at === undefined ? ctx.now() : typeof body.at === 'number' ? body.at : Date.parse(body.at);
  if (Number.isNaN(at))
    throw new AppError('invalid', 'at: not an ISO time or epoch milliseconds', { field: 'at' });
  const key = conversationKey(body.source, externalId);
  // The rating and end time change what the next live message would be analysed with.
  live?.forget(key);
  return ctx.db.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE conversations SET status = 'closed', ended_at = GREATEST(ended_at, $2::timestamptz),
         csat = COALESCE($3, csat), rating_comment = COALESCE($4, rating_comment),
         is_resolved = COALESCE($5, is_resolved), updated_at = now()
       WHERE id = $1 RETURNING id`,
      [key, new Date(at).toISOString(), body.csat ?? null, body.comment ?? null, body.isResolved ?? null],
    );
    if (updated.rowCount === 0)
      throw new AppError(
        'not_found',
        `conversation ${JSON.stringify(externalId)} of source ${body.source} not found`,
      );
    const [done] = await reanalyseIn(tx, [key], runtime, ctx.now());
    return {
      conversationId: key,
      score: done?.result.score ?? null,
      isPassed: done?.result.passed ?? null,
      hours: done ? [done.hour] : [],
    };
  });
}
