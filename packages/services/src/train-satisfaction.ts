import {
  type AnalysisContext,
  analyzeConversation,
  type Conversation,
  fitSatisfactionModel,
  predictSatisfaction,
  type SatisfactionModel,
  satisfactionFeatures,
  satisfactionInput,
  spearman,
} from '@serviq/core';
import { splitRows } from './train-classifier.ts';

export type SatisfactionFit = {
  model: SatisfactionModel;
  /** Rank correlation with the ratings of held-out conversations, and their count. */
  heldOut: { spearman: number; conversations: number };
  rated: number;
};

/**
 * Fits the satisfaction estimate on conversations that carry a CSAT rating: each is analysed
 * (sentiment per message, agent conduct, metrics), a seeded fifth is held out to measure the
 * rank correlation, and the shipped coefficients are then fitted on all of them.
 */
export function fitSatisfaction(
  conversations: Iterable<Conversation>,
  ctx: AnalysisContext,
  seed = 1,
  meta?: Record<string, unknown>,
): SatisfactionFit {
  const rows: { x: number[]; y: number; input: ReturnType<typeof satisfactionInput> }[] = [];
  for (const conv of conversations) {
    const csat = conv.rating?.csat;
    if (csat === undefined) continue;
    const input = satisfactionInput(analyzeConversation(conv, ctx), conv.resolved);
    rows.push({ x: satisfactionFeatures(input), y: csat, input });
  }
  const [train, held] = splitRows(rows, 0.2, seed);
  const trial = fitSatisfactionModel(train);
  const model = fitSatisfactionModel(rows, 1, meta);
  return {
    model,
    heldOut: {
      spearman: spearman(
        held.map((r) => predictSatisfaction(r.input, trial).predicted),
        held.map((r) => r.y),
      ),
      conversations: held.length,
    },
    rated: rows.length,
  };
}
