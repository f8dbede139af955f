import { createEmojiTable, formatRuleIssue, type RuleIssue } from '@serviq/core';
import {
  type AnalysisConfig,
  compileRuleFiles,
  type LoadedRules,
  type RuleFileText,
  readRuleFiles,
} from '@serviq/services';
import { UsageError } from './cli-error.ts';

/** Rule files for `--rules` (none: analyse without scoring), checked here so errors stop the run before it starts. */
export function loadRules(target: string | undefined, config: AnalysisConfig): LoadedRules | undefined {
  return target === 'none' ? undefined : checkRules(target, config);
}

/** Reads and compiles rule files; any error becomes a usage error listing every problem with its place. */
export function checkRules(target: string | undefined, config: AnalysisConfig): LoadedRules {
  let files: RuleFileText[];
  try {
    files = readRuleFiles(target);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const compiled = compileRuleFiles(
    files,
    config.emoji ? { emojiTable: createEmojiTable(config.emoji) } : {},
  );
  const errors = compiled.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new UsageError(formatIssues(errors));
  return { files, ruleSet: compiled.ruleSet };
}

export function formatIssues(issues: readonly RuleIssue[]): string {
  return issues.map(formatRuleIssue).join('\n');
}
