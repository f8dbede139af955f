import { createHash } from 'node:crypto';
import { type SaveRuleSetDraft, SaveRuleSetDraftSchema } from '@serviq/contracts';
import type { CompileOptions } from '@serviq/core';
import { type Actor, authorize } from '../service/actor.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { checkRuleFiles, publishedFilesWith, type RuleWarning } from './check-rule-files.ts';
import { checkSourceSize } from './rule-set-schema.ts';

export type SavedRuleSetDraft = {
  id: string;
  /** The version saved, or the latest one when the text and file name were the same as it. */
  version: number;
  isNewVersion: boolean;
  /** What analysis uses until a version is published; a draft changes nothing there. */
  publishedVersion: number | null;
  warnings: RuleWarning[];
};

type Latest = {
  name: string;
  published_version: number | null;
  version: number | null;
  file_name: string | null;
  source: string | null;
};

/**
 * Saves a rule file as the rule set's next version (creating the rule set on its first save),
 * after checking that it compiles together with the other published rule sets and the shipped
 * packs. Nothing is published. The audit row records the version numbers, the file name, the
 * note and the text's sha256 and size, not the text itself (the version row keeps that).
 * `compile`: what the runtime compiles with (its emoji table).
 */
export async function saveRuleSetDraft(
  ctx: ServiceContext,
  actor: Actor,
  input: SaveRuleSetDraft,
  compile: CompileOptions = {},
): Promise<SavedRuleSetDraft> {
  authorize(actor, 'rules:write');
  checkSourceSize(input?.source);
  const draft = parseInput(SaveRuleSetDraftSchema, input);
  const fileName = draft.fileName ?? `${draft.id}.yaml`;
  // Checked before the transaction, so no lock is held while compiling; publishing checks again.
  const files = await publishedFilesWith(ctx.db, {
    ruleSetId: draft.id,
    file: { file: fileName, text: draft.source },
  });
  const { warnings } = checkRuleFiles(files, draft.id, compile);
  const at = new Date(ctx.now());
  return ctx.db.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO rule_sets (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING',
      [draft.id, draft.name, at],
    );
    const { rows } = await tx.query<Latest>(
      `SELECT s.name, s.published_version, v.version, v.file_name, v.source FROM rule_sets s
       LEFT JOIN LATERAL (
         SELECT version, file_name, source FROM rule_set_versions
         WHERE rule_set_id = s.id ORDER BY version DESC LIMIT 1
       ) v ON TRUE
       WHERE s.id = $1 FOR UPDATE OF s`,
      [draft.id],
    );
    const latest = rows[0] as Latest;
    const saved = { id: draft.id, publishedVersion: latest.published_version, warnings };
    const isSameText = latest.source === draft.source && latest.file_name === fileName;
    if (isSameText && latest.version !== null) {
      if (latest.name !== draft.name) {
        await tx.query('UPDATE rule_sets SET name = $2, updated_at = $3 WHERE id = $1', [
          draft.id,
          draft.name,
          at,
        ]);
        await recordAudit(tx, actor, {
          action: 'rule_set.rename',
          entity: 'rule_set',
          entityId: draft.id,
          before: { name: latest.name },
          after: { name: draft.name },
        });
      }
      return { ...saved, version: latest.version, isNewVersion: false };
    }
    const version = (latest.version ?? 0) + 1;
    await tx.query(
      `INSERT INTO rule_set_versions (rule_set_id, version, source, file_name, note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        draft.id,
        version,
        draft.source,
        fileName,
        draft.note ?? null,
        actor.kind === 'user' ? actor.userId : null,
        at,
      ],
    );
    await tx.query('UPDATE rule_sets SET name = $2, updated_at = $3 WHERE id = $1', [
      draft.id,
      draft.name,
      at,
    ]);
    await recordAudit(tx, actor, {
      action: 'rule_set.save',
      entity: 'rule_set',
      entityId: draft.id,
      ...(latest.version === null ? {} : { before: { version: latest.version, name: latest.name } }),
      after: {
        version,
        name: draft.name,
        fileName,
        note: draft.note ?? null,
        sha256: createHash('sha256').update(draft.source).digest('hex'),
        bytes: Buffer.byteLength(draft.source, 'utf8'),
      },
    });
    return { ...saved, version, isNewVersion: true };
  });
}
