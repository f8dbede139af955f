import type { Evidence } from '../analysis/analysis-result.ts';
import type { Role } from '../model/conversation.ts';
import { COMPARISON_KEYS, compare } from './comparison.ts';
import type {
  Aggregate,
  CompiledCondition,
  CompileScope,
  ConditionKind,
  Fact,
  MessageFilter,
  Outcome,
  RulePath,
} from './condition-types.ts';
import type { RuleEvaluation } from './rule-evaluation.ts';
import { pathText } from './rule-issue.ts';
import { closestKey } from './suggest.ts';

/** Evidence kept per condition: enough to show a reviewer, bounded for conversations with hundreds of hits. */
export const MAX_EVIDENCE = 50;

const COMBINATORS = new Set(['all', 'any', 'not', 'or']);
/** Keys a sequence step carries besides its condition. */
export const STEP_KEYS = ['withinTurns', 'withinSec'] as const;

export type ConditionCompiler = Omit<CompileScope, 'path' | 'roles' | 'map' | 'compileNested'> & {
  kinds: ReadonlyMap<string, ConditionKind>;
};

const FALSE: Outcome = { holds: false, evidence: [], occurrences: 0 };

/** Text of a condition as written, short enough for a one-line reason. */
export function describeCondition(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The roles a `role` key names, for the keyword automata and for nested maps. */
function rolesOf(value: unknown): Role[] | undefined {
  if (typeof value === 'string') return [value as Role];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as Role[];
  return undefined;
}

function pushAll(into: Evidence[], from: readonly Evidence[]): void {
  for (const e of from) {
    if (into.length >= MAX_EVIDENCE) return;
    into.push(e);
  }
}

const NONE: readonly number[] = [];
/** Spans of the filter loop: filled and emptied within one evaluation, before anything nested runs. */
const SCRATCH_SPANS: Evidence[] = [];

function record(ev: RuleEvaluation, path: RulePath, describe: string, outcome: Outcome): void {
  if (!ev.trace || ev.traceMuted > 0) return;
  const messages = [...new Set(outcome.evidence.map((e) => e.message))].sort((a, b) => a - b);
  const entry = { path: pathText(path), describe, holds: outcome.holds, messages };
  ev.trace.push(outcome.unknown ? { ...entry, unknown: outcome.unknown } : entry);
}

/**
 * Compiles one condition map. Keys of a map combine with AND; message filters must all hold on
 * the same message; nested all/any/not look only at the messages the map's filters select.
 */
export function compileCondition(
  value: unknown,
  path: RulePath,
  roles: readonly Role[] | undefined,
  compiler: ConditionCompiler,
): CompiledCondition | undefined {
  if (!isMap(value)) {
    compiler.error(
      Array.isArray(value)
        ? 'a condition is a map of building blocks; to combine several, write all: [...] or any: [...]'
        : `a condition is a map of building blocks (role, keywords, metric, …), got ${describeCondition(value)}`,
      path,
    );
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    compiler.error('an empty condition tests nothing', path);
    return undefined;
  }
  const ownRoles = 'role' in value ? (rolesOf(value.role) ?? roles) : roles;
  const filters: MessageFilter[] = [];
  const aggregates: Aggregate[] = [];
  const facts: Fact[] = [];
  const nested: { key: 'all' | 'any' | 'not'; parts: CompiledCondition[] }[] = [];
  let alternative: CompiledCondition | undefined;
  let isValid = true;
  const companions = new Set<string>();
  for (const key of keys) for (const c of compiler.kinds.get(key)?.companions ?? []) companions.add(c);

  const scope = (key: string): CompileScope => {
    const at = [...path, key];
    return {
      ...compiler,
      path: at,
      roles: ownRoles,
      map: value,
      parse: (schema, v, p = at) => compiler.parse(schema, v, p),
      error: (message, p = at) => compiler.error(message, p),
      warn: (message, p = at) => compiler.warn(message, p),
      compileNested: (v, p, r) => compileCondition(v, p, r, compiler),
    };
  };

  for (const key of keys) {
    const v = value[key];
    const at = [...path, key];
    if (key === 'all' || key === 'any') {
      if (!Array.isArray(v) || v.length === 0) {
        compiler.error(`${key} takes a non-empty list of conditions`, at);
        isValid = false;
        continue;
      }
      const parts = v.map((c, i) => compileCondition(c, [...at, i], ownRoles, compiler));
      if (parts.some((p) => p === undefined)) isValid = false;
      else nested.push({ key, parts: parts as CompiledCondition[] });
    } else if (key === 'not') {
      const part = compileCondition(v, at, ownRoles, compiler);
      if (part) nested.push({ key, parts: [part] });
      else isValid = false;
    } else if (key === 'or') {
      alternative = compileCondition(v, at, roles, compiler);
      if (!alternative) isValid = false;
    } else if (companions.has(key)) {
      // read by the key it accompanies
    } else if ((COMPARISON_KEYS as readonly string[]).includes(key)) {
      compiler.error(
        `"${key}" compares a metric: write it beside metric (metric: firstResponseSec, ${key}: …)`,
        at,
      );
      isValid = false;
    } else if ((STEP_KEYS as readonly string[]).includes(key)) {
      compiler.error(`${key} belongs to a step of a sequence (sequence: [first, { …, ${key}: … }])`, at);
      isValid = false;
    } else {
      const kind = compiler.kinds.get(key);
      if (!kind) {
        const hint = closestKey(key, [...compiler.kinds.keys(), ...COMBINATORS]);
        compiler.error(`unknown condition "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`, at);
        isValid = false;
        continue;
      }
      const parts = kind.compile(v, scope(key));
      if (!parts) {
        isValid = false;
        continue;
      }
      for (const part of parts) {
        if ('filter' in part) filters.push(part.filter);
        else if ('aggregate' in part) aggregates.push(part.aggregate);
        else facts.push(part.fact);
      }
    }
  }
  if (!isValid) return undefined;
  // Cheap scope filters first: most messages fail on role before any text is read.
  filters.sort((a, b) => Number(b.isScope) - Number(a.isScope));
  const describe = describeCondition(value);
  const scopeFilters = filters.filter((f) => f.isScope);
  const contentFilters = filters.filter((f) => f.key !== 'role');
  const hasContent =
    filters.length > scopeFilters.length || aggregates.length > 0 || facts.length > 0 || nested.length > 0;
  const singleRole = ownRoles?.length === 1 && 'role' in value ? ownRoles[0] : undefined;

  const evaluateMain = (ev: RuleEvaluation, window: readonly number[]): Outcome => {
    let occurrences = 0;
    let selected: readonly number[] = window;
    let evidence: Evidence[] | undefined;
    if (filters.length > 0) {
      let passing: number[] | undefined;
      // Taking the role's own messages makes the role filter itself redundant.
      const isByRole = singleRole !== undefined && window === ev.all;
      const candidates = isByRole ? ev.byRole[singleRole] : window;
      const tests = isByRole ? contentFilters : filters;
      const spans = SCRATCH_SPANS;
      for (const m of candidates) {
        const mark = spans.length;
        let ok = true;
        for (const f of tests) {
          if (!f.test(ev, m, spans)) {
            ok = false;
            break;
          }
        }
        if (ok) {
          passing ??= [];
          passing.push(m);
        }
        // Setting length is a runtime call even when nothing changes.
        else if (spans.length !== mark) spans.length = mark;
      }
      selected = passing ?? NONE;
      if (aggregates.length === 0 && passing === undefined) {
        if (spans.length > 0) spans.length = 0;
        return FALSE;
      }
      evidence = spans.length > 0 ? spans.slice(0, MAX_EVIDENCE) : [];
      if (spans.length > 0) spans.length = 0;
      if (aggregates.length === 0) occurrences = selected.length;
    }
    evidence ??= [];
    let unknown: string | undefined;
    for (const fact of facts) {
      const o = fact.evaluate(ev, selected);
      if (o.unknown !== undefined && !o.holds) unknown ??= o.unknown;
      else if (!o.holds) return FALSE;
      pushAll(evidence, o.evidence);
      occurrences = Math.max(occurrences, o.occurrences);
    }
    for (const a of aggregates) {
      if (!compare(a.measure(ev, selected, undefined), a.comparison)) return FALSE;
      const spans: Evidence[] = [];
      a.measure(ev, selected, spans);
      pushAll(evidence, spans);
      occurrences = Math.max(occurrences, 1);
    }
    for (const group of nested) {
      const o = evaluateGroup(group.key, group.parts, ev, selected);
      if (o.unknown !== undefined && !o.holds) unknown ??= o.unknown;
      else if (!o.holds) return FALSE;
      pushAll(evidence, o.evidence);
      occurrences = Math.max(occurrences, o.occurrences);
    }
    if (unknown !== undefined) return { holds: false, unknown, evidence: [], occurrences: 0 };
    if (evidence.length === 0 && filters.length > 0) {
      for (const m of selected) {
        if (evidence.length >= MAX_EVIDENCE) break;
        evidence.push(ev.wholeMessage(m));
      }
    }
    return { holds: true, evidence, occurrences: Math.max(occurrences, 1) };
  };

  const mayHold = combineGates(
    [
      // With counts beside them, filters only choose what is counted: counting nothing may pass.
      ...(aggregates.length === 0 ? filters.map((f) => f.mayPass) : []),
      ...aggregates.map((a) => a.mayPass),
      ...facts.map((f) => f.mayPass),
      ...nested.map((g) => groupGate(g.key, g.parts)),
    ],
    alternative,
  );

  const condition: CompiledCondition = {
    ...(mayHold ? { mayHold } : {}),
    describe,
    scope: scopeFilters,
    isScopeOnly: !hasContent && alternative === undefined,
    isNegation: keys.length === 1 && keys[0] === 'not',
    evaluate(ev, window) {
      let outcome = evaluateMain(ev, window);
      if (!outcome.holds && alternative) {
        const other = alternative.evaluate(ev, window);
        if (other.holds || outcome.unknown === undefined) outcome = other;
      }
      record(ev, path, describe, outcome);
      return outcome;
    },
  };
  return condition;
}

type Gate = (ev: RuleEvaluation) => boolean;

/** A map holds only if each part can (AND of the parts' gates); with `or`, either side can. */
function combineGates(
  parts: readonly (Gate | undefined)[],
  alternative: CompiledCondition | undefined,
): Gate | undefined {
  const gates = parts.filter((g): g is Gate => g !== undefined);
  if (gates.length === 0) return undefined;
  const own: Gate = gates.length === 1 ? (gates[0] as Gate) : (ev) => gates.every((g) => g(ev));
  if (!alternative) return own;
  const other = alternative.mayHold;
  return other ? (ev) => own(ev) || other(ev) : undefined;
}

function groupGate(key: 'all' | 'any' | 'not', parts: readonly CompiledCondition[]): Gate | undefined {
  if (key === 'not') return undefined;
  const gates = parts.map((p) => p.mayHold);
  if (key === 'all') return combineGates(gates, undefined);
  if (gates.some((g) => g === undefined)) return undefined;
  return (ev) => gates.some((g) => (g as Gate)(ev));
}

function evaluateGroup(
  key: 'all' | 'any' | 'not',
  parts: readonly CompiledCondition[],
  ev: RuleEvaluation,
  window: readonly number[],
): Outcome {
  if (key === 'not') {
    const o = (parts[0] as CompiledCondition).evaluate(ev, window);
    if (o.unknown !== undefined) return { holds: false, unknown: o.unknown, evidence: [], occurrences: 0 };
    return o.holds ? FALSE : { holds: true, evidence: [], occurrences: 1 };
  }
  const evidence: Evidence[] = [];
  let occurrences = 0;
  let unknown: string | undefined;
  let held = 0;
  for (const part of parts) {
    const o = part.evaluate(ev, window);
    if (o.holds) {
      held++;
      pushAll(evidence, o.evidence);
      occurrences = key === 'all' ? Math.max(occurrences, o.occurrences) : occurrences + o.occurrences;
    } else if (o.unknown !== undefined) {
      unknown ??= o.unknown;
    } else if (key === 'all') {
      return FALSE;
    }
  }
  const holds = key === 'all' ? held === parts.length : held > 0;
  if (holds) return { holds, evidence, occurrences };
  return unknown !== undefined ? { holds: false, unknown, evidence: [], occurrences: 0 } : FALSE;
}
