import type { z } from 'zod';
import type { Severity } from '../analysis/analysis-result.ts';
import { defaultEmojiTable, type EmojiTable } from '../emoji/index.ts';
import { type ConditionCompiler, compileCondition } from './compile-condition.ts';
import type { CompiledCondition, ConditionKind, RulePath } from './condition-types.ts';
import { BUILTIN_CONDITION_KINDS } from './conditions/index.ts';
import { canonicalJson, contentHash } from './content-hash.ts';
import { type KeywordAutomata, KeywordRegistry } from './keyword-registry.ts';
import {
  type AppliesTo,
  type Category,
  type RuleDocument,
  RuleDocumentSchema,
  type RuleInput,
  RuleSchema,
  type ScorecardHeader,
} from './rule-document.ts';
import { knownKeys, type RuleIssue, zodIssues } from './rule-issue.ts';
import { SimilarRegistry } from './similar-registry.ts';

/** One parsed rule file (YAML or JSON) and how to find a path's line and column in it. */
export type RuleSource = {
  file: string;
  value: unknown;
  locate?: (path: RulePath) => { line: number; column: number } | undefined;
  /** Shipped packs: only compiled when something includes them, and overridden by a user file of the same id. */
  isLibrary?: boolean;
};

export type CompiledRule = {
  id: string;
  name: string;
  description?: string;
  category: string;
  severity: Severity;
  points: number;
  per: 'conversation' | 'occurrence';
  maxPoints?: number;
  isFatal: boolean;
  weight: number;
  isRealtime: boolean;
  /** false: switched off with `enabled: false`; kept so it still overrides an included rule of its id. */
  isEnabled: boolean;
  appliesTo?: AppliesTo;
  when?: CompiledCondition;
  detect?: CompiledCondition;
  require?: CompiledCondition;
};

export type CompiledScorecard = {
  id: string;
  name: string;
  version: string;
  description?: string;
  appliesTo?: AppliesTo;
  priority: number;
  mode: 'deduction' | 'weighted';
  passScore: number;
  alertBelow?: number;
  categories: readonly Category[];
  rules: readonly CompiledRule[];
  file: string;
};

export type CompiledRuleSet = {
  scorecards: readonly CompiledScorecard[];
  keywords: KeywordAutomata;
  similar: SimilarRegistry;
  /** Distinct keywords in the automata, for `rules check`. */
  keywordCount: number;
};

export type CompileOptions = {
  emojiTable?: EmojiTable;
  /** Building blocks beyond the built-in ones (an `llm` criterion, a deployment's own test). */
  kinds?: readonly ConditionKind[];
};

type Doc = { source: RuleSource; header: RuleDocument; id: string };
type DocRules = { rules: CompiledRule[]; raw: unknown[] };

const RULE_KEYS = Object.keys(RuleSchema.shape);
const DOCUMENT_KEYS = [
  'scorecard',
  'pack',
  'include',
  'rules',
  'id',
  'name',
  'description',
  'appliesTo',
  'priority',
  'mode',
  'passScore',
  'alertBelow',
  'categories',
];

/**
 * Compiles rule files into scorecards: includes resolved, every condition compiled once, the
 * keywords of all rules in one automaton per role, a content-hash version per scorecard. Problems
 * come back as issues (errors and warnings) at their paths; a rule with errors is left out.
 */
