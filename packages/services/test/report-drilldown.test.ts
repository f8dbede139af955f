import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { generateDemo } from '@serviq/core';
import {
  type Actor,
  AnalysisConfigSchema,
  AnalysisRuntimes,
  getReport,
  importConversations,
  listConversations,
  refreshAllRollups,
} from '@serviq/services';
import { openTestDatabase, TEST_DRIVERS } from '@serviq/storage/testing';

// The dashboard opens the conversations behind a report figure with the list's filters: these tests
// check that the list selects exactly the conversations the report counted.

const ADMIN: Actor = { kind: 'user', userId: 1, role: 'admin', agentId: null, teamIds: [] };
const system: Actor = { kind: 'system' };
const demo = [...generateDemo({ conversations: 80, seed: 11, lang: 'mixed', days: 3 })];
const jsonl = `${demo.map((r) => JSON.stringify(r)).join('\n')}\n`;

for (const driver of TEST_DRIVERS) {
  describe(`report drill-down on ${driver.name}`, () => {
    const ctx = { db: undefined as never, now: () => Date.UTC(2026, 0, 1) };
    let range: { from: string; to: string };
    const total = async (filter: Record<string, unknown>) =>
      (await listConversations(ctx, ADMIN, { ...range, ...filter, withTotal: 'true', limit: 1 })).total;

    before(async () => {
      ctx.db = (await openTestDatabase(driver)) as never;
      const runtime = await new AnalysisRuntimes(AnalysisConfigSchema.parse({})).current(ctx.db, ctx.now());
      await importConversations(ctx, system, Readable.from([Buffer.from(jsonl)]), { runtime });
      await refreshAllRollups(ctx);
      // The report answers whole hours; the list, given them, covers the same conversations.
      const whole = await getReport(ctx, ADMIN, { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' });
      range = { from: whole.from, to: whole.to };
    });

    it('lists every rule a report counts when asked for all of them, with the conversations behind each', async () => {
      const short = await getReport(ctx, ADMIN, range);
      const all = await getReport(ctx, ADMIN, { ...range, topHits: 1000 });
      const hits = all.rows[0]?.topHits ?? [];
      assert.equal(short.rows[0]?.topHits.length, 10);
      assert.ok(hits.length > 10, `${hits.length} rules hit`);
      assert.deepEqual(short.rows[0]?.topHits, hits.slice(0, 10));
      for (const hit of hits) assert.equal(await total({ rule: hit.rule }), hit.count, hit.rule);

      const byTeam = await getReport(ctx, ADMIN, { ...range, groupBy: 'team', topHits: 2 });
      assert.ok(byTeam.rows.every((r) => r.topHits.length <= 2));
      assert.ok(byTeam.rows.some((r) => r.topHits.length === 2));
      // None asked: the same figures without rules.
      const bare = await getReport(ctx, ADMIN, { ...range, groupBy: 'team', topHits: 0 });
      assert.deepEqual(
        bare.rows,
        byTeam.rows.map((r) => ({ ...r, topHits: [] })),
      );
    });

    it('selects the conversations ending with a negative customer as negativeEndRate counts them', async () => {
      const [row] = (await getReport(ctx, ADMIN, range)).rows;
      const negative = Number(await total({ isNegativeEnd: 'true' }));
      const other = Number(await total({ isNegativeEnd: 'false' }));
      assert.ok(negative > 0 && other > 0, `${negative} negative, ${other} not`);
      assert.equal(row?.negativeEndRate, Math.round((negative / (negative + other)) * 1000) / 1000);
      // Combined with another filter, per team.
      for (const team of (await getReport(ctx, ADMIN, { ...range, groupBy: 'team' })).rows) {
        if (team.key === null) continue;
        const n = Number(await total({ team: team.key, isNegativeEnd: 'true' }));
        const m = Number(await total({ team: team.key, isNegativeEnd: 'false' }));
        assert.equal(team.negativeEndRate, n + m ? Math.round((n / (n + m)) * 1000) / 1000 : null, team.key);
      }
    });

    it('counts per team, channel and queue what the list finds with the same filter', async () => {
      for (const [groupBy, filter] of [
        ['team', 'team'],
        ['channel', 'channel'],
        ['queue', 'queue'],
      ] as const) {
        const { rows } = await getReport(ctx, ADMIN, { ...range, groupBy });
        for (const row of rows) {
          if (row.key === null) continue;
          assert.equal(await total({ [filter]: row.key }), row.volume.conversations, `${groupBy} ${row.key}`);
        }
      }
    });

    it('refuses a topHits outside 0–1000 and an isNegativeEnd that is not a boolean', async () => {
      for (const topHits of [-1, 1001, 'many'])
        await assert.rejects(getReport(ctx, ADMIN, { ...range, topHits } as never), /topHits/);
      await assert.rejects(listConversations(ctx, ADMIN, { isNegativeEnd: 'yes' }), /isNegativeEnd/);
    });
  });
}
