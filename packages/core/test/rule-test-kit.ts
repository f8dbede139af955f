import assert from 'node:assert/strict';
import {
  type AnalysisResult,
  analyzeConversation,
  type CompiledRuleSet,
  type Conversation,
  compileRuleSet,
  formatRuleIssue,
  normalizeConversation,
  parseRuleText,
  type Role,
  type RuleIssue,
  type RuleSource,
  type RuleVerdict,
} from '@serviq/core';

// Shared by the rule-engine tests: conversations from shorthand lines, rule files compiled from
// YAML text, and judging that checks the fast path against the traced one.

/** [role, text, seconds after the start, speech duration in seconds (voice)] */
export type Line = [role: Role, text: string, sec: number, durationSec?: number];

export const START = Date.UTC(2026, 0, 5, 1, 0, 0);

export function conversation(lines: Line[], fields: Record<string, unknown> = {}): Conversation {
  const r = normalizeConversation({
    id: 'conv-1',
    channel: 'chat',
    ...fields,
    messages: lines.map(([role, text, sec, durationSec]) => ({
      role,
      text,
      at: START + sec * 1000,
      ...(durationSec === undefined ? {} : { durationMs: durationSec * 1000 }),
    })),
  });
  if (!r.ok) throw new Error(`bad test conversation: ${JSON.stringify(r.issues)}`);
  return r.value;
}

export type Checked = { issues: RuleIssue[]; ruleSet: CompiledRuleSet };

/** Parses and compiles rule files (name → YAML) and returns every issue. */
export function check(files: Record<string, string>): Checked {
  const sources: RuleSource[] = [];
  const issues: RuleIssue[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseRuleText(file, text);
    sources.push(...parsed.sources);
    issues.push(...parsed.issues);
  }
  const compiled = compileRuleSet(sources);
  return { issues: [...issues, ...compiled.issues], ruleSet: compiled.ruleSet };
}

/** Compiles rule files, failing the test on any error. */
export function compile(files: Record<string, string>): CompiledRuleSet {
  const { issues, ruleSet } = check(files);
  assert.deepEqual(issues.filter((i) => i.severity === 'error').map(formatRuleIssue), []);
  return ruleSet;
}

export type Judged = { result: AnalysisResult; verdicts: Map<string, RuleVerdict> };

/**
 * Scores a conversation twice: as `analyze` does (gates skip rules that cannot hold) and as
 * `rules explain` does (everything evaluated, traced). Both must agree; the traced verdicts are returned.
 */
export function judge(ruleSet: CompiledRuleSet, conv: Conversation): Judged {
  const fast = analyzeConversation(conv, { ruleSet });
  const verdicts: RuleVerdict[] = [];
  const result = analyzeConversation(conv, { ruleSet }, { isTracing: true, verdicts });
  assert.deepEqual(fast, result, 'analyze and explain disagree');
  return { result, verdicts: new Map(verdicts.map((v) => [v.rule.id, v])) };
}
