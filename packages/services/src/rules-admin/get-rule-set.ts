import { type GetRuleSet, GetRuleSetSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { parseRuleSetId } from './rule-set-schema.ts';

export type RuleSetVersionSummary = {
  version: number;
  fileName: string;
  note: string | null;
  /** The user who saved it; null when the service (seeding) or an API token did. */
  createdBy: number | null;
  createdAt: string;
};

export type RuleSetDetail = {
  id: string;
  name: string;
  publishedVersion: number | null;
  latestVersion: number;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  /** The version asked for (the latest by default), with its text. */
  version: RuleSetVersionSummary & { source: string };
  /** Every version, newest first. */
  versions: RuleSetVersionSummary[];
};

type VersionRow = {
  version: number;
  file_name: string;
  note: string | null;
  created_by: number | string | null;
  created_at: Date;
};

const toVersion = (r: VersionRow): RuleSetVersionSummary => ({
  version: r.version,
  fileName: r.file_name,
  note: r.note,
  createdBy: r.created_by === null ? null : Number(r.created_by),
  createdAt: r.created_at.toISOString(),
});

export async function getRuleSet(
  ctx: ServiceContext,
  actor: Actor,
  ruleSetId: string,
  input: GetRuleSet = {},
): Promise<RuleSetDetail> {
  authorize(actor, 'rules:read');
  const id = parseRuleSetId(ruleSetId);
  const { version: asked } = parseInput(GetRuleSetSchema, input);
  const set = await ctx.db.query<{
    name: string;
    published_version: number | null;
    is_active: boolean;
    created_at: Date;
    updated_at: Date;
  }>('SELECT name, published_version, is_active, created_at, updated_at FROM rule_sets WHERE id = $1', [id]);
  const row = set.rows[0];
  if (!row) throw new AppError('not_found', `there is no rule set ${id}`);
  const { rows: versions } = await ctx.db.query<VersionRow>(
    `SELECT version, file_name, note, created_by, created_at FROM rule_set_versions
     WHERE rule_set_id = $1 ORDER BY version DESC`,
    [id],
  );
  const latest = versions[0]?.version ?? 0;
  const wanted = asked ?? latest;
  const text = await ctx.db.query<VersionRow & { source: string }>(
    `SELECT version, file_name, note, created_by, created_at, source FROM rule_set_versions
     WHERE rule_set_id = $1 AND version = $2`,
    [id, wanted],
  );
  const current = text.rows[0];
  if (!current)
    throw new AppError('not_found', `rule set ${id} has no version ${wanted}`, { field: 'version' });
  return {
    id,
    name: row.name,
    publishedVersion: row.published_version,
    latestVersion: latest,
    isActive: row.is_active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: { ...toVersion(current), source: current.source },
    versions: versions.map(toVersion),
  };
}
