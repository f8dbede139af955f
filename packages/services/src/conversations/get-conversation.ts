import { type AnalysisResult, analyzeConversation, type RuleVerdict } from '@serviq/core';
import { type Actor, authorize, visibilityOf, visibilitySql } from '../service/actor.ts';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import { AppError } from '../service/app-error.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { isConversationKey } from './conversation-rows.ts';
import { type ConversationSummary, SUMMARY_COLUMNS, summaryOut } from './list-conversations.ts';
import { loadConversations } from './load-conversation.ts';

export type ConversationDetail = ConversationSummary & {
  language: string | null;
  industry: string | null;
  customerId: string | null;
  ratingComment: string | null;
  isResolved: boolean | null;
  messages: {
    id: string;
    seq: number;
    at: string;
    role: string;
    authorId: string | null;
    text: string;
    durationMs: number | null;
  }[];
  analysis: AnalysisResult | null;
  ruleGeneration: number | null;
  reviews: {
    id: number;
    reviewerId: number;
    score: number;
    verdicts: unknown;
    comment: string | null;
    createdAt: string;
  }[];
  alerts: {
    id: number;
    rule: string;
    name: string;
    severity: string;
    createdAt: string;
    acknowledgedAt: string | null;
  }[];
  verdicts: ScorecardVerdicts;
};

/** Every rule of the conversation's scorecard judged on it: hit, pass, or N/A with the reason. */
export type ScorecardVerdicts = {
  /** The rules generation the verdicts were judged with (the stored analysis has `ruleGeneration`). */
  generation: number | null;
  scorecard: { id: string; name: string; mode: 'deduction' | 'weighted'; passScore: number } | null;
  rules: {
    rule: string;
    name: string;
    category: string;
    severity: string;
    /** The rule's points as written (negative: a deduction, positive: a bonus). */
    points: number;
    isFatal: boolean;
    status: RuleVerdict['status'];
    /** Points this conversation lost or gained by it. */
    scored: number;
    reason: string | null;
  }[];
};

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/**
 * One conversation with its transcript, analysis, reviews, alerts and the verdict of every rule of
 * its scorecard (judged again with the current rules: the stored analysis keeps hits, not passes
 * or the reasons for N/A); not found when the actor may not see it.
 */
export async function getConversation(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  runtime: AnalysisRuntime,
): Promise<ConversationDetail> {
  authorize(actor, 'conversations:read');
  if (!isConversationKey(id))
    throw new AppError('invalid', 'id: not a conversation id (a uuid)', { field: 'id' });
  const params: unknown[] = [id];
  const visible = visibilitySql(visibilityOf(actor), params, { team: 'c.team_id', agents: 'c.agent_ids' });
  const { rows } = await ctx.db.query<ConversationDetail & { ruleGeneration: string | null }>(
    `SELECT ${SUMMARY_COLUMNS}, c.language, c.industry, c.customer_id AS "customerId",
       c.rating_comment AS "ratingComment", c.is_resolved AS "isResolved", a.result AS analysis,
       a.rule_set_version::text AS "ruleGeneration"
     FROM conversations c LEFT JOIN analyses a ON a.conversation_id = c.id
     WHERE c.id = $1 AND ${visible}`,
    params,
  );
  const row = rows[0];
  // The same answer whether it does not exist or is not the actor's: ids are not probed.
  if (!row) throw new AppError('not_found', `conversation ${id} not found`);
  const [messages, reviews, alerts, verdicts] = await Promise.all([
    ctx.db.query<ConversationDetail['messages'][number]>(
      `SELECT external_id AS id, seq, at, role, author_id AS "authorId", text, duration_ms AS "durationMs"
       FROM messages WHERE conversation_id = $1 ORDER BY at, seq`,
      [id],
    ),
    ctx.db.query<ConversationDetail['reviews'][number]>(
      `SELECT id::int AS id, reviewer_id::int AS "reviewerId", score, verdicts, comment, created_at AS "createdAt"
       FROM reviews WHERE conversation_id = $1 ORDER BY created_at`,
      [id],
    ),
    ctx.db.query<ConversationDetail['alerts'][number]>(
      `SELECT id::int AS id, rule, name, severity, created_at AS "createdAt", acknowledged_at AS "acknowledgedAt"
       FROM alerts WHERE conversation_id = $1 ORDER BY created_at`,
      [id],
    ),
    judgeRules(ctx, id, runtime),
  ]);
  return {
    ...row,
    ...summaryOut(row),
    ruleGeneration: row.ruleGeneration === null ? null : Number(row.ruleGeneration),
    messages: messages.rows.map((m) => ({ ...m, at: iso(m.at) })),
    reviews: reviews.rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    alerts: alerts.rows.map((a) => ({
      ...a,
      createdAt: iso(a.createdAt),
      acknowledgedAt: a.acknowledgedAt === null ? null : iso(a.acknowledgedAt),
    })),
    verdicts,
  };
}

async function judgeRules(
  ctx: ServiceContext,
  id: string,
  runtime: AnalysisRuntime,
): Promise<ScorecardVerdicts> {
  const [stored] = await loadConversations(ctx.db, [id]);
  const judged: RuleVerdict[] = [];
  const result = stored
    ? analyzeConversation(stored.conversation, runtime.context, { verdicts: judged })
    : undefined;
  const card = runtime.context.ruleSet?.scorecards.find((s) => s.id === result?.scorecard);
  return {
    generation: runtime.generation,
    scorecard: card ? { id: card.id, name: card.name, mode: card.mode, passScore: card.passScore } : null,
    rules: judged.map((v) => ({
      rule: v.rule.id,
      name: v.rule.name,
      category: v.rule.category,
      severity: v.rule.severity,
      points: v.rule.points,
      isFatal: v.rule.isFatal,
      status: v.status,
      scored: v.points,
      reason: v.reason ?? null,
    })),
  };
}
