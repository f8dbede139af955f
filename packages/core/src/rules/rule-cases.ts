import { z } from 'zod';
import type { AnalysisContext } from '../analysis/analysis-context.ts';
import type { AnalysisResult } from '../analysis/analysis-result.ts';
import { analyzeConversation } from '../analysis/analyze-conversation.ts';
import { normalizeConversation } from '../import/normalize-conversation.ts';
import { ROLES } from '../model/conversation.ts';
import type { RulePath } from './condition-types.ts';
import { parseRuleText } from './parse-rule-text.ts';
import { type RuleIssue, zodIssues } from './rule-issue.ts';

/** Shorthand messages start here (a Monday, 09:00 in Shanghai) and follow 10 s apart unless `after` says otherwise. */
const CASE_START_MS = Date.UTC(2026, 0, 5, 1, 0, 0);
const DEFAULT_GAP_SEC = 10;

const ShorthandMessageSchema = z
  .looseObject({
    after: z.number().min(0).optional(),
    durationMs: z.number().min(0).optional(),
    authorId: z.string().optional(),
  })
  .refine((m) => ROLES.filter((r) => r in m).length === 1 || 'role' in m, {
    message: 'a message is { customer: text } / { agent: text } (or canonical { role, text, at })',
  });

const RuleCaseSchema = z.strictObject({
  name: z.string().min(1),
  conversation: z.looseObject({ messages: z.array(ShorthandMessageSchema).min(1) }),
  expect: z.strictObject({
    scorecard: z.string().optional(),
    hits: z.array(z.string()).default([]),
    notHits: z.array(z.string()).default([]),
    notApplicable: z.array(z.string()).default([]),
    score: z.number().optional(),
    passed: z.boolean().optional(),
    evidence: z.record(z.string(), z.array(z.string())).default({}),
  }),
});
export type RuleCase = z.infer<typeof RuleCaseSchema>;

const CasesFileSchema = z.strictObject({ cases: z.array(z.unknown()).min(1) });

export type RuleCaseResult = { name: string; failures: string[]; result?: AnalysisResult };

/** Shorthand `{ customer: text, after: 30 }` → canonical `{ role, text, at }`. */
function toCanonical(conversation: RuleCase['conversation'], index: number): Record<string, unknown> {
  let at = CASE_START_MS;
  const messages = conversation.messages.map((m, i) => {
    if ('role' in m) return m;
    const role = ROLES.find((r) => r in m) as string;
    if (i > 0) at += (m.after ?? DEFAULT_GAP_SEC) * 1000;
    const out: Record<string, unknown> = { role, text: m[role], at };
    if (m.durationMs !== undefined) out.durationMs = m.durationMs;
    if (m.authorId !== undefined) out.authorId = m.authorId;
    return out;
  });
  return { id: `case-${index + 1}`, channel: 'chat', ...conversation, messages };
}

/** Parses a cases file (docs/rules.md, "A cases file"); problems come back at file:line:column. */
export function parseRuleCases(file: string, text: string): { cases: RuleCase[]; issues: RuleIssue[] } {
  const parsed = parseRuleText(file, text);
  const issues = [...parsed.issues.filter((i) => i.message !== 'the file holds no rules')];
  const source = parsed.sources[0];
  if (!source)
    return {
      cases: [],
      issues: issues.length ? issues : [{ severity: 'error', file, path: [], message: 'no cases' }],
    };
  const report = (path: RulePath, message: string) => {
    const at = source.locate?.(path);
    issues.push({
      severity: 'error',
      file,
      path,
      message,
      ...(at ? { line: at.line, column: at.column } : {}),
    });
  };
  const doc = CasesFileSchema.safeParse(source.value, { reportInput: true });
  if (!doc.success) {
    for (const i of zodIssues(doc.error, [], ['cases'])) report(i.path, i.message);
    return { cases: [], issues };
  }
  const cases: RuleCase[] = [];
  doc.data.cases.forEach((raw, i) => {
    const c = RuleCaseSchema.safeParse(raw, { reportInput: true });
    if (!c.success)
      for (const x of zodIssues(c.error, ['cases', i], Object.keys(RuleCaseSchema.shape)))
        report(x.path, x.message);
    else cases.push(c.data);
  });
  return { cases, issues };
}

/** Runs one case through the whole analysis and compares hits, N/A, score and evidence with what it expects. */
export function runRuleCase(c: RuleCase, index: number, ctx: AnalysisContext): RuleCaseResult {
  const normalized = normalizeConversation(toCanonical(c.conversation, index));
  if (!normalized.ok) {
    return { name: c.name, failures: normalized.issues.map((i) => `conversation: ${i.field}: ${i.reason}`) };
  }
  const result = analyzeConversation(normalized.value, ctx);
  const failures: string[] = [];
  // A misspelt id in an expectation would otherwise pass silently (nothing by that id ever hits).
  const known = new Set(ctx.ruleSet?.scorecards.flatMap((s) => s.rules.map((r) => r.id)) ?? []);
  const e0 = c.expect;
  for (const id of [...e0.hits, ...e0.notHits, ...e0.notApplicable, ...Object.keys(e0.evidence)]) {
    if (!known.has(id)) failures.push(`unknown rule id "${id}" in expect (no scorecard has it)`);
  }
  const hit = new Map(result.hits.map((h) => [h.rule, h]));
  const e = c.expect;
  if (e.scorecard !== undefined && result.scorecard !== e.scorecard)
    failures.push(`scorecard is ${result.scorecard ?? 'none'}, expected ${e.scorecard}`);
  for (const id of e.hits)
    if (!hit.has(id))
      failures.push(`expected a hit of ${id}${result.notApplicable.includes(id) ? ' (it was N/A)' : ''}`);
  for (const id of e.notHits) {
    const h = hit.get(id);
    if (h)
      failures.push(
        `${id} should not hit, but did on ${h.evidence.map((x) => `[${x.message}] "${x.text}"`).join(', ') || 'the conversation'}`,
      );
  }
  for (const id of e.notApplicable)
    if (!result.notApplicable.includes(id)) failures.push(`expected ${id} to be N/A`);
  if (e.score !== undefined && result.score !== e.score)
    failures.push(`score is ${result.score}, expected ${e.score}`);
  if (e.passed !== undefined && result.passed !== e.passed)
    failures.push(`passed is ${result.passed}, expected ${e.passed}`);
  for (const [id, texts] of Object.entries(e.evidence)) {
    const h = hit.get(id);
    for (const text of texts) {
      if (!h?.evidence.some((x) => x.text.includes(text))) {
        failures.push(
          `${id}: no evidence contains "${text}"${h ? ` (evidence: ${h.evidence.map((x) => `"${x.text}"`).join(', ')})` : ''}`,
        );
      }
    }
  }
  return { name: c.name, failures, result };
}
