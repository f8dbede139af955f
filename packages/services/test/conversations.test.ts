import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { generateDemo } from '@serviq/core';
import {
  type Actor,
  AlertHub,
  AnalysisConfigSchema,
  AnalysisRuntimes,
  acknowledgeAlert,
  closeConversation,
  conversationKey,
  getConversation,
  importConversations,
  ingestMessage,
  LiveConversations,
  listAlerts,
  listConversations,
  type StoredAlert,
} from '@serviq/services';
import { openTestDatabase, TEST_DRIVERS } from '@serviq/storage/testing';

const system: Actor = { kind: 'system' };
const ingestToken: Actor = { kind: 'token', tokenId: 1, scopes: ['ingest'] };
const config = AnalysisConfigSchema.parse({});
const demo = [...generateDemo({ conversations: 40, seed: 7, lang: 'mixed', days: 7 })];
const jsonl = (records: readonly unknown[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

for (const driver of TEST_DRIVERS) {
  describe(`conversations on ${driver.name}`, () => {
    it('imports JSONL, reports bad lines with line and field, and a re-run adds nothing twice', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => Date.UTC(2026, 0, 1) };
      const runtime = await new AnalysisRuntimes(config).current(db, ctx.now());
      const bad = ['{"id": "x1", "messages": "none"}', 'not json', JSON.stringify(demo[0])];
      const input = `${jsonl(demo)}${bad.join('\n')}\n`;
      const first = await importConversations(ctx, system, Readable.from([Buffer.from(input)]), { runtime });
      assert.equal(first.inserted, demo.length);
      assert.equal(first.rejected, 3);
      assert.deepEqual(
        first.issues.map((i) => [i.line, i.field]),
        [
          [demo.length + 1, 'messages'],
          [demo.length + 2, '(record)'],
          [demo.length + 3, 'id'],
        ],
      );
      const messages = demo.reduce((n, c) => n + c.messages.length, 0);
      assert.equal(first.messages, messages);
      const again = await importConversations(ctx, system, Readable.from([Buffer.from(jsonl(demo))]), {
        runtime,
      });
      assert.equal(again.inserted, 0);
      assert.equal(again.updated, demo.length);
      const counts = await db.query<{ c: number; m: number; a: number }>(
        `SELECT (SELECT count(*)::int FROM conversations) AS c, (SELECT count(*)::int FROM messages) AS m,
           (SELECT count(*)::int FROM analyses) AS a`,
      );
      assert.deepEqual(counts.rows[0], { c: demo.length, m: messages, a: demo.length });
    });

    it('redacts PII before storing, and evidence spans point into the stored text', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => Date.UTC(2026, 0, 1) };
      const runtime = await new AnalysisRuntimes(config).current(db, ctx.now());
      const conv = {
        id: 'pii-1',
        channel: 'chat',
        messages: [
          {
            at: '2026-01-01T10:00:00Z',
            role: 'customer',
            text: '我的手机 13812345678，邮箱 jane.doe@example.com 订单没到',
          },
          { at: '2026-01-01T10:00:30Z', role: 'agent', authorId: 'a1', text: '您好，请问有什么可以帮您' },
        ],
      };
      await importConversations(ctx, system, Readable.from([Buffer.from(jsonl([conv]))]), { runtime });
      const { rows } = await db.query<{ text: string }>('SELECT text FROM messages ORDER BY seq');
      assert.ok(!rows[0]?.text.includes('13812345678'));
      assert.ok(!rows[0]?.text.includes('jane.doe'));
      assert.match(rows[0]?.text ?? '', /138\*{4}5678/);
    });

    it('lists with filters and visibility, and shows one conversation with its analysis', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => Date.UTC(2026, 0, 1) };
      const runtime = await new AnalysisRuntimes(config).current(db, ctx.now());
      await importConversations(ctx, system, Readable.from([Buffer.from(jsonl(demo))]), { runtime });
      const all = await listConversations(ctx, system, { limit: 100, withTotal: 'true' });
      assert.equal(all.total, demo.length);
      const agent = all.items.find((c) => c.agentId)?.agentId as string;
      const team = all.items.find((c) => c.teamId)?.teamId as string;
      const mine = await listConversations(
        ctx,
        { kind: 'user', userId: 9, role: 'agent', agentId: agent, teamIds: [] },
        { limit: 100 },
      );
      assert.ok(mine.items.length > 0);
      assert.ok(mine.items.every((c) => c.agentId === agent || c.hitRules !== undefined));
      const theirs = await listConversations(
        ctx,
        { kind: 'user', userId: 8, role: 'supervisor', agentId: null, teamIds: [team] },
        { limit: 100 },
      );
      assert.ok(theirs.items.every((c) => c.teamId === team));
      const zh = await listConversations(ctx, system, {
        channel: 'chat,voice',
        minScore: '0',
        sort: 'score',
        order: 'asc',
      });
      const scores = zh.items.map((c) => c.score as number);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => a - b),
      );
      await assert.rejects(listConversations(ctx, system, { channel: 'fax' }), /channel/);
      const text = String(demo[0]?.messages[1]?.text).slice(0, 6);
      const found = await listConversations(ctx, system, { q: text });
      assert.ok(found.items.length >= 1);
      const detail = await getConversation(ctx, system, all.items[0]?.id as string, runtime);
      assert.equal(detail.messages.length, detail.messageCount);
      assert.equal(detail.analysis?.id, detail.externalId);
      const other = all.items.find((c) => !c.agentId || c.agentId !== agent);
      if (other)
        await assert.rejects(
          getConversation(
            ctx,
            { kind: 'user', userId: 9, role: 'agent', agentId: 'nobody', teamIds: [] },
            other.id,
            runtime,
          ),
          /not found/,
        );
    });

    it('ingests live messages idempotently and raises an alert once when a realtime rule holds', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => Date.now() };
      const runtime = await new AnalysisRuntimes(config).current(db, ctx.now());
      const hub = new AlertHub();
      await hub.start(db);
      const received: StoredAlert[] = [];
      hub.subscribe(system, (a) => received.push(a));
      const post = (id: string, at: string, role: string, text: string, authorId?: string) =>
        ingestMessage(
          ctx,
          ingestToken,
          'live-1',
          {
            conversation: { channel: 'chat', agents: [{ id: 'zhang', team: 'east' }] },
            message: { id, at, role, text, ...(authorId ? { authorId } : {}) },
          },
          runtime,
        );
      const one = await post('m1', '2026-01-01T10:00:00Z', 'customer', '我的快递三天了还没到，怎么回事？');
      assert.equal(one.isDuplicate, false);
      assert.equal(one.alerts.length, 0);
      const two = await post('m2', '2026-01-01T10:00:20Z', 'agent', '催什么催，急什么，等着吧', 'zhang');
      assert.ok(
        two.alerts.some((a) => a.rule === 'impatient-tone'),
        JSON.stringify(two.result?.hits.map((h) => h.rule)),
      );
      const repeat = await post('m2', '2026-01-01T10:00:20Z', 'agent', '催什么催，急什么，等着吧', 'zhang');
      assert.equal(repeat.isDuplicate, true);
      const three = await post('m3', '2026-01-01T10:01:00Z', 'agent', '急什么', 'zhang');
      assert.equal(three.alerts.filter((a) => a.rule === 'impatient-tone').length, 0);
      const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
      assert.equal(stored.rows[0]?.n, 3);
      for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(
        received.some(
          (a) => a.rule === 'impatient-tone' && a.conversationId === conversationKey('api', 'live-1'),
        ),
      );
      const listed = await listAlerts(ctx, system, {});
      const alert = listed.items.find((a) => a.rule === 'impatient-tone');
      assert.equal(alert?.agentId, 'zhang');
      assert.equal(alert?.teamId, 'east');
      const sup: Actor = { kind: 'user', userId: 2, role: 'supervisor', agentId: null, teamIds: ['west'] };
      assert.equal((await listAlerts(ctx, sup, {})).items.length, 0);
      await assert.rejects(acknowledgeAlert(ctx, sup, alert?.id as number), /not found/);
      const ack = await acknowledgeAlert(ctx, system, alert?.id as number);
      assert.ok(ack.acknowledgedAt);
      await assert.rejects(
        ingestMessage(
          ctx,
          ingestToken,
          'live-1',
          { message: { id: 'm4', at: 'yesterday', role: 'agent', text: 'x' } },
          runtime,
        ),
        /message\.at/,
      );
      await assert.rejects(
        ingestMessage(ctx, { kind: 'token', tokenId: 2, scopes: ['read'] }, 'live-1', {}, runtime),
        /lacks the permission conversations:write/,
      );
      const closed = await closeConversation(ctx, ingestToken, 'live-1', { csat: 2 }, runtime);
      assert.notEqual(closed.score, null);
      const detail = await getConversation(ctx, system, closed.conversationId, runtime);
      assert.equal(detail.status, 'closed');
      assert.equal(detail.csat, 2);
      await hub.close();
    });

    it('stores live messages redacted, and two processes adding to one conversation see each other', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => Date.now() };
      const runtime = await new AnalysisRuntimes(config).current(db, ctx.now());
      const a = new LiveConversations();
      const b = new LiveConversations();
      const post = (live: LiveConversations, id: string, role: string, text: string) =>
        ingestMessage(
          ctx,
          ingestToken,
          'two-procs',
          {
            message: {
              id,
              at: `2026-01-01T10:00:0${id.slice(1)}Z`,
              role,
              text,
              ...(role === 'agent' ? { authorId: 'w' } : {}),
            },
          },
          runtime,
          live,
        );
      await post(a, 'm1', 'customer', '我的电话是13812345678，快递一直没到');
      await post(b, 'm2', 'agent', '您好，马上为您查询');
      const third = await post(a, 'm3', 'customer', '好的谢谢');
      assert.equal(third.result?.metrics.messages.agent, 1);
      assert.equal(third.result?.metrics.messages.customer, 2);
      const { rows } = await db.query<{ text: string }>('SELECT text FROM messages ORDER BY seq');
      assert.equal(rows.length, 3);
      assert.ok(!rows[0]?.text.includes('13812345678'), rows[0]?.text);
      const stored = await db.query<{ n: number }>('SELECT message_count AS n FROM conversations');
      assert.equal(stored.rows[0]?.n, 3);
    });

    it('refuses a live message past the message limit, cached or not', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => Date.now() };
      const runtime = await new AnalysisRuntimes(AnalysisConfigSchema.parse({ maxMessages: 2 })).current(
        db,
        ctx.now(),
      );
      const live = new LiveConversations();
      const post = (id: string) =>
        ingestMessage(
          ctx,
          ingestToken,
          'capped',
          { message: { id, at: `2026-01-01T10:00:0${id.slice(1)}Z`, role: 'customer', text: '在吗' } },
          runtime,
          live,
        );
      await post('m1');
      await post('m2');
      await assert.rejects(post('m3'), /already holds 2 messages/);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
      assert.equal(rows[0]?.n, 2);
    });

    it('searches message text literally and case-insensitively, with the total on the page', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => Date.UTC(2026, 0, 1) };
      const runtime = await new AnalysisRuntimes(config).current(db, ctx.now());
      const conv = (id: string, text: string) => ({
        id,
        channel: 'chat',
        messages: [{ id: 'm1', at: '2026-01-01T10:00:00Z', role: 'customer', text }],
      });
      const records = [
        conv('s-1', 'Refund (50%) please, order #A_1?'),
        conv('s-2', 'my REFUND is late'),
        conv('s-3', '我要退款，订单 [微笑]'),
        conv('s-4', 'refunds are slow, 退款 too'),
        conv('s-5', 'nothing to see'),
      ];
      await importConversations(ctx, system, Readable.from([Buffer.from(jsonl(records))]), { runtime });
      const found = async (q: string, extra: Record<string, string> = {}) => {
        const page = await listConversations(ctx, system, { q, withTotal: 'true', ...extra });
        return { ids: page.items.map((c) => c.externalId).sort(), total: page.total };
      };
      assert.deepEqual(await found('refund'), { ids: ['s-1', 's-2', 's-4'], total: 3 });
      const first = await found('ReFuNd', { limit: '1' });
      assert.equal(first.ids.length, 1);
      assert.equal(first.total, 3);
      // Regex and LIKE characters are plain text.
      assert.deepEqual((await found('(50%)')).ids, ['s-1']);
      assert.deepEqual((await found('#a_1?')).ids, ['s-1']);
      assert.deepEqual((await found('.*')).ids, []);
      assert.deepEqual((await found('[微笑]')).ids, ['s-3']);
      assert.deepEqual(await found('退款'), { ids: ['s-3', 's-4'], total: 2 });
      // A helpdesk id matches exactly; a page past the end still counts.
      assert.deepEqual(await found('s-5'), { ids: ['s-5'], total: 1 });
      assert.deepEqual(await found('refund', { offset: '10' }), { ids: [], total: 3 });
      await assert.rejects(listConversations(ctx, system, { minCsat: '4', maxCsat: '2' }), /minCsat/);
    });
  });
}
