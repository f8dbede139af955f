import { type CompiledRule, RuleSchema, type RuleSource } from '@serviq/core';
import { flowYaml } from './flow-yaml.ts';
import type { DraftCheck } from './rule-check.ts';

/** One rule as the overview lists it: from the draft's own text, or included from a pack. */
export type RuleRow = {
  key: string;
  id: string;
  name: string;
  category: string;
  severity: CompiledRule['severity'];
  points: number;
  per: CompiledRule['per'];
  maxPoints?: number;
  isFatal: boolean;
  isRealtime: boolean;
  isEnabled: boolean;
  /** `when`, `detect` and `require` as YAML flow text, one per line. */
  condition: string;
  /** The pack or scorecard it is included from; absent for the draft's own rules. */
  from?: string;
  /** Where the draft defines it. */
  at?: { line: number; column: number };
  isInvalid?: boolean;
};

/** A scorecard or pack of the draft, in plain data (it crosses from the rule worker to the page). */
export type OverviewDoc = {
  kind: 'scorecard' | 'pack';
  id: string;
  name: string;
  description?: string;
  scorecard?: {
    mode: string;
    passScore: number;
    alertBelow?: number;
    priority: number;
    appliesTo?: string;
    include: string[];
    /** false: it does not compile yet, so its included rules are unknown. */
    isCompiled: boolean;
  };
  own: number;
  rows: RuleRow[];
};

type RawDoc = {
  scorecard?: {
    id?: unknown;
    name?: unknown;
    description?: unknown;
    mode?: unknown;
    passScore?: unknown;
    alertBelow?: unknown;
    priority?: unknown;
    appliesTo?: unknown;
  };
  pack?: { id?: unknown; name?: unknown; description?: unknown };
  include?: unknown;
  rules?: unknown;
};

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function conditionText(rule: unknown): string {
  const r = (rule ?? {}) as { when?: unknown; detect?: unknown; require?: unknown };
  const parts: string[] = [];
  if (r.when !== undefined) parts.push(`when: ${flowYaml(r.when)}`);
  if (r.detect !== undefined) parts.push(`detect: ${flowYaml(r.detect)}`);
  if (r.require !== undefined) parts.push(`require: ${flowYaml(r.require)}`);
  return parts.join('\n');
}

function ownRows(source: RuleSource, rules: readonly unknown[]): RuleRow[] {
  return rules.map((raw, i) => {
    const at = source.locate?.(['rules', i]);
    const parsed = RuleSchema.safeParse(raw);
    const r = parsed.success ? parsed.data : undefined;
    const loose = (raw ?? {}) as { id?: unknown; name?: unknown };
    const id = r?.id ?? text(loose.id) ?? `rules[${i}]`;
    return {
      key: `own:${i}`,
      id,
      name: r?.name ?? text(loose.name) ?? id,
      category: r?.category ?? '—',
      severity: r?.severity ?? (r?.fatal ? 'critical' : 'major'),
      points: r?.points ?? 0,
      per: r?.per ?? 'conversation',
      ...(r?.maxPoints !== undefined ? { maxPoints: r.maxPoints } : {}),
      isFatal: r?.fatal ?? false,
      isRealtime: r?.realtime ?? false,
      isEnabled: r?.enabled ?? true,
      condition: conditionText(raw),
      ...(at ? { at } : {}),
      ...(r ? {} : { isInvalid: true }),
    };
  });
}

/** The document (pack or scorecard) each included rule id comes from, and its text, following includes of includes. */
function includedFrom(
  include: readonly unknown[],
  sources: readonly RuleSource[],
): Map<string, { from: string; raw: unknown }> {
  const docs = new Map<string, RawDoc>();
  // Non-library files first: they override a shipped pack of the same id, as the compiler does.
  for (const s of [...sources].sort((a, b) => Number(a.isLibrary ?? false) - Number(b.isLibrary ?? false))) {
    const doc = (s.value ?? {}) as RawDoc;
    const id = text(doc.scorecard?.id) ?? text(doc.pack?.id);
    if (id !== undefined && !docs.has(id)) docs.set(id, doc);
  }
  const out = new Map<string, { from: string; raw: unknown }>();
  const seen = new Set<string>();
  const visit = (ids: readonly unknown[]) => {
    for (const id of ids) {
      if (typeof id !== 'string' || seen.has(id)) continue;
      seen.add(id);
      const doc = docs.get(id);
      if (!doc) continue;
      visit(list(doc.include));
      for (const rule of list(doc.rules)) {
        const ruleId = text((rule as { id?: unknown } | null)?.id);
        if (ruleId !== undefined) out.set(ruleId, { from: id, raw: rule });
      }
    }
  };
  visit(include);
  return out;
}

const includedRow = (rule: CompiledRule, origin: { from: string; raw: unknown } | undefined): RuleRow => ({
  key: `inc:${rule.id}`,
  id: rule.id,
  name: rule.name,
  category: rule.category,
  severity: rule.severity,
  points: rule.points,
  per: rule.per,
  ...(rule.maxPoints !== undefined ? { maxPoints: rule.maxPoints } : {}),
  isFatal: rule.isFatal,
  isRealtime: rule.isRealtime,
  isEnabled: rule.isEnabled,
  condition: origin ? conditionText(origin.raw) : '',
  ...(origin ? { from: origin.from } : {}),
});

/**
 * The draft's scorecards and packs as the overview shows them: settings, the draft's own rules (with
 * where they are), then the rules its includes bring in (from the compiled scorecard).
 */
export function overviewOf(check: DraftCheck): OverviewDoc[] {
  return check.draftSources.map((source) => {
    const doc = (source.value ?? {}) as RawDoc;
    const own = ownRows(source, list(doc.rules));
    const card = doc.scorecard;
    const header = card ?? doc.pack ?? {};
    const id = text(header.id) ?? '?';
    const base = {
      id,
      name: text(header.name) ?? id,
      ...(text(header.description) ? { description: text(header.description) } : {}),
      own: own.length,
    };
    if (!card) return { ...base, kind: 'pack' as const, rows: own };
    const compiled = check.ruleSet.scorecards.find((s) => s.id === id && s.file === source.file);
    const ownIds = new Set(own.map((r) => r.id));
    const from = includedFrom(list(doc.include), check.sources);
    const included = (compiled?.rules ?? [])
      .filter((r) => !ownIds.has(r.id))
      .map((r) => includedRow(r, from.get(r.id)));
    return {
      ...base,
      kind: 'scorecard' as const,
      scorecard: {
        mode: text(card.mode) ?? 'deduction',
        passScore: num(card.passScore) ?? 80,
        ...(num(card.alertBelow) !== undefined ? { alertBelow: num(card.alertBelow) } : {}),
        priority: num(card.priority) ?? 0,
        ...(card.appliesTo !== undefined ? { appliesTo: flowYaml(card.appliesTo) } : {}),
        include: list(doc.include).map(String),
        isCompiled: compiled !== undefined,
      },
      rows: [...own, ...included],
    };
  });
}
