import { type PrivacySettings, SettingsSchema, type SlaSettings } from '@serviq/contracts';
import { PII_KINDS } from '@serviq/core';
import type { Queryable } from '@serviq/storage';
import { type Actor, authorize } from '../service/actor.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';

export type Settings = {
  privacy: PrivacySettings;
  retention: { days: number | null };
  /** null: the analysis config file's SLA, or the built-in targets, apply. */
  sla: SlaSettings | null;
};

const KEYS = ['privacy', 'retention', 'sla'] as const;

/** Redaction is on by default (DESIGN §9); conversations are kept until a retention is set. */
const DEFAULTS: Settings = {
  privacy: { isRedacting: true, piiKinds: [...PII_KINDS] },
  retention: { days: null },
  sla: null,
};

/** The settings as stored, over their defaults; analysis reads its privacy and SLA settings here too. */
export async function readSettings(db: Queryable): Promise<Settings> {
  const { rows } = await db.query<{ key: keyof Settings; value: unknown }>(
    'SELECT key, value FROM settings WHERE key = ANY($1::text[])',
    [KEYS],
  );
  const out: Settings = { ...DEFAULTS };
  for (const r of rows) Object.assign(out, { [r.key]: { ...DEFAULTS[r.key], ...(r.value as object) } });
  return out;
}

export async function getSettings(ctx: ServiceContext, actor: Actor): Promise<Settings> {
  authorize(actor, 'settings:manage');
  return readSettings(ctx.db);
}

/** Changes privacy, retention and SLA settings; each change is audited with before and after. */
export async function updateSettings(ctx: ServiceContext, actor: Actor, input: unknown): Promise<Settings> {
  authorize(actor, 'settings:manage');
  const patch = parseInput(SettingsSchema, input ?? {});
  const before = await readSettings(ctx.db);
  await ctx.db.transaction(async (tx) => {
    for (const key of KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      // Only the SLA may be null: its row goes, and the default (the config file's SLA) applies again.
      if (value === null) await tx.query('DELETE FROM settings WHERE key = $1', [key]);
      else
        await tx.query(
          `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
          [key, JSON.stringify(value)],
        );
      await recordAudit(tx, actor, {
        action: 'settings.update',
        entity: 'settings',
        entityId: key,
        before: before[key],
        after: value,
      });
    }
  });
  return readSettings(ctx.db);
}