export function compileRuleSet(
  sources: readonly RuleSource[],
  options: CompileOptions = {},
): { ruleSet: CompiledRuleSet; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const add = (source: RuleSource, severity: RuleIssue['severity'], path: RulePath, message: string) => {
    const at = source.locate?.(path);
    issues.push({
      severity,
      file: source.file,
      path,
      message,
      ...(at ? { line: at.line, column: at.column } : {}),
    });
  };
  const kinds = new Map<string, ConditionKind>();
  for (const kind of [...BUILTIN_CONDITION_KINDS, ...(options.kinds ?? [])]) kinds.set(kind.key, kind);
  const registry = new KeywordRegistry();
  const similar = new SimilarRegistry();
  const emojiTable = options.emojiTable ?? defaultEmojiTable;
  const tables: CompileTables = { kinds, keywords: registry, similar, emojiTable };

  const docs = new Map<string, Doc>();
  const order: Doc[] = [];
  for (const source of sources) {
    const parsed = RuleDocumentSchema.safeParse(source.value, { reportInput: true });
    if (!parsed.success) {
      for (const i of zodIssues(parsed.error, [], DOCUMENT_KEYS)) add(source, 'error', i.path, i.message);
      // The rules are still checked, so one round of fixes can address every problem of the file.
      const rules = (source.value as { rules?: unknown } | null)?.rules;
      if (Array.isArray(rules)) {
        const header = { rules } as RuleDocument;
        compileDocRules({ source, header, id: '' }, tables, (severity, path, message) =>
          add(source, severity, path, message),
        );
      }
      continue;
    }
    const header = parsed.data;
    const id = (header.scorecard ?? header.pack)?.id as string;
    const existing = docs.get(id);
    if (existing && !existing.source.isLibrary) {
      if (!source.isLibrary)
        add(
          source,
          'error',
          [header.scorecard ? 'scorecard' : 'pack', 'id'],
          `duplicate id "${id}": also defined in ${existing.source.file}`,
        );
      continue;
    }
    const doc: Doc = { source, header, id };
    docs.set(id, doc);
    order.push(doc);
  }

  const compiledDocs = new Map<Doc, DocRules>();
  const rulesOf = (doc: Doc): DocRules => {
    let done = compiledDocs.get(doc);
    if (!done) {
      done = compileDocRules(doc, tables, (severity, path, message) =>
        add(doc.source, severity, path, message),
      );
      compiledDocs.set(doc, done);
    }
    return done;
  };

  const scorecards: CompiledScorecard[] = [];
  for (const doc of order) {
    if (docs.get(doc.id) !== doc || doc.source.isLibrary) continue;
    const own = rulesOf(doc);
    const header = doc.header.scorecard;
    if (!header) continue;
    const merged = new Map<string, { rule: CompiledRule; raw: unknown; from: string }>();
    const visiting = new Set<string>([doc.id]);
    const included = new Set<string>();
    let isValid = true;
    const include = (from: Doc, path: RulePath) => {
      (from.header.include ?? []).forEach((id, i) => {
        const target = docs.get(id);
        if (!target) {
          add(
            from.source,
            'error',
            [...path, 'include', i],
            `include "${id}": no scorecard or pack has this id`,
          );
          isValid = false;
          return;
        }
        if (visiting.has(id)) {
          add(from.source, 'error', [...path, 'include', i], `include "${id}" makes a cycle`);
          isValid = false;
          return;
        }
        if (included.has(id)) return;
        included.add(id);
        visiting.add(id);
        include(target, []);
        visiting.delete(id);
        const { rules, raw } = rulesOf(target);
        rules.forEach((rule, r) => {
          const clash = merged.get(rule.id);
          if (clash && clash.from !== target.id) {
            add(
              doc.source,
              'error',
              ['include'],
              `rule "${rule.id}" comes from both "${clash.from}" and "${target.id}"; redefine it in this scorecard to choose`,
            );
            isValid = false;
          }
          merged.set(rule.id, { rule, raw: raw[r], from: target.id });
        });
      });
    };
    include(doc, []);
    own.rules.forEach((rule, r) => {
      merged.set(rule.id, { rule, raw: own.raw[r], from: doc.id });
    });
    const rules = [...merged.values()].map((x) => x.rule);
    const categories = resolveCategories(header, rules, (path, message) =>
      add(doc.source, 'error', path, message),
    );
    if (!isValid || !categories) continue;
    const version = contentHash(
      canonicalJson({ scorecard: header, rules: [...merged.values()].map((x) => x.raw) }),
    );
    scorecards.push({
      id: header.id,
      name: header.name ?? header.id,
      version,
      ...(header.description ? { description: header.description } : {}),
      ...(header.appliesTo ? { appliesTo: header.appliesTo } : {}),
      priority: header.priority,
      mode: header.mode,
      passScore: header.passScore,
      ...(header.alertBelow !== undefined ? { alertBelow: header.alertBelow } : {}),
      categories,
      rules: rules.filter((r) => r.isEnabled),
      file: doc.source.file,
    });
  }
  // Packs nobody includes are still checked, so `rules check` reports their problems.
  for (const doc of order)
    if (!doc.source.isLibrary && !compiledDocs.has(doc) && docs.get(doc.id) === doc) rulesOf(doc);
  scorecards.sort((a, b) => b.priority - a.priority);
  return {
    ruleSet: { scorecards, keywords: registry.build(), keywordCount: registry.size, similar },
    issues,
  };
}

