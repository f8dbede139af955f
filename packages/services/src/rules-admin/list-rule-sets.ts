import { type CompileOptions, compileRuleSet, parseRuleText, type RuleSource } from '@serviq/core';
import { readRuleFiles } from '../rule-files.ts';
import { type Actor, authorize } from '../service/actor.ts';
import type { ServiceContext } from '../service/service-context.ts';

export type ScorecardSummary = { id: string; name: string; ruleCount: number };

export type RuleSetSummary = {
  id: string;
  name: string;
  publishedVersion: number | null;
  latestVersion: number;
  isActive: boolean;
  updatedAt: string;
  /** The scorecards the published version defines (none for a pack, or before anything is published). */
  scorecards: ScorecardSummary[];
};

type Row = {
  id: string;
  name: string;
  published_version: number | null;
  latest_version: number | null;
  is_active: boolean;
  updated_at: Date;
  file_name: string | null;
  source: string | null;
};

/**
 * Every rule set, by id, with the scorecards of its published version. `compile`: what the
 * runtime compiles with (its emoji table), so rule counts match analysis.
 */
export async function listRuleSets(
  ctx: ServiceContext,
  actor: Actor,
  compile: CompileOptions = {},
): Promise<RuleSetSummary[]> {
  authorize(actor, 'rules:read');
  const { rows } = await ctx.db.query<Row>(
    `SELECT s.id, s.name, s.published_version, s.is_active, s.updated_at,
       (SELECT max(version) FROM rule_set_versions v WHERE v.rule_set_id = s.id) AS latest_version,
       p.file_name, p.source
     FROM rule_sets s LEFT JOIN rule_set_versions p ON p.rule_set_id = s.id AND p.version = s.published_version
     ORDER BY s.id`,
  );
  const scorecards = scorecardsOf(rows, compile);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    publishedVersion: r.published_version,
    latestVersion: r.latest_version ?? 0,
    isActive: r.is_active,
    updatedAt: r.updated_at.toISOString(),
    scorecards: scorecards.get(r.id) ?? [],
  }));
}

let last:
  | (Pick<CompileOptions, 'emojiTable' | 'kinds'> & {
      key: string;
      scorecards: Map<string, ScorecardSummary[]>;
    })
  | undefined;

/**
 * Each published file is compiled on its own with the other active published files and the shipped
 * packs as a library, so a scorecard that includes another rule set's pack still compiles (and an
 * inactive rule set's scorecards are listed too). Every file is parsed once.
 */
function scorecardsOf(rows: readonly Row[], compile: CompileOptions): Map<string, ScorecardSummary[]> {
  // Compiling takes a while and what is published rarely changes: the last answer is kept.
  const key = JSON.stringify(rows.map((r) => [r.id, r.is_active, r.file_name, r.source]));
  if (last?.key === key && last.emojiTable === compile.emojiTable && last.kinds === compile.kinds)
    return last.scorecards;
  const parsed = rows.flatMap((r) =>
    r.source === null ? [] : [{ row: r, sources: parseRuleText(r.id, r.source).sources }],
  );
  const library: RuleSource[] = readRuleFiles(undefined).flatMap((f) =>
    parseRuleText(f.file, f.text).sources.map((s) => ({ ...s, isLibrary: true })),
  );
  const out = new Map<string, ScorecardSummary[]>();
  for (const { row, sources } of parsed) {
    const others = parsed
      .filter((p) => p.row !== row && p.row.is_active)
      .flatMap((p) => p.sources.map((s) => ({ ...s, isLibrary: true })));
    const { ruleSet } = compileRuleSet([...sources, ...others, ...library], compile);
    out.set(
      row.id,
      ruleSet.scorecards.map((c) => ({ id: c.id, name: c.name, ruleCount: c.rules.length })),
    );
  }
  last = { key, emojiTable: compile.emojiTable, kinds: compile.kinds, scorecards: out };
  return out;
}
