import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '@serviq/core';
import { TEST_DRIVERS } from '@serviq/storage/testing';
import { startTestServer, type TestServer } from './support/test-server.ts';

// The dashboard's drill-down through HTTP: a report asks for every rule (topHits), and the
// conversation list selects the conversations ending with a negative customer (isNegativeEnd).

type Json = Record<string, unknown>;
type Row = { volume: { conversations: number }; negativeEndRate: number | null; topHits: unknown[] };
const demo = [...generateDemo({ conversations: 40, seed: 5, lang: 'mixed', days: 2 })];

for (const driver of TEST_DRIVERS) {
  describe(`report drill-down over HTTP on ${driver.name}`, () => {
    let t: TestServer;
    const get = async (path: string) => {
      const res = await t.call('GET', path, { session: t.sessions.admin });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const range = 'from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z';
    before(async () => {
      t = await startTestServer(driver);
      await t.call('POST', '/api/v1/conversations:batch', {
        session: t.sessions.admin,
        body: `${demo.map((c) => JSON.stringify(c)).join('\n')}\n`,
        type: 'application/x-ndjson',
      });
      // Reports read rollups that a job refreshes after the import.
      for (let i = 0; i < 100; i++) {
        const { body } = await get(`/api/v1/reports?${range}`);
        if ((body.rows as Row[])[0]?.volume.conversations === demo.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    after(() => t.close());

    it('lists as many rules per row as topHits asks, and refuses a topHits out of range', async () => {
      const all = (await get(`/api/v1/reports?${range}&topHits=1000`)).body.rows as Row[];
      const some = (await get(`/api/v1/reports?${range}&topHits=3`)).body.rows as Row[];
      assert.equal(all[0]?.volume.conversations, demo.length);
      assert.ok((all[0]?.topHits.length ?? 0) > 10);
      assert.deepEqual(some[0]?.topHits, all[0]?.topHits.slice(0, 3));
      const none = (await get(`/api/v1/reports?${range}&topHits=0`)).body.rows as Row[];
      assert.deepEqual(none, [{ ...all[0], topHits: [] }]);
      for (const bad of ['-1', '1001', 'x']) {
        const { status, body } = await get(`/api/v1/reports?${range}&topHits=${bad}`);
        assert.equal(status, 400, bad);
        assert.equal((body.error as Json).field, 'topHits');
      }
    });

    it('lists the conversations ending negative that negativeEndRate counts', async () => {
      const total = async (filter: string) =>
        (await get(`/api/v1/conversations?isNegativeEnd=${filter}&withTotal=true&limit=1`)).body
          .total as number;
      const negative = await total('true');
      const other = await total('false');
      const [row] = (await get(`/api/v1/reports?${range}`)).body.rows as Row[];
      assert.ok(negative > 0 && other > 0);
      assert.equal(row?.negativeEndRate, Math.round((negative / (negative + other)) * 1000) / 1000);
      const { status, body } = await get('/api/v1/conversations?isNegativeEnd=maybe');
      assert.equal(status, 400);
      assert.equal((body.error as Json).field, 'isNegativeEnd');
    });
  });
}
