import type { CompileOptions } from '@serviq/core';
import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { checkRuleFiles, lockRuleSets, publishedFilesWith } from './check-rule-files.ts';
import { newGeneration } from './job-record.ts';
import { parseRuleSetId } from './rule-set-schema.ts';

export type RuleSetActivation = {
  id: string;
  isActive: boolean;
  /** The new generation and its rescore job; null when analysis did not change (no change, or nothing published). */
  generation: number | null;
  jobId: number | null;
};

/**
 * Activates or deactivates a rule set. Refused when the published rules would then not compile
 * (another scorecard includes a pack of the rule set being deactivated, or the one activated clashes).
 */
export async function setRuleSetActive(
  ctx: ServiceContext,
  actor: Actor,
  ruleSetId: string,
  isActive: boolean,
  compile: CompileOptions = {},
): Promise<RuleSetActivation> {
  authorize(actor, 'rules:write');
  const id = parseRuleSetId(ruleSetId);
  if (typeof isActive !== 'boolean')
    throw new AppError('invalid', 'isActive: expected true or false', { field: 'isActive' });
  const at = new Date(ctx.now());
  return ctx.db.transaction(async (tx) => {
    await lockRuleSets(ctx.db, tx);
    const { rows } = await tx.query<{
      is_active: boolean;
      published_version: number | null;
      file_name: string | null;
      source: string | null;
    }>(
      `SELECT s.is_active, s.published_version, v.file_name, v.source FROM rule_sets s
       LEFT JOIN rule_set_versions v ON v.rule_set_id = s.id AND v.version = s.published_version
       WHERE s.id = $1 FOR UPDATE OF s`,
      [id],
    );
    const set = rows[0];
    if (!set) throw new AppError('not_found', `there is no rule set ${id}`);
    if (set.is_active === isActive) return { id, isActive, generation: null, jobId: null };
    const published =
      set.file_name !== null && set.source !== null ? { file: set.file_name, text: set.source } : null;
    if (published) {
      const files = await publishedFilesWith(tx, { ruleSetId: id, file: isActive ? published : null });
      checkRuleFiles(files, id, compile);
    }
    await tx.query('UPDATE rule_sets SET is_active = $2, updated_at = $3 WHERE id = $1', [id, isActive, at]);
    const change = published ? await newGeneration(tx, actor, at) : null;
    await recordAudit(tx, actor, {
      action: isActive ? 'rule_set.activate' : 'rule_set.deactivate',
      entity: 'rule_set',
      entityId: id,
      before: { isActive: set.is_active },
      after: { isActive, generation: change?.generation ?? null, jobId: change?.jobId ?? null },
    });
    return { id, isActive, generation: change?.generation ?? null, jobId: change?.jobId ?? null };
  });
}
