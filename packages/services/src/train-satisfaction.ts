import { readFileSync } from 'node:fs';
import {
  type AnalysisContext,
  analyzeConversation,
  type Conversation,
  fitSatisfactionModel,
  normalizeConversation,
  predictSatisfaction,
  type SatisfactionModel,
  satisfactionFeatures,
  satisfactionInput,
  spearman,
} from '@serviq/core';
import { parseJsonRecord } from './parse-json-record.ts';
import { splitRows } from './train-classifier.ts';

/**
 * The polarity features are strongly correlated; a firm ridge spreads weight across them instead
 * of trading large opposite weights, which travels better to conversations unlike the fitted ones.
 */
const DEFAULT_RIDGE = 100;

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
  options: { seed?: number; l2?: number; meta?: Record<string, unknown> } = {},
): SatisfactionFit {
  const { seed = 1, l2 = DEFAULT_RIDGE, meta } = options;
  const rows: { x: number[]; y: number; input: ReturnType<typeof satisfactionInput> }[] = [];
  for (const conv of conversations) {
    const csat = conv.rating?.csat;
    if (csat === undefined) continue;
    const input = satisfactionInput(analyzeConversation(conv, ctx), conv.resolved);
    rows.push({ x: satisfactionFeatures(input), y: csat, input });
  }
  const [train, held] = splitRows(rows, 0.2, seed);
  const trial = fitSatisfactionModel(train, l2);
  const model = fitSatisfactionModel(rows, l2, meta);
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

/**
 * Canonical conversations (JSONL, one per line) for fitting satisfaction: every bad line is an
 * issue `file:line: field: reason`, and the good ones are kept.
 */
export function readConversationsFile(file: string): { conversations: Conversation[]; issues: string[] } {
  const conversations: Conversation[] = [];
  const issues: string[] = [];
  readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      const parsed = parseJsonRecord(text, i + 1);
      const result =
        'issue' in parsed
          ? { ok: false as const, issues: [parsed.issue] }
          : normalizeConversation(parsed.value, {}, i + 1);
      if (result.ok) conversations.push(result.value);
      else
        for (const issue of result.issues)
          issues.push(`${file}:${issue.line ?? i + 1}: ${issue.field}: ${issue.reason}`);
    });
  return { conversations, issues };
}