function resolveCategories(
  header: ScorecardHeader,
  rules: readonly CompiledRule[],
  error: (path: RulePath, message: string) => void,
): Category[] | undefined {
  const seen = new Set<string>();
  const categories: Category[] = [...(header.categories ?? [])];
  for (const c of categories) seen.add(c.name);
  if (header.mode === 'weighted') {
    if (!header.categories) {
      error(['scorecard', 'mode'], 'weighted mode needs scorecard.categories: [{ name, weight }]');
      return undefined;
    }
    const missing = [
      ...new Set(rules.filter((r) => r.isEnabled && !seen.has(r.category)).map((r) => r.category)),
    ];
    if (missing.length > 0) {
      error(
        ['scorecard', 'categories'],
        `weighted mode: categories ${missing.map((m) => `"${m}"`).join(', ')} of some rules have no weight here`,
      );
      return undefined;
    }
    return categories;
  }
  for (const r of rules) {
    if (!r.isEnabled || seen.has(r.category)) continue;
    seen.add(r.category);
    categories.push({ name: r.category, weight: 1, critical: false });
  }
  return categories;
}

type Report = (severity: RuleIssue['severity'], path: RulePath, message: string) => void;

/** What every rule of a rule set compiles against: building blocks and the shared tables. */
type CompileTables = {
  kinds: ReadonlyMap<string, ConditionKind>;
  keywords: KeywordRegistry;
  similar: SimilarRegistry;
  emojiTable: EmojiTable;
};

function compileDocRules(doc: Doc, tables: CompileTables, report: Report): DocRules {
  const rules: CompiledRule[] = [];
  const raw: unknown[] = [];
  const ids = new Map<string, number>();
  doc.header.rules.forEach((value, index) => {
    const at: RulePath = ['rules', index];
    const parsed = RuleSchema.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      for (const i of zodIssues(parsed.error, at, RULE_KEYS)) report('error', i.path, i.message);
      checkConditions(value, at, tables, report);
      return;
    }
    const input = parsed.data;
    const first = ids.get(input.id);
    if (first !== undefined) {
      report('error', [...at, 'id'], `duplicate rule id "${input.id}" (first at rules[${first}])`);
      return;
    }
    ids.set(input.id, index);
    const rule = compileRule(input, at, { ...tables, report });
    if (!rule) return;
    rules.push(rule);
    raw.push(value);
  });
  return { rules, raw };
}

type RuleCompileEnv = CompileTables & { report: Report };

/** The compile helpers building blocks get; `onError` learns that the rule cannot be used. */
function conditionCompiler(env: RuleCompileEnv, onError: () => void): ConditionCompiler {
  return {
    kinds: env.kinds,
    keywords: env.keywords,
    similar: env.similar,
    emojiTable: env.emojiTable,
    parse<T>(schema: z.ZodType<T>, value: unknown, path: RulePath = []): T | undefined {
      const r = schema.safeParse(value, { reportInput: true });
      if (r.success) return r.data;
      for (const i of zodIssues(r.error, path, knownKeys(schema))) env.report('error', i.path, i.message);
      onError();
      return undefined;
    },
    error(message, path = []) {
      onError();
      env.report('error', path, message);
    },
    warn(message, path = []) {
      env.report('warning', path, message);
    },
  };
}

