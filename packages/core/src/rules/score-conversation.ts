import type { Evidence, RuleHit } from '../analysis/analysis-result.ts';
import type { Conversation } from '../model/conversation.ts';
import type { Language } from '../text/detect-language.ts';
import { matchesAppliesTo } from './applies-to.ts';
import { MAX_EVIDENCE } from './compile-condition.ts';
import type { CompiledRule, CompiledRuleSet, CompiledScorecard } from './compile-rule-set.ts';
import type { CompiledCondition } from './condition-types.ts';
import type { RuleEvaluation, TraceEntry } from './rule-evaluation.ts';

export type RuleVerdict = {
  rule: CompiledRule;
  status: 'hit' | 'pass' | 'not-applicable';
  /** Why a rule is N/A. */
  reason?: string;
  evidence: Evidence[];
  occurrences: number;
  /** Points this rule moved (deduction mode), after per-occurrence counting and maxPoints. */
  points: number;
  /** With isTracing: every condition evaluated for this rule, whether it held and where. */
  trace?: TraceEntry[];
};

export type CategoryScore = {
  name: string;
  /** Sum of the points of its hits (negative: deducted). */
  points: number;
  hits: number;
  /** Rules of the category that applied (were not N/A). */
  applicable: number;
  notApplicable: number;
  /** Weighted mode: the category's 0–100 score; absent when all its rules were N/A. */
  score?: number;
  weight?: number;
  isCritical?: true;
};

export type ScorecardOutcome = {
  scorecard: CompiledScorecard;
  score: number;
  maxScore: number;
  passed: boolean;
  alert: boolean;
  fatal: boolean;
  hits: RuleHit[];
  notApplicable: string[];
  categories: CategoryScore[];
  verdicts: RuleVerdict[];
};

/** The scorecard for a conversation: the highest priority among those that apply (then file order). */
export function selectScorecard(
  ruleSet: CompiledRuleSet,
  conv: Conversation,
  language: Language,
): CompiledScorecard | undefined {
  return ruleSet.scorecards.find((s) => matchesAppliesTo(s.appliesTo, conv, language));
}

function uniqueEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of evidence) {
    const key = `${e.message}:${e.start}:${e.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.sort((a, b) => a.message - b.message || a.start - b.start).slice(0, MAX_EVIDENCE);
}

const REQUIRE_EVIDENCE = 3;

/** Whether one rule is hit, passed or N/A on this conversation, with its evidence (and trace when tracing). */
export function judgeRule(rule: CompiledRule, ev: RuleEvaluation): RuleVerdict {
  if (!ev.isTracing) return judge(rule, ev);
  ev.trace = [];
  const v = judge(rule, ev);
  v.trace = ev.trace;
  ev.trace = undefined;
  return v;
}

const NO_EVIDENCE: Evidence[] = [];

function verdict(
  rule: CompiledRule,
  status: RuleVerdict['status'],
  evidence: readonly Evidence[] = NO_EVIDENCE,
  occurrences = 0,
  reason?: string,
): RuleVerdict {
  const v: RuleVerdict = {
    rule,
    status,
    evidence: evidence.length === 0 ? [] : uniqueEvidence(evidence),
    occurrences,
    points: 0,
  };
  if (reason) v.reason = reason;
  return v;
}

function whenNotHeld(rule: CompiledRule, when: CompiledCondition): RuleVerdict {
  return verdict(rule, 'not-applicable', [], 0, `when does not hold: ${when.describe}`);
}

function judge(rule: CompiledRule, ev: RuleEvaluation): RuleVerdict {
  // Gates skip what cannot hold (its keywords occur nowhere); an explanation evaluates everything.
  const isGated = !ev.isTracing;
  let whenEvidence: readonly Evidence[] = NO_EVIDENCE;
  if (rule.when) {
    if (isGated && rule.when.mayHold && !rule.when.mayHold(ev)) return whenNotHeld(rule, rule.when);
    const w = rule.when.evaluate(ev, ev.all);
    whenEvidence = w.evidence;
    if (!w.holds)
      return w.unknown ? verdict(rule, 'not-applicable', [], 0, w.unknown) : whenNotHeld(rule, rule.when);
  }
  if (rule.detect) {
    if (isGated && rule.detect.mayHold && !rule.detect.mayHold(ev)) return verdict(rule, 'pass');
    const o = rule.detect.evaluate(ev, ev.all);
    if (o.holds) return verdict(rule, 'hit', o.evidence, o.occurrences);
    return o.unknown ? verdict(rule, 'not-applicable', [], 0, o.unknown) : verdict(rule, 'pass');
  }
  const require = rule.require;
  if (!require) return verdict(rule, 'pass');
  const o = require.evaluate(ev, ev.all);
  if (o.holds) return verdict(rule, 'pass');
  // Only a failing require needs its scope: N/A when empty, else the evidence of what was missing.
  let inScope: number[] | undefined;
  if (require.scope.length > 0) {
    const none: Evidence[] = [];
    inScope = ev.all.filter((m) => require.scope.every((f) => f.test(ev, m, none)));
    if (inScope.length === 0)
      return verdict(rule, 'not-applicable', [], 0, `no message in scope of require: ${require.describe}`);
  }
  if (o.unknown) return verdict(rule, 'not-applicable', [], 0, o.unknown);
  // What was in scope and lacked it, and what made the rule apply (its `when`).
  const missing = (inScope ?? []).slice(0, REQUIRE_EVIDENCE).map((m) => ev.wholeMessage(m));
  return verdict(rule, 'hit', [...missing, ...whenEvidence], 1);
}

function pointsOf(rule: CompiledRule, occurrences: number): number {
  const raw = rule.per === 'occurrence' ? rule.points * occurrences : rule.points;
  if (rule.maxPoints === undefined) return raw;
  return Math.sign(raw) * Math.min(Math.abs(raw), rule.maxPoints);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Scores a conversation with one scorecard. Deduction: 100 + the points of every hit within
 * [0, 100]. Weighted: the weight-average of category scores over categories with applicable
 * rules. A fatal hit, or a hit in a critical category (weighted), sets the score to 0.
 */
export function scoreWithScorecard(card: CompiledScorecard, ev: RuleEvaluation): ScorecardOutcome {
  const verdicts: RuleVerdict[] = [];
  for (const rule of card.rules) {
    if (!matchesAppliesTo(rule.appliesTo, ev.conversation, ev.language)) continue;
    const v = judgeRule(rule, ev);
    if (v.status === 'hit') v.points = pointsOf(rule, v.occurrences);
    verdicts.push(v);
  }
  const byCategory = new Map<string, CategoryScore & { earned: number; possible: number }>();
  for (const c of card.categories) {
    byCategory.set(c.name, {
      name: c.name,
      points: 0,
      hits: 0,
      applicable: 0,
      notApplicable: 0,
      earned: 0,
      possible: 0,
      ...(card.mode === 'weighted' ? { weight: c.weight } : {}),
      ...(c.critical ? { isCritical: true as const } : {}),
    });
  }
  const hits: RuleHit[] = [];
  const notApplicable: string[] = [];
  let fatal = false;
  let isCriticalHit = false;
  let total = 100;
  for (const v of verdicts) {
    const c = byCategory.get(v.rule.category);
    if (!c) continue;
    if (v.status === 'not-applicable') {
      c.notApplicable++;
      notApplicable.push(v.rule.id);
      continue;
    }
    c.applicable++;
    c.possible += v.rule.weight;
    const isBonus = v.rule.points > 0;
    const isGood = isBonus ? v.status === 'hit' : v.status === 'pass';
    if (isGood) c.earned += v.rule.weight;
    if (v.status !== 'hit') continue;
    c.hits++;
    c.points += v.points;
    total += v.points;
    if (v.rule.isFatal) fatal = true;
    if (c.isCritical && !isBonus) isCriticalHit = true;
    const hit: RuleHit = {
      rule: v.rule.id,
      name: v.rule.name,
      category: v.rule.category,
      severity: v.rule.severity,
      points: v.points,
      messages: [...new Set(v.evidence.map((e) => e.message))].sort((a, b) => a - b),
      evidence: v.evidence,
    };
    if (v.rule.isFatal) hit.isFatal = true;
    hits.push(hit);
  }
  const categories: CategoryScore[] = [];
  let weighted = 0;
  let weights = 0;
  for (const { earned, possible, ...c } of byCategory.values()) {
    if (card.mode === 'weighted' && possible > 0) {
      c.score = round2((100 * earned) / possible);
      weighted += (c.weight ?? 1) * c.score;
      weights += c.weight ?? 1;
    }
    if (c.applicable + c.notApplicable > 0) categories.push(c);
  }
  let score =
    card.mode === 'weighted'
      ? weights > 0
        ? round2(weighted / weights)
        : 100
      : Math.max(0, Math.min(100, total));
  if (fatal || isCriticalHit) score = 0;
  return {
    scorecard: card,
    score,
    maxScore: 100,
    passed: !fatal && score >= card.passScore,
    alert: fatal || (card.alertBelow !== undefined && score < card.alertBelow),
    fatal,
    hits,
    notApplicable,
    categories,
    verdicts,
  };
}
