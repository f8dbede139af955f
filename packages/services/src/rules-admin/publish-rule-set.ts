import { type PublishRuleSet, PublishRuleSetSchema } from '@serviq/contracts';
import type { CompileOptions } from '@serviq/core';
import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { checkRuleFiles, lockRuleSets, publishedFilesWith } from './check-rule-files.ts';
import { newGeneration } from './job-record.ts';
import { parseRuleSetId } from './rule-set-schema.ts';

export type PublishedRuleSet = {
  id: string;
  version: number;
  previousVersion: number | null;
  /**
   * The new rule generation and the queued rescore job (run it with runRescoreJob); both null when
   * what analysis uses did not change (the version was already published, or the rule set is inactive).
   */
  generation: number | null;
  jobId: number | null;
};

/**
 * Publishes a version of a rule set: it must compile together with the other published rule sets
 * and the shipped packs. Analysis takes it up with the new generation; stored conversations are
 * re-scored by the job it queues.
 */
export async function publishRuleSet(
  ctx: ServiceContext,
  actor: Actor,
  ruleSetId: string,
  input: PublishRuleSet = {},
  compile: CompileOptions = {},
): Promise<PublishedRuleSet> {
  authorize(actor, 'rules:write');
  const id = parseRuleSetId(ruleSetId);
  const { version: asked } = parseInput(PublishRuleSetSchema, input);
  const at = new Date(ctx.now());
  return ctx.db.transaction(async (tx) => {
    await lockRuleSets(ctx.db, tx);
    const { rows } = await tx.query<{ published_version: number | null; is_active: boolean; latest: number }>(
      `SELECT published_version, is_active,
         (SELECT max(version) FROM rule_set_versions WHERE rule_set_id = s.id) AS latest
       FROM rule_sets s WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const set = rows[0];
    if (!set) throw new AppError('not_found', `there is no rule set ${id}`);
    const version = asked ?? set.latest;
    const found = await tx.query<{ file_name: string; source: string }>(
      'SELECT file_name, source FROM rule_set_versions WHERE rule_set_id = $1 AND version = $2',
      [id, version],
    );
    const file = found.rows[0];
    if (!file)
      throw new AppError('not_found', `rule set ${id} has no version ${version}`, { field: 'version' });
    const previousVersion = set.published_version;
    if (previousVersion === version) return { id, version, previousVersion, generation: null, jobId: null };
    const files = await publishedFilesWith(tx, {
      ruleSetId: id,
      file: { file: file.file_name, text: file.source },
    });
    checkRuleFiles(files, id, compile);
    await tx.query('UPDATE rule_sets SET published_version = $2, updated_at = $3 WHERE id = $1', [
      id,
      version,
      at,
    ]);
    // An inactive rule set's published version waits for activation, which makes the generation.
    const change = set.is_active ? await newGeneration(tx, actor, at) : null;
    await recordAudit(tx, actor, {
      action: 'rule_set.publish',
      entity: 'rule_set',
      entityId: id,
      before: { publishedVersion: previousVersion },
      after: {
        publishedVersion: version,
        generation: change?.generation ?? null,
        jobId: change?.jobId ?? null,
      },
    });
    return {
      id,
      version,
      previousVersion,
      generation: change?.generation ?? null,
      jobId: change?.jobId ?? null,
    };
  });
}
