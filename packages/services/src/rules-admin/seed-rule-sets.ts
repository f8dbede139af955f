import { basename, extname } from 'node:path';
import { parseRuleText } from '@serviq/core';
import { readRuleFiles } from '../rule-files.ts';
import { recordAudit } from '../service/audit.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { lockRuleSets } from './check-rule-files.ts';

export type SeedOutcome = {
  /** The rule sets created, by id; empty when rule sets existed already. */
  seeded: string[];
  /** The generation they were published under; null when nothing was seeded. */
  generation: number | null;
};

/** The scorecard's or pack's name in a rule file, so the list shows what the file calls itself. */
function nameOf(file: string, text: string, fallback: string): string {
  const value = parseRuleText(file, text).sources[0]?.value as
    | { scorecard?: { name?: unknown }; pack?: { name?: unknown } }
    | undefined;
  const name = value?.scorecard?.name ?? value?.pack?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : fallback;
}

/**
 * On first start (no rule sets at all), stores every shipped pack as a rule set of its own (id: the
 * file's base name, e.g. zh-chat), version 1, published, under one new generation: from then on
 * people edit them like their own. Analysis is the same before and after (the same files), so no
 * rescore is queued. Two processes starting together take turns; the second finds the rows and
 * does nothing.
 */
export async function seedShippedRuleSets(ctx: ServiceContext): Promise<SeedOutcome> {
  const packs = readRuleFiles(undefined).map((f) => {
    const id = basename(f.file, extname(f.file));
    return { id, fileName: basename(f.file), text: f.text, name: nameOf(f.file, f.text, id) };
  });
  const at = new Date(ctx.now());
  const none: SeedOutcome = { seeded: [], generation: null };
  return ctx.db.transaction(async (tx) => {
    await lockRuleSets(ctx.db, tx);
    const existing = await tx.query('SELECT 1 FROM rule_sets LIMIT 1');
    if (existing.rows.length > 0) return none;
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO rule_sets (id, name, published_version, created_at, updated_at)
       SELECT id, name, 1, $3, $3 FROM unnest($1::text[], $2::text[]) AS p (id, name)
       ON CONFLICT DO NOTHING RETURNING id`,
      [packs.map((p) => p.id), packs.map((p) => p.name), at],
    );
    const created = new Set(rows.map((r) => r.id));
    const seeded = packs.filter((p) => created.has(p.id));
    if (seeded.length === 0) return none;
    await tx.query(
      `INSERT INTO rule_set_versions (rule_set_id, version, source, file_name, note, created_at)
       SELECT id, 1, source, file_name, 'shipped pack', $4
       FROM unnest($1::text[], $2::text[], $3::text[]) AS p (id, source, file_name)
       ON CONFLICT DO NOTHING`,
      [seeded.map((p) => p.id), seeded.map((p) => p.text), seeded.map((p) => p.fileName), at],
    );
    const gen = await tx.query<{ id: number | string }>(
      'INSERT INTO rule_generations (created_at) VALUES ($1) RETURNING id',
      [at],
    );
    const generation = Number(gen.rows[0]?.id);
    for (const p of seeded)
      await recordAudit(
        tx,
        { kind: 'system' },
        {
          action: 'rule_set.seed',
          entity: 'rule_set',
          entityId: p.id,
          after: { version: 1, publishedVersion: 1, name: p.name, fileName: p.fileName, generation },
        },
      );
    return { seeded: seeded.map((p) => p.id), generation };
  });
}
