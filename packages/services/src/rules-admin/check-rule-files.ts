import { type CompiledRuleSet, type CompileOptions, formatRuleIssue, type RuleIssue } from '@serviq/core';
import type { Database, Queryable } from '@serviq/storage';
import { compileRuleFiles, type RuleFileText, readRuleFiles } from '../rule-files.ts';
import { AppError, type AppErrorDetail } from '../service/app-error.ts';

/** One rule set's file among those analysis compiles. */
export type RuleSetFile = { ruleSetId: string; file: string; text: string };

/** A warning of the file being checked (a rule that can never or always fire); 1-based position. */
export type RuleWarning = { file: string; line: number | null; column: number | null; message: string };

// Any fixed number: the advisory lock that makes changes to what is published take turns, so two
// publishes each checked against the old state cannot together publish rules that clash.
const RULES_LOCK = 7_311_044;

/** Serialises publishing on PostgreSQL; PGlite runs one transaction at a time anyway. */
export async function lockRuleSets(db: Database, tx: Queryable): Promise<void> {
  if (db.driver === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [RULES_LOCK]);
}

/**
 * The files analysis would compile after a change: the published version of every active rule set,
 * in rule set id order as readPublishedRules reads them (scorecard ties break by file order), with
 * `change` replacing or adding one rule set's file, or removing it when its file is null.
 */
export async function publishedFilesWith(
  tx: Queryable,
  change?: { ruleSetId: string; file: { file: string; text: string } | null },
): Promise<RuleSetFile[]> {
  // The change joins the list in SQL, so it sorts under the database's collation like the others.
  const { rows } = await tx.query<{ id: string; file_name: string | null; source: string | null }>(
    `SELECT id, file_name, source FROM (
       SELECT s.id, v.file_name, v.source FROM rule_sets s
       JOIN rule_set_versions v ON v.rule_set_id = s.id AND v.version = s.published_version
       WHERE s.is_active AND s.id IS DISTINCT FROM $1::text
       UNION ALL SELECT $1::text, NULL, NULL WHERE $2::boolean
     ) f ORDER BY id`,
    [change?.ruleSetId ?? null, change?.file != null],
  );
  return rows.map((r) =>
    r.source === null || r.file_name === null
      ? { ruleSetId: r.id, file: change?.file?.file ?? '', text: change?.file?.text ?? '' }
      : { ruleSetId: r.id, file: r.file_name, text: r.source },
  );
}

export type RuleCheck = { ruleSet: CompiledRuleSet; warnings: RuleWarning[] };

/**
 * Compiles rule sets' files with the shipped packs as a library, as analysis will once they are
 * published. Any error throws AppError 'invalid' listing every error (with its line when it is in
 * `target`'s file, the one being edited); the warnings of `target`'s file come back.
 */
export function checkRuleFiles(
  files: readonly RuleSetFile[],
  target: string | null,
  options: CompileOptions = {},
): RuleCheck {
  // Issues name their file; two rule sets may use one file name, so those get the rule set id too.
  const names = new Map<string, number>();
  for (const f of files) names.set(f.file, (names.get(f.file) ?? 0) + 1);
  const owner = new Map<string, string>();
  const texts: RuleFileText[] = files.map((f) => {
    const label = (names.get(f.file) ?? 0) > 1 ? `${f.ruleSetId}/${f.file}` : f.file;
    owner.set(label, f.ruleSetId);
    return { file: label, text: f.text };
  });
  const library = readRuleFiles(undefined).map((f) => ({ ...f, isLibrary: true }));
  const { ruleSet, issues } = compileRuleFiles([...texts, ...library], options);
  const isTarget = (i: RuleIssue) => target !== null && owner.get(i.file) === target;
  // The edited file's own errors first: they are the ones its author can fix there.
  const errors = issues
    .filter((i) => i.severity === 'error')
    .sort((a, b) => Number(isTarget(b)) - Number(isTarget(a)));
  if (errors.length > 0) {
    const details: AppErrorDetail[] = errors.map((i) => ({
      ...(isTarget(i) ? { field: 'source' } : {}),
      ...(isTarget(i) && i.line !== undefined ? { line: i.line } : {}),
      reason: formatRuleIssue(i),
    }));
    const first = errors[0] as RuleIssue;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new AppError('invalid', `the rules do not compile: ${formatRuleIssue(first)}${more}`, {
      ...(isTarget(first) ? { field: 'source' } : {}),
      details,
    });
  }
  const warnings = issues
    .filter((i) => i.severity === 'warning' && isTarget(i))
    .map((i) => ({ file: i.file, line: i.line ?? null, column: i.column ?? null, message: i.message }));
  return { ruleSet, warnings };
}
