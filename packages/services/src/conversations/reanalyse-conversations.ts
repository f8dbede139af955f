import type { AnalysisResult, Conversation } from '@serviq/core';
import type { Queryable } from '@serviq/storage';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { loadConversations } from './load-conversation.ts';
import { analyseForStorage, prepareAnalysed } from './prepare-conversations.ts';
import { storePreparedIn } from './store-prepared.ts';

/**
 * Analyses stored conversations again on all their stored messages (after messages were added,
 * or when the rules changed), inside the caller's transaction.
 */
export async function reanalyseIn(
  tx: Queryable,
  ids: readonly string[],
  runtime: AnalysisRuntime,
  analysedAt: number,
): Promise<Reanalysed[]> {
  const stored = await loadConversations(tx, ids);
  const out: Reanalysed[] = stored.map(({ key, conversation, status }) => {
    const analysed = analyseForStorage(conversation, runtime.context, runtime.privacy);
    const prepared = prepareAnalysed(analysed.conversation, analysed.result, 0, {
      status,
      ruleGeneration: runtime.generation,
      analysedAt,
    });
    return {
      key,
      hour: prepared.hour,
      conversation: analysed.conversation,
      result: analysed.result,
      prepared,
    };
  });
  await storePreparedIn(
    tx,
    out.map((o) => o.prepared),
  );
  return out;
}

export type Reanalysed = {
  key: string;
  hour: number;
  conversation: Conversation;
  result: AnalysisResult;
  prepared: ReturnType<typeof prepareAnalysed>;
};

export async function reanalyseConversations(
  ctx: ServiceContext,
  ids: readonly string[],
  runtime: AnalysisRuntime,
): Promise<number[]> {
  const hours = new Set<number>();
  // Small transactions: re-scoring millions of conversations must not hold one open for hours.
  for (let i = 0; i < ids.length; i += 200) {
    const slice = ids.slice(i, i + 200);
    const done = await ctx.db.transaction((tx) => reanalyseIn(tx, slice, runtime, ctx.now()));
    for (const d of done) hours.add(d.hour);
  }
  return [...hours];
}