/** Reports the problems of a broken rule's conditions too (what is compiled is thrown away). */
function checkConditions(value: unknown, at: RulePath, tables: CompileTables, report: Report): void {
  if (typeof value !== 'object' || value === null) return;
  const raw = value as Record<string, unknown>;
  const compiler = conditionCompiler({ ...tables, report }, () => undefined);
  for (const key of ['when', 'detect', 'require'] as const) {
    if (raw[key] !== undefined) compileCondition(raw[key], [...at, key], undefined, compiler);
  }
}

/** `{ id, enabled: false }`: switches off the included rule of that id; nothing else is needed. */
function disabledRule(input: RuleInput): CompiledRule {
  return {
    id: input.id,
    name: input.name ?? input.id,
    category: input.category,
    severity: input.severity ?? 'minor',
    points: 0,
    per: input.per,
    isFatal: false,
    weight: input.weight,
    isRealtime: false,
    isEnabled: false,
  };
}

function compileRule(input: RuleInput, at: RulePath, env: RuleCompileEnv): CompiledRule | undefined {
  let hasErrors = false;
  const compiler = conditionCompiler(env, () => {
    hasErrors = true;
  });
  const compileAt = (key: 'when' | 'detect' | 'require') =>
    input[key] === undefined ? undefined : compileCondition(input[key], [...at, key], undefined, compiler);
  if (!input.enabled) return disabledRule(input);
  if ((input.detect === undefined) === (input.require === undefined)) {
    env.report(
      'error',
      at,
      'a rule has exactly one of detect (hit when it holds) or require (hit when it does not)',
    );
    return undefined;
  }
  if (input.points === undefined && !input.fatal) {
    env.report('error', at, 'points is required (negative deducts, positive adds), unless the rule is fatal');
    return undefined;
  }
  const when = compileAt('when');
  const detect = compileAt('detect');
  const require = compileAt('require');
  if (hasErrors) return undefined;
  const points = input.points ?? 0;
  const test = detect ?? require;
  if (test?.isScopeOnly) {
    env.report(
      'warning',
      [...at, detect ? 'detect' : 'require'],
      detect
        ? 'detect has only role/position: it fires whenever such a message exists'
        : 'require has only role/position: it can only fail when no such message exists, which is N/A',
    );
  }
  if (points === 0 && !input.fatal && !input.realtime)
    env.report('warning', at, 'points 0, not fatal and not realtime: this rule changes nothing');
  if (points > 0 && require)
    env.report(
      'warning',
      [...at, 'points'],
      'a bonus with require is earned when the condition does NOT hold; use detect for a bonus',
    );
  if (input.per === 'occurrence' && input.maxPoints === undefined)
    env.report(
      'warning',
      [...at, 'per'],
      'per: occurrence without maxPoints can take the whole score for one rule',
    );
  return {
    id: input.id,
    name: input.name ?? input.id,
    ...(input.description ? { description: input.description } : {}),
    category: input.category,
    severity: input.severity ?? (input.fatal ? 'critical' : 'major'),
    points,
    per: input.per,
    ...(input.maxPoints !== undefined ? { maxPoints: input.maxPoints } : {}),
    isFatal: input.fatal,
    weight: input.weight,
    isRealtime: input.realtime,
    isEnabled: input.enabled,
    ...(input.appliesTo ? { appliesTo: input.appliesTo } : {}),
    ...(when ? { when } : {}),
    ...(detect ? { detect } : {}),
    ...(require ? { require } : {}),
  };
}
