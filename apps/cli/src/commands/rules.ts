import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type AnalysisResult,
  analyzeConversation,
  type CompiledScorecard,
  formatRuleIssue,
  normalizeConversation,
  parseRuleCases,
  type RuleVerdict,
  runRuleCase,
} from '@serviq/core';
import { buildAnalysisContext, compileRuleFiles, readRuleFiles } from '@serviq/services';
import { EXIT_OK, EXIT_REJECTED, UsageError } from '../cli-error.ts';
import { loadAnalysisConfig } from '../load-config.ts';
import { checkRules, formatIssues } from '../load-rules.ts';

export const RULES_HELP = `serviq rules <check|test|explain> …  (the language: docs/rules.md)
  serviq rules check <file|dir|pack>                     validate; list scorecards, rules and warnings
  serviq rules test <file|dir|pack> --cases <cases.yaml>  run rule unit tests (--cases may repeat)
  serviq rules explain <file|dir|pack> <conversations>   which conditions matched where, why rules were N/A
                                                         (a JSON conversation, a JSON array or JSONL; --json for JSON)
  Common: --config FILE, --timezone TZ.  Exit code: 0 ok, 1 errors or failing cases, 2 usage error.`;

const OPTIONS = {
  cases: { type: 'string', multiple: true },
  config: { type: 'string' },
  timezone: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function runRules(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help || sub === undefined || sub === 'help') {
    process.stdout.write(`${RULES_HELP}\n`);
    return EXIT_OK;
  }
  const target = positionals[0];
  if (target === undefined)
    throw new UsageError(`serviq rules ${sub}: give a rule file, directory or pack name`);
  const config = loadAnalysisConfig(values);
  switch (sub) {
    case 'check':
      return check(target);
    case 'test': {
      if (!values.cases?.length) throw new UsageError('serviq rules test: give --cases <cases.yaml>');
      const ctx = { ...buildAnalysisContext(config), ruleSet: checkRules(target, config).ruleSet };
      let failed = 0;
      let total = 0;
      for (const file of values.cases) {
        const { cases, issues } = parseRuleCases(file, readText(file));
        if (issues.length > 0) throw new UsageError(formatIssues(issues));
        cases.forEach((c, i) => {
          const r = runRuleCase(c, i, ctx);
          total++;
          if (r.failures.length === 0) {
            process.stdout.write(`ok   ${file} #${i + 1} ${c.name}\n`);
            return;
          }
          failed++;
          process.stdout.write(
            `FAIL ${file} #${i + 1} ${c.name}\n${r.failures.map((f) => `       ${f}\n`).join('')}`,
          );
        });
      }
      process.stdout.write(`${total - failed} passed, ${failed} failed\n`);
      return failed > 0 ? EXIT_REJECTED : EXIT_OK;
    }
    case 'explain': {
      const input = positionals[1];
      if (input === undefined)
        throw new UsageError('serviq rules explain: give a conversation file after the rules');
      const ctx = { ...buildAnalysisContext(config), ruleSet: checkRules(target, config).ruleSet };
      let isBad = false;
      readConversations(input).forEach((raw, i) => {
        const n = normalizeConversation(raw, { timeZone: config.timeZone });
        if (!n.ok) {
          isBad = true;
          for (const issue of n.issues)
            process.stderr.write(`${input}: conversation ${i + 1}: ${issue.field}: ${issue.reason}\n`);
          return;
        }
        const verdicts: RuleVerdict[] = [];
        const result = analyzeConversation(n.value, ctx, { isTracing: true, verdicts });
        if (values.json) process.stdout.write(`${JSON.stringify(explainJson(result, verdicts))}\n`);
        else process.stdout.write(explainText(result, verdicts, n.value.messages));
      });
      return isBad ? EXIT_REJECTED : EXIT_OK;
    }
    default:
      throw new UsageError(`unknown rules command ${JSON.stringify(sub)}; run serviq rules --help`);
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`${file}: cannot read: ${(error as Error).message}`);
  }
}

