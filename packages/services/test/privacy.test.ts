import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Database } from '@serviq/storage';
import { openTestDatabase, TEST_DRIVERS } from '@serviq/storage/testing';
import { applyRetention } from '../src/privacy/apply-retention.ts';
import { isAppError } from '../src/service/app-error.ts';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A conversation with one message, an analysis and a rule hit, so the cascade can be checked. */
async function addConversation(db: Database, n: number, startedAt: number, endedAt: number): Promise<void> {
  const id = uuid(n);
  const started = new Date(startedAt).toISOString();
  await db.query(
    `INSERT INTO conversations (id, source, external_id, channel, started_at, ended_at)
     VALUES ($1, 'test', $2, 'chat', $3, $4)`,
    [id, `c${n}`, started, new Date(endedAt).toISOString()],
  );
  await db.query(
    `INSERT INTO messages (conversation_id, external_id, seq, at, role, text) VALUES ($1, 'm0', 0, $2, 'customer', '你好')`,
    [id, started],
  );
  await db.query(`INSERT INTO analyses (conversation_id, result) VALUES ($1, '{}')`, [id]);
  await db.query(
    `INSERT INTO rule_hits (conversation_id, rule, name, category, severity, points, started_at)
     VALUES ($1, 'r1', 'Rule', 'c', 'minor', -1, $2)`,
    [id, started],
  );
}

async function count(db: Database, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}

for (const driver of TEST_DRIVERS) {
  describe(`applyRetention on ${driver.name}`, () => {
    it('deletes conversations that ended before the cutoff, in batches, with what hangs off them', async () => {
      const db = await openTestDatabase(driver);
      // 30 days: the cutoff is 2026-02-08 12:00 UTC.
      const cutoff = NOW - 30 * DAY;
      const h0 = Date.UTC(2026, 0, 5, 9, 0, 0);
      const h1 = Date.UTC(2026, 1, 8, 11, 0, 0);
      await addConversation(db, 1, h0 + 5 * 60_000, h0 + 20 * 60_000);
      await addConversation(db, 2, h0 + 59 * 60_000, h0 + 70 * 60_000);
      await addConversation(db, 3, h0 - 1, h0 + 60_000); // 08:59:59.999: the hour before
      await addConversation(db, 4, h1 + 30 * 60_000, cutoff - 1);
      await addConversation(db, 5, h1 + 10 * 60_000, cutoff - 60_000);
      // Ended exactly at the cutoff or later: kept, even when it started long before.
      await addConversation(db, 6, h0, cutoff);
      await addConversation(db, 7, cutoff - 3 * DAY, cutoff + HOUR);
      await addConversation(db, 8, NOW - HOUR, NOW);

      const outcome = await applyRetention({ db, now: () => NOW }, { days: 30, batchSize: 2 });
      assert.deepEqual(outcome, { deleted: 5, hours: [h0 - HOUR, h0, h1] });

      const { rows } = await db.query<{ external_id: string }>(
        'SELECT external_id FROM conversations ORDER BY external_id',
      );
      assert.deepEqual(
        rows.map((r) => r.external_id),
        ['c6', 'c7', 'c8'],
      );
      for (const table of ['messages', 'analyses', 'rule_hits'])
        assert.equal(await count(db, table), 3, table);

      const audit = await db.query<{ actor: string; action: string; entity: string; after: unknown }>(
        'SELECT actor, action, entity, after FROM audit_log',
      );
      assert.deepEqual(audit.rows, [
        {
          actor: 'system',
          action: 'retention.apply',
          entity: 'conversations',
          after: { days: 30, cutoff: new Date(cutoff).toISOString(), deleted: 5 },
        },
      ]);
    });

    it('records a run that finds nothing, and deletes a batch-sized backlog completely', async () => {
      const db = await openTestDatabase(driver);
      assert.deepEqual(await applyRetention({ db, now: () => NOW }, { days: 7 }), { deleted: 0, hours: [] });
      const old = NOW - 100 * DAY;
      for (let n = 1; n <= 4; n++) await addConversation(db, n, old + n * HOUR, old + n * HOUR + 60_000);
      const outcome = await applyRetention({ db, now: () => NOW }, { days: 7, batchSize: 4 });
      assert.deepEqual(outcome, { deleted: 4, hours: [1, 2, 3, 4].map((n) => old + n * HOUR) });
      assert.equal(await count(db, 'conversations'), 0);
      const { rows } = await db.query<{ after: { deleted: number } }>(
        'SELECT after FROM audit_log ORDER BY id',
      );
      assert.deepEqual(
        rows.map((r) => r.after.deleted),
        [0, 4],
      );
    });

    it('refuses a retention shorter than a day or a batch size that is not a positive whole number', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => NOW };
      for (const options of [{ days: 0 }, { days: 1.5 }, { days: Number.NaN }, { days: 30, batchSize: 0 }]) {
        await assert.rejects(applyRetention(ctx, options), (e) => isAppError(e) && e.code === 'invalid');
      }
      assert.equal(await count(db, 'audit_log'), 0);
    });
  });
}
