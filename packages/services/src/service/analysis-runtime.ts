import type { PrivacySettings, SlaSettings } from '@serviq/contracts';
import { type AnalysisContext, CHANNELS, DEFAULT_SLA, type SlaOptions } from '@serviq/core';
import type { Queryable } from '@serviq/storage';
import { type AnalysisConfig, buildAnalysisContext } from '../analysis-config.ts';
import { compileRuleFiles, type RuleFileText, readRuleFiles } from '../rule-files.ts';
import { readSettings } from '../settings/service-settings.ts';

/**
 * What analysis runs with right now: the published rules, the analysis config (its SLA replaced by the
 * SLA settings when they are set) and the privacy settings.
 */
export type AnalysisRuntime = {
  /** The rule_generations id the rules were published under; null before anything was published. */
  generation: number | null;
  files: RuleFileText[];
  config: AnalysisConfig;
  context: AnalysisContext;
  privacy: PrivacySettings;
  /** `scorecard\u0000rule` of every enabled rule marked realtime. */
  realtime: ReadonlySet<string>;
};

/**
 * The published version of every active rule set, with the shipped packs as a library they may
 * include; the shipped packs themselves until anything is published.
 */
export async function readPublishedRules(
  db: Queryable,
): Promise<{ generation: number | null; files: RuleFileText[] }> {
  const gen = await db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM rule_generations');
  const { rows } = await db.query<{ rule_set_id: string; file_name: string; source: string }>(
    `SELECT v.rule_set_id, v.file_name, v.source FROM rule_sets s
     JOIN rule_set_versions v ON v.rule_set_id = s.id AND v.version = s.published_version
     WHERE s.is_active ORDER BY s.id`,
  );
  const generation = gen.rows[0]?.id ? Number(gen.rows[0].id) : null;
  const builtin = readRuleFiles(undefined);
  if (generation === null) return { generation, files: builtin };
  const own = rows.map((r) => ({ file: r.file_name, text: r.source }));
  return { generation, files: [...own, ...builtin.map((f) => ({ ...f, isLibrary: true }))] };
}

/** The SLA settings as analysis takes them: every channel's target, each counted in the business hours. */
export function slaOptionsOf(settings: SlaSettings): SlaOptions {
  const { targets, businessHours } = settings;
  const options: SlaOptions = {};
  for (const channel of CHANNELS) {
    const own = targets[channel];
    const target =
      own !== undefined ? own : targets.default !== undefined ? targets.default : DEFAULT_SLA[channel];
    options[channel] = target ? { ...target, ...(businessHours ? { businessHours } : {}) } : null;
  }
  return options;
}

// Live ingestion asks for the runtime on every message; the database is asked at most this often.
const RECHECK_MS = 2_000;

/**
 * Keeps the analysis runtime current: the segmenter and models are built once, the rules are
 * compiled again only when a new generation is published.
 */
export class AnalysisRuntimes {
  private readonly base: AnalysisContext;
  private cached: AnalysisRuntime | undefined;
  private checkedAt = -Infinity;
  /** The SLA settings the cached runtime was built with, as JSON: a change rebuilds its config. */
  private slaKey = 'null';

  constructor(private readonly config: AnalysisConfig) {
    this.base = buildAnalysisContext(config);
  }

  /** Forgets the cached runtime: the next call reads the database (after a publish or a settings change). */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  async current(db: Queryable, now: number): Promise<AnalysisRuntime> {
    if (this.cached && now - this.checkedAt < RECHECK_MS) return this.cached;
    const [{ generation, files }, { privacy, sla }] = await Promise.all([
      readPublishedRules(db),
      readSettings(db),
    ]);
    this.checkedAt = now;
    const slaKey = JSON.stringify(sla);
    if (this.cached && this.cached.generation === generation && this.slaKey === slaKey) {
      this.cached = { ...this.cached, privacy };
      return this.cached;
    }
    this.slaKey = slaKey;
    // A new config object (import worker pools restart on it) only when the SLA settings changed.
    const config =
      sla === null ? this.config : { ...this.config, sla: slaOptionsOf(sla) as AnalysisConfig['sla'] };
    if (this.cached && this.cached.generation === generation) {
      this.cached = { ...this.cached, config, context: withSla(this.cached.context, config), privacy };
      return this.cached;
    }
    const { ruleSet, issues } = compileRuleFiles(
      files,
      this.base.emojiTable ? { emojiTable: this.base.emojiTable } : {},
    );
    const error = issues.find((i) => i.severity === 'error');
    // Publishing refuses rules with errors, so this is a file edited behind the service's back.
    if (error) throw new Error(`published rules do not compile: ${error.file}: ${error.message}`);
    const realtime = new Set<string>();
    for (const card of ruleSet.scorecards)
      for (const rule of card.rules)
        if (rule.isRealtime && rule.isEnabled) realtime.add(`${card.id}\u0000${rule.id}`);
    this.cached = {
      generation,
      files,
      config,
      context: withSla({ ...this.base, ruleSet }, config),
      privacy,
      realtime,
    };
    return this.cached;
  }
}

/** The context with the config's SLA in place of the one it was built with. */
function withSla(context: AnalysisContext, config: AnalysisConfig): AnalysisContext {
  const { metrics: _metrics, ...rest } = context;
  return config.sla ? { ...rest, metrics: { sla: config.sla } } : rest;
}
