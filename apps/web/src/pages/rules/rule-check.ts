import {
  type CompiledRuleSet,
  compileRuleSet,
  parseRuleText,
  type RuleIssue,
  type RuleSource,
} from '@serviq/core';
import { type DraftIssue, located, type OtherIssue } from './issue-position.ts';

/**
 * A rule file the draft is compiled with, as the server compiles it: the published version of every
 * other active rule set, and the shipped packs as a library (only used when something includes them).
 */
export type ContextFile = { ruleSetId: string; file: string; text: string; isLibrary?: boolean };

export type DraftCheck = {
  /** Everything analysis would use with the draft in place; rules with errors are left out. */
  ruleSet: CompiledRuleSet;
  sources: readonly RuleSource[];
  /** The draft's own parsed documents (with their locators), for the overview. */
  draftSources: readonly RuleSource[];
  issues: DraftIssue[];
  others: OtherIssue[];
};

const parsed = new Map<string, RuleSource[]>();

/** Context files are parsed once per name and text: only the draft is parsed again as it is typed. */
function parseOnce(file: string, text: string): RuleSource[] {
  const key = `${file}\u0000${text}`;
  let sources = parsed.get(key);
  if (!sources) {
    sources = parseRuleText(file, text).sources;
    parsed.set(key, sources);
  }
  return sources;
}

const pathText = (path: RuleIssue['path']) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/** An issue's reason as the server words it after `file:line:column: error: `. */
const reasonOf = (issue: RuleIssue) =>
  issue.path.length > 0 ? `${issue.message} (at ${pathText(issue.path)})` : issue.message;

/**
 * Compiles the draft with its context as the server's check does (the same core compile, minus the
 * file reading): issues of the draft come back at their place, those of other files apart.
 */
export function checkDraft(
  draft: { ruleSetId: string; file: string; text: string },
  context: readonly ContextFile[],
): DraftCheck {
  const regular = [
    ...context.filter((f) => !f.isLibrary && f.ruleSetId !== draft.ruleSetId),
    { ruleSetId: draft.ruleSetId, file: draft.file, text: draft.text },
  ].sort((a, b) => (a.ruleSetId < b.ruleSetId ? -1 : a.ruleSetId > b.ruleSetId ? 1 : 0));
  // Two rule sets may use one file name: the server then names their issues `<rule set>/<file>`.
  const names = new Map<string, number>();
  for (const f of regular) names.set(f.file, (names.get(f.file) ?? 0) + 1);
  const label = (f: { ruleSetId: string; file: string }) =>
    (names.get(f.file) ?? 0) > 1 ? `${f.ruleSetId}/${f.file}` : f.file;
  const draftLabel = label(draft);
  const ownParse = parseRuleText(draftLabel, draft.text);
  const sources: RuleSource[] = [];
  for (const f of regular)
    sources.push(...(f.ruleSetId === draft.ruleSetId ? ownParse.sources : parseOnce(label(f), f.text)));
  for (const f of context)
    if (f.isLibrary)
      sources.push(...parseOnce(`library/${f.file}`, f.text).map((s) => ({ ...s, isLibrary: true })));
  const compiled = compileRuleSet(sources);
  const issues: DraftIssue[] = [];
  const others: OtherIssue[] = [];
  for (const issue of [...ownParse.issues, ...compiled.issues]) {
    const isDraft = issue.file === draftLabel;
    // Like the server: warnings are the draft's own business; others' warnings were there before.
    if (!isDraft && issue.severity === 'warning') continue;
    // An issue of the whole file (it holds no rules) belongs at its start.
    if (isDraft)
      issues.push(
        located(draft.text, issue.severity, issue.line ?? 1, issue.column ?? 1, reasonOf(issue), 'browser'),
      );
    else
      others.push({
        severity: issue.severity,
        file: issue.file,
        ...(issue.line !== undefined ? { line: issue.line } : {}),
        message: reasonOf(issue),
      });
  }
  issues.sort((a, b) => a.from - b.from || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return { ruleSet: compiled.ruleSet, sources, draftSources: ownParse.sources, issues, others };
}
