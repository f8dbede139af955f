import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CompiledRuleSet,
  type CompileOptions,
  compileRuleSet,
  parseRuleText,
  type RuleIssue,
  type RuleSource,
} from '@serviq/core';

/** A rule file's text and name: plain data, so it crosses into worker threads. */
export type RuleFileText = { file: string; text: string; isLibrary?: boolean };

/** The shipped packs (zh-chat, en-chat, voice, emoji-norms), data files of the core package. */
export const BUILTIN_RULES_DIR = fileURLToPath(
  new URL('../data/rules/', import.meta.resolve('@serviq/core')),
);

const RULE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Rule files of a directory (not its sub-folders, where rule test cases live), by name. */
function ruleFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => RULE_EXTENSIONS.has(extname(name)) && !name.includes('.cases.'))
    .sort()
    .map((name) => join(dir, name));
}

export function builtinPackNames(): string[] {
  return ruleFilesIn(BUILTIN_RULES_DIR).map((f) => basename(f, extname(f)));
}

function read(file: string, isLibrary = false): RuleFileText {
  return { file, text: readFileSync(file, 'utf8'), ...(isLibrary ? { isLibrary } : {}) };
}

/**
 * The rule files `--rules` names: a file, a directory of them, or a shipped pack by name
 * (`zh-chat`). The shipped packs come along as a library, so user scorecards can include them.
 */
export function readRuleFiles(target: string | undefined): RuleFileText[] {
  const builtin = ruleFilesIn(BUILTIN_RULES_DIR);
  if (target === undefined) return builtin.map((f) => read(f));
  let own: string[];
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(target);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) {
    own = ruleFilesIn(target);
    if (own.length === 0) throw new Error(`${target}: no .yaml, .yml or .json rule files in this directory`);
  } else if (stat) {
    own = [target];
  } else {
    const pack = builtin.find((f) => basename(f, extname(f)) === target);
    if (!pack) {
      throw new Error(
        `${target}: no such rule file or directory, and no shipped pack of that name (shipped: ${builtinPackNames().join(', ')})`,
      );
    }
    own = [pack];
  }
  return [...own.map((f) => read(f)), ...builtin.filter((f) => !own.includes(f)).map((f) => read(f, true))];
}

/** Rule files compiled without errors: the files go to worker threads, which compile their own copy. */
export type LoadedRules = { files: readonly RuleFileText[]; ruleSet: CompiledRuleSet };

/** Parses and compiles rule files; issues carry file:line:column. */
export function compileRuleFiles(
  files: readonly RuleFileText[],
  options: CompileOptions = {},
): { ruleSet: CompiledRuleSet; issues: RuleIssue[] } {
  const sources: RuleSource[] = [];
  const issues: RuleIssue[] = [];
  for (const f of files) {
    const parsed = parseRuleText(f.file, f.text);
    issues.push(...parsed.issues);
    for (const s of parsed.sources) sources.push(f.isLibrary ? { ...s, isLibrary: true } : s);
  }
  const compiled = compileRuleSet(sources, options);
  return { ruleSet: compiled.ruleSet, issues: [...issues, ...compiled.issues] };
}
