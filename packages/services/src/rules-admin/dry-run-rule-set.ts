import { type DryRunRuleSet, DryRunRuleSetSchema } from '@serviq/contracts';
import type { Evidence } from '@serviq/core';
import { loadConversations } from '../conversations/load-conversation.ts';
import { analyseForStorage } from '../conversations/prepare-conversations.ts';
import { type Actor, authorize, visibilityOf, visibilitySql } from '../service/actor.ts';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { checkRuleFiles, publishedFilesWith, type RuleWarning } from './check-rule-files.ts';
import { checkSourceSize } from './rule-set-schema.ts';

/** Scores of the conversations examined; `histogram[i]` counts scores in [10i, 10i + 10), the last exactly 100. */
export type ScoreStats = {
  scored: number;
  mean: number | null;
  passed: number;
  passRate: number | null;
  histogram: number[];
};

export type DryRunExample = { conversationId: string; externalId: string; evidence: Evidence[] };

export type DryRunRule = {
  scorecard: string;
  rule: string;
  name: string;
  /** Conversations the rule hits with the draft, and with the stored analysis. */
  conversations: number;
  conversationsBefore: number;
  /** Evidence spans over all of its hits: how often it fired. */
  evidence: number;
  examples: DryRunExample[];
};

export type DryRunReport = {
  examined: number;
  warnings: RuleWarning[];
  before: ScoreStats;
  after: ScoreStats;
  /** Conversations whose score changed, that now pass or now fail, or that another scorecard scores. */
  changed: { score: number; nowPassed: number; nowFailed: number; scorecard: number };
  /** Rules that hit before or after, the most conversations first. */
  rules: DryRunRule[];
};

type Row = {
  id: string;
  external_id: string;
  score: number | null;
  is_passed: boolean | null;
  scorecard: string | null;
  hit_rules: string[];
};

const MAX_EXAMPLES = 5;
const MAX_EXAMPLE_EVIDENCE = 3;
// Analysis is synchronous: small batches let the server answer other requests in between.
const BATCH = 100;
// Stands for a draft that replaces no rule set; not a valid id, so it never meets a real one.
const NEW_RULE_SET = '(draft)';

/**
 * Analyses stored conversations with a draft rule file in place of the published one of its rule set
 * (with the other published rule sets and the shipped packs, as publishing it would), without
 * storing anything, and compares hits and scores with the stored analyses. Reads only the
 * conversations the actor may see; `runtime` gives the models, segmenter and privacy settings.
 */