function check(target: string): number {
  let files: ReturnType<typeof readRuleFiles>;
  try {
    files = readRuleFiles(target);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { ruleSet, issues } = compileRuleFiles(files);
  for (const card of ruleSet.scorecards) process.stdout.write(describeScorecard(card));
  for (const issue of issues) process.stdout.write(`${formatRuleIssue(issue)}\n`);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const rules = ruleSet.scorecards.reduce((n, s) => n + s.rules.length, 0);
  process.stdout.write(
    `${errors === 0 ? 'OK' : 'FAILED'}: ${ruleSet.scorecards.length} scorecards, ${rules} rules, ${ruleSet.keywordCount} keywords, ` +
      `${errors} errors, ${issues.length - errors} warnings\n`,
  );
  return errors > 0 ? EXIT_REJECTED : EXIT_OK;
}

function describeScorecard(card: CompiledScorecard): string {
  const applies = card.appliesTo
    ? Object.entries(card.appliesTo)
        .map(([k, v]) => `${k} ${(v as (string | null)[]).map((x) => x ?? '(none)').join('/')}`)
        .join('; ')
    : 'every conversation';
  const lines = [
    `${card.file}: scorecard ${card.id} "${card.name}" version ${card.version}`,
    `  ${card.mode}, pass ≥ ${card.passScore}${card.alertBelow !== undefined ? `, alert < ${card.alertBelow}` : ''}, priority ${card.priority}; applies to ${applies}`,
  ];
  for (const r of card.rules) {
    const flags = [
      r.isFatal ? 'fatal' : `${r.points > 0 ? '+' : ''}${r.points}${r.per === 'occurrence' ? '/each' : ''}`,
    ];
    if (r.isRealtime) flags.push('realtime');
    if (r.appliesTo) flags.push('scoped');
    lines.push(`  - ${r.id.padEnd(34)} ${flags.join(' ').padEnd(18)} ${r.category} · ${r.name}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A JSON object, a JSON array of them, or JSONL. */
function readConversations(file: string): unknown[] {
  const text = readText(file);
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    return text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((line, i) => {
        try {
          return JSON.parse(line) as unknown;
        } catch (error) {
          throw new UsageError(`${file}:${i + 1}: not JSON: ${(error as Error).message}`);
        }
      });
  }
}

function explainJson(result: AnalysisResult, verdicts: readonly RuleVerdict[]) {
  return {
    id: result.id,
    scorecard: result.scorecard,
    scorecardVersion: result.scorecardVersion,
    score: result.score,
    passed: result.passed,
    rules: verdicts.map((v) => ({
      rule: v.rule.id,
      status: v.status,
      points: v.points,
      ...(v.reason ? { reason: v.reason } : {}),
      evidence: v.evidence,
      conditions: v.trace ?? [],
    })),
  };
}

const STATUS = { hit: 'HIT ', pass: 'pass', 'not-applicable': 'N/A ' } as const;

function explainText(
  result: AnalysisResult,
  verdicts: readonly RuleVerdict[],
  messages: readonly { role: string; text: string }[],
): string {
  const out: string[] = [];
  out.push(
    `conversation ${result.id} (${result.language}, ${result.channel}) → ` +
      (result.scorecard
        ? `scorecard ${result.scorecard}@${result.scorecardVersion}: score ${result.score}, ${result.passed ? 'passed' : 'failed'}${result.fatal ? ' (fatal)' : ''}`
        : 'no scorecard applies'),
  );
  // The customer's sentiment per message, so a failing customerEmotion or sentiment scope explains itself.
  const feeling = new Map(result.sentiment.messages.map((s) => [s.index, s]));
  messages.forEach((m, i) => {
    const s = feeling.get(i);
    const mood = s ? ` (${s.label} ${s.emotion}${s.flags ? ` ${s.flags.join(' ')}` : ''})` : '';
    out.push(
      `  [${i}] ${m.role.padEnd(8)}${mood} ${m.text.length > 80 ? `${m.text.slice(0, 79)}…` : m.text}`,
    );
  });
  for (const v of verdicts) {
    const points =
      v.status === 'hit' ? ` ${v.points > 0 ? '+' : ''}${v.points}${v.rule.isFatal ? ' fatal' : ''}` : '';
    out.push(`${STATUS[v.status]} ${v.rule.id} · ${v.rule.name}${points}${v.reason ? ` — ${v.reason}` : ''}`);
    for (const e of v.evidence.slice(0, 5))
      out.push(`       evidence [${e.message}] ${e.start}–${e.end} "${e.text}"`);
    if (v.status === 'pass') continue;
    for (const t of v.trace ?? []) {
      const where = t.messages.length > 0 ? ` at [${t.messages.join(', ')}]` : '';
      out.push(
        `       ${t.holds ? '✓' : t.unknown ? '?' : '✗'} ${t.path} ${t.describe}${where}${t.unknown ? ` (${t.unknown})` : ''}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