export async function dryRunRuleSet(
  ctx: ServiceContext,
  actor: Actor,
  input: DryRunRuleSet,
  runtime: AnalysisRuntime,
): Promise<DryRunReport> {
  authorize(actor, 'rules:read');
  checkSourceSize(input?.source);
  const draft = parseInput(DryRunRuleSetSchema, input);
  const ruleSetId = draft.id ?? NEW_RULE_SET;
  const files = await publishedFilesWith(ctx.db, {
    ruleSetId,
    file: { file: draft.fileName ?? `${draft.id ?? 'draft'}.yaml`, text: draft.source },
  });
  const emojiTable = runtime.context.emojiTable;
  const { ruleSet, warnings } = checkRuleFiles(files, ruleSetId, emojiTable ? { emojiTable } : {});
  const context = { ...runtime.context, ruleSet };

  const params: unknown[] = [];
  const visible = visibilitySql(visibilityOf(actor), params, { team: 'team_id', agents: 'agent_ids' });
  const { from, to, conversationIds } = draft.filters;
  params.push(from ?? null, to ?? null, conversationIds ?? null, draft.limit);
  const n = params.length;
  const { rows } = await ctx.db.query<Row>(
    `SELECT id, external_id, score, is_passed, scorecard, hit_rules FROM conversations
     WHERE ${visible} AND ($${n - 3}::timestamptz IS NULL OR started_at >= $${n - 3}::timestamptz)
       AND ($${n - 2}::timestamptz IS NULL OR started_at < $${n - 2}::timestamptz)
       AND ($${n - 1}::uuid[] IS NULL OR id = ANY($${n - 1}::uuid[]))
     ORDER BY started_at DESC, id LIMIT $${n}`,
    params,
  );

  const names = new Map<string, string>();
  for (const card of ruleSet.scorecards)
    for (const rule of card.rules) names.set(`${card.id}\u0000${rule.id}`, rule.name);
  const rules = new Map<string, DryRunRule>();
  const ruleOf = (scorecard: string, rule: string): DryRunRule => {
    const key = `${scorecard}\u0000${rule}`;
    let entry = rules.get(key);
    if (!entry) {
      const name = names.get(key) ?? rule;
      entry = { scorecard, rule, name, conversations: 0, conversationsBefore: 0, evidence: 0, examples: [] };
      rules.set(key, entry);
    }
    return entry;
  };
  const before = newStats();
  const after = newStats();
  const changed = { score: 0, nowPassed: 0, nowFailed: 0, scorecard: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const stored = new Map(
      (
        await loadConversations(
          ctx.db,
          batch.map((r) => r.id),
        )
      ).map((s) => [s.key, s]),
    );
    for (const row of batch) {
      const conv = stored.get(row.id);
      // Deleted since the list was read.
      if (!conv) continue;
      const { result } = analyseForStorage(conv.conversation, context, runtime.privacy);
      addScore(before, row.score, row.is_passed);
      addScore(after, result.score, result.passed);
      if (!sameScore(row.score, result.score)) changed.score++;
      if (row.is_passed !== true && result.passed === true) changed.nowPassed++;
      if (row.is_passed !== false && result.passed === false) changed.nowFailed++;
      if (row.scorecard !== result.scorecard) changed.scorecard++;
      if (row.scorecard !== null)
        for (const rule of row.hit_rules) ruleOf(row.scorecard, rule).conversationsBefore++;
      for (const hit of result.hits) {
        const entry = ruleOf(result.scorecard ?? '', hit.rule);
        entry.conversations++;
        entry.evidence += hit.evidence.length;
        if (entry.examples.length < MAX_EXAMPLES)
          entry.examples.push({
            conversationId: row.id,
            externalId: row.external_id,
            evidence: hit.evidence.slice(0, MAX_EXAMPLE_EVIDENCE),
          });
      }
    }
  }
  return {
    examined: before.count,
    warnings,
    before: finish(before),
    after: finish(after),
    changed,
    rules: [...rules.values()].sort(
      (a, b) =>
        b.conversations - a.conversations ||
        b.conversationsBefore - a.conversationsBefore ||
        a.scorecard.localeCompare(b.scorecard) ||
        a.rule.localeCompare(b.rule),
    ),
  };
}

type Tally = {
  count: number;
  scored: number;
  sum: number;
  passed: number;
  judged: number;
  histogram: number[];
};

const newStats = (): Tally => ({
  count: 0,
  scored: 0,
  sum: 0,
  passed: 0,
  judged: 0,
  histogram: Array.from({ length: 11 }, () => 0),
});

function addScore(t: Tally, score: number | null, passed: boolean | null): void {
  t.count++;
  if (score !== null) {
    t.scored++;
    t.sum += score;
    const bucket = Math.min(10, Math.max(0, Math.floor(score / 10)));
    t.histogram[bucket] = (t.histogram[bucket] ?? 0) + 1;
  }
  if (passed !== null) {
    t.judged++;
    if (passed) t.passed++;
  }
}

const round = (x: number): number => Math.round(x * 100) / 100;

// Stored scores are float4 (real): 83.33 comes back as 83.33000183.
const sameScore = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) < 0.005;

function finish(t: Tally): ScoreStats {
  return {
    scored: t.scored,
    mean: t.scored === 0 ? null : round(t.sum / t.scored),
    passed: t.passed,
    passRate: t.judged === 0 ? null : round(t.passed / t.judged),
    histogram: t.histogram,
  };
}
