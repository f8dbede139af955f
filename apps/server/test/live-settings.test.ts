import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { TEST_DRIVERS } from '@serviq/storage/testing';
import { startTestServer, type TestServer } from './support/test-server.ts';

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json;

/** Reads server-sent events until `count` alerts arrived or the time is up. */
async function readAlerts(res: Response, count: number, ms: number): Promise<Json[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const alerts: Json[] = [];
  let text = '';
  const deadline = Date.now() + ms;
  while (alerts.length < count && Date.now() < deadline) {
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
    ]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
      const event = text.slice(0, end);
      text = text.slice(end + 2);
      const data = event.split('\n').find((l) => l.startsWith('data: '));
      if (data) alerts.push(JSON.parse(data.slice(6)) as Json);
    }
  }
  await reader.cancel();
  return alerts;
}

/** A chat whose agent first answers 8 minutes after the customer (08:55 → 09:03 in Shanghai). */
const lateReply = (id: string) =>
  `${JSON.stringify({
    id,
    channel: 'chat',
    startedAt: '2026-11-02T00:55:00Z',
    agents: [{ id: 'a-east-1', team: 't-east' }],
    messages: [
      { id: 'm1', at: '2026-11-02T00:55:00Z', role: 'customer', text: '你好，我想问一下退款的进度' },
      { id: 'm2', at: '2026-11-02T01:03:00Z', role: 'agent', authorId: 'a-east-1', text: '您好，我帮您查询' },
    ],
  })}\n`;

const SHANGHAI_WORKDAYS = {
  timeZone: 'Asia/Shanghai',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '18:00']]])),
};

for (const driver of TEST_DRIVERS) {
  describe(`live view and settings over HTTP on ${driver.name}`, () => {
    let t: TestServer;
    let ingest: string;
    before(async () => {
      t = await startTestServer(driver);
      const res = await t.call('POST', '/api/v1/tokens', {
        session: t.sessions.admin,
        body: { name: 'ingest', scopes: ['ingest'] },
      });
      ingest = ((await json(res)) as { token: string }).token;
    });
    after(() => t.close());

    const importOne = async (jsonl: string) => {
      const res = await t.call('POST', '/api/v1/conversations:batch', {
        token: ingest,
        body: jsonl,
        type: 'application/x-ndjson',
      });
      assert.equal(res.status, 200, await res.clone().text());
    };
    const metricsOf = async (externalId: string) => {
      const list = await json(
        await t.call('GET', `/api/v1/conversations?q=${externalId}`, { session: t.sessions.admin }),
      );
      const id = ((list.items as Json[])[0] as Json).id;
      const detail = await json(
        await t.call('GET', `/api/v1/conversations/${id}`, { session: t.sessions.admin }),
      );
      return {
        summary: (list.items as Json[])[0] as Json,
        metrics: (detail.analysis as Json).metrics as Json,
      };
    };
    const patchSettings = (body: unknown) =>
      t.call('PATCH', '/api/v1/settings', { session: t.sessions.admin, body });

    it('keeps the SLA settings, applies them to conversations analysed afterwards, and goes back on null', async () => {
      const initial = await json(await t.call('GET', '/api/v1/settings', { session: t.sessions.admin }));
      assert.equal(initial.sla, null);
      await importOne(lateReply('sla-before'));
      const before = await metricsOf('sla-before');
      // The built-in chat target is 60 s, counted around the clock.
      assert.equal(before.metrics.slaTargetSec, 60);
      assert.equal(before.summary.isSlaMet, false);

      const sla = {
        businessHours: SHANGHAI_WORKDAYS,
        targets: { chat: { firstResponseSec: 240 }, email: null },
      };
      const saved = await patchSettings({ sla });
      assert.equal(saved.status, 200, await saved.clone().text());
      assert.deepEqual((await json(saved)).sla, sla);
      assert.deepEqual(
        (await json(await t.call('GET', '/api/v1/settings', { session: t.sessions.admin }))).sla,
        sla,
      );

      await importOne(lateReply('sla-after'));
      const after = await metricsOf('sla-after');
      assert.equal(after.metrics.slaTargetSec, 240);
      // Only 09:00–09:03 was open: 180 business seconds, within 240.
      assert.equal(after.metrics.firstResponseBusinessSec, 180);
      assert.equal(after.summary.isSlaMet, true);
      // Stored conversations keep the figures they were analysed with.
      assert.equal((await metricsOf('sla-before')).summary.isSlaMet, false);

      // Live messages are analysed with the new settings too.
      for (const message of [
        { id: 'l1', at: '2026-11-02T00:55:00Z', role: 'customer', text: '你好，在吗' },
        { id: 'l2', at: '2026-11-02T01:03:00Z', role: 'agent', authorId: 'a-east-1', text: '您好，在的' },
      ]) {
        const res = await t.call('POST', '/api/v1/conversations/sla-live/messages', {
          token: ingest,
          body: { conversation: { channel: 'chat', agents: [{ id: 'a-east-1', team: 't-east' }] }, message },
        });
        assert.equal(res.status, 201, await res.clone().text());
      }
      assert.equal((await metricsOf('sla-live')).metrics.firstResponseBusinessSec, 180);

      const audit = await json(
        await t.call('GET', '/api/v1/audit?entity=settings&entityId=sla', { session: t.sessions.admin }),
      );
      assert.deepEqual(((audit.items as Json[])[0] as Json).after, sla);

      const reset = await patchSettings({ sla: null });
      assert.equal((await json(reset)).sla, null);
      await importOne(lateReply('sla-reset'));
      assert.equal((await metricsOf('sla-reset')).metrics.slaTargetSec, 60);
    });

    it('refuses SLA settings it cannot use, naming the field', async () => {
      const cases: [unknown, string][] = [
        [
          { businessHours: { ...SHANGHAI_WORKDAYS, timeZone: 'Mars/Olympus' }, targets: {} },
          'sla.businessHours.timeZone',
        ],
        [
          { businessHours: { timeZone: 'UTC', weekly: { mon: [['18:00', '09:00']] } }, targets: {} },
          'sla.businessHours',
        ],
        [
          { businessHours: { timeZone: 'UTC', weekly: { mon: [['9am', '18:00']] } }, targets: {} },
          'sla.businessHours.weekly.mon.0.0',
        ],
        [
          { businessHours: null, targets: { chat: { firstResponseSec: 0 } } },
          'sla.targets.chat.firstResponseSec',
        ],
        [{ businessHours: null, targets: { fax: { firstResponseSec: 60 } } }, 'sla.targets.fax'],
        [{ targets: {} }, 'sla.businessHours'],
      ];
      for (const [sla, field] of cases) {
        const res = await patchSettings({ sla });
        assert.equal(res.status, 400, JSON.stringify(sla));
        const error = (await json(res)).error as Json;
        assert.equal(error.field, field, String(error.message));
      }
      assert.equal(
        (await json(await t.call('GET', '/api/v1/settings', { session: t.sessions.admin }))).sla,
        null,
      );
    });

    it('lists open conversations with the customer’s current emotion and wait, as each role may see them', async () => {
      const post = (conv: string, team: string, agent: string, message: Json) =>
        t.call('POST', `/api/v1/conversations/${conv}/messages`, {
          token: ingest,
          body: { conversation: { channel: 'chat', agents: [{ id: agent, team }] }, message },
        });
      assert.equal(
        (
          await post('open-east', 't-east', 'a-east-1', {
            id: 'c1',
            at: '2026-11-05T10:00:00Z',
            role: 'customer',
            text: '你好',
          })
        ).status,
        201,
      );
      await post('open-east', 't-east', 'a-east-1', {
        id: 'a1',
        at: '2026-11-05T10:00:30Z',
        role: 'agent',
        authorId: 'a-east-1',
        text: '您好，请问有什么可以帮您',
      });
      await post('open-east', 't-east', 'a-east-1', {
        id: 'c2',
        at: '2026-11-05T10:01:00Z',
        role: 'customer',
        text: '太气人了！你们的快递到底怎么回事，气死我了',
      });
      await post('open-east', 't-east', 'a-east-1', {
        id: 'c3',
        at: '2026-11-05T10:02:00Z',
        role: 'customer',
        text: '还有人吗',
      });
      await post('open-west', 't-west', 'a-west-1', {
        id: 'c1',
        at: '2026-11-05T11:00:00Z',
        role: 'customer',
        text: '在吗',
      });
      await t.call('POST', '/api/v1/conversations/open-west/close', { token: ingest, body: {} });
      await post('open-west2', 't-west', 'a-west-1', {
        id: 'c1',
        at: '2026-11-05T12:00:00Z',
        role: 'customer',
        text: '在吗',
      });

      const res = await t.call('GET', '/api/v1/conversations:ongoing', { session: t.sessions.admin });
      assert.equal(res.status, 200);
      const body = await json(res);
      const items = body.items as Json[];
      const externalIds = items.map((i) => i.externalId);
      assert.ok(externalIds.includes('open-east') && externalIds.includes('open-west2'));
      assert.ok(!externalIds.includes('open-west'), 'a closed conversation is not ongoing');
      assert.equal(body.total, items.length);
      const east = items.find((i) => i.externalId === 'open-east') as Json;
      assert.equal(east.messageCount, 4);
      assert.equal(east.lastCustomerAt, '2026-11-05T10:02:00.000Z');
      // The wait began with the first message after the agent's reply.
      assert.equal(east.waitingSince, '2026-11-05T10:01:00.000Z');
      assert.equal(typeof east.lastCustomerEmotion, 'string');
      assert.equal(east.agentId, 'a-east-1');

      const supervisor = await json(
        await t.call('GET', '/api/v1/conversations:ongoing', { session: t.sessions.supervisor }),
      );
      assert.deepEqual(
        (supervisor.items as Json[]).map((i) => i.externalId).filter((id) => String(id).startsWith('open-')),
        ['open-east'],
      );
      const limited = await json(
        await t.call('GET', '/api/v1/conversations:ongoing?limit=1', { session: t.sessions.admin }),
      );
      assert.equal((limited.items as Json[]).length, 1);
      assert.ok((limited.total as number) > 1);
      assert.equal(east.openAlerts, 0);

      // An agent's impatient reply answers the customer and raises an alert; acknowledging it closes it.
      await post('open-west2', 't-west', 'a-west-1', {
        id: 'a1',
        at: '2026-11-05T12:01:00Z',
        role: 'agent',
        authorId: 'a-west-1',
        text: '催什么催，急什么',
      });
      const ongoingWest = async () =>
        (
          (await json(await t.call('GET', '/api/v1/conversations:ongoing', { session: t.sessions.admin })))
            .items as Json[]
        ).find((i) => i.externalId === 'open-west2') as Json;
      const west = await ongoingWest();
      assert.equal(west.waitingSince, null);
      assert.equal(west.openAlerts, 1);
      const alerts = (
        await json(
          await t.call('GET', `/api/v1/alerts?conversationId=${west.id}`, { session: t.sessions.admin }),
        )
      ).items as Json[];
      await t.call('POST', `/api/v1/alerts/${(alerts[0] as Json).id}/acknowledge`, {
        session: t.sessions.admin,
      });
      assert.equal((await ongoingWest()).openAlerts, 0);

      const bad = await t.call('GET', '/api/v1/conversations:ongoing?limit=0', { session: t.sessions.admin });
      assert.equal(((await json(bad)).error as Json).field, 'limit');
    });

    it('sends a reconnecting stream the alerts it missed after its Last-Event-ID, and only those it may see', async () => {
      const post = (conv: string, agent: string, team: string, id: string) =>
        t.call('POST', `/api/v1/conversations/${conv}/messages`, {
          token: ingest,
          body: {
            conversation: { channel: 'chat', agents: [{ id: agent, team }] },
            message: {
              id,
              at: '2026-11-06T10:00:00Z',
              role: 'agent',
              authorId: agent,
              text: '催什么催，急什么',
            },
          },
        });
      assert.equal((await post('missed-west', 'a-west-1', 't-west', 'x1')).status, 201);
      assert.equal((await post('missed-east', 'a-east-1', 't-east', 'x1')).status, 201);
      const all = (await json(await t.call('GET', '/api/v1/alerts', { session: t.sessions.admin })))
        .items as Json[];
      const west = all.find((a) => a.externalId === 'missed-west') as Json;
      const east = all.find((a) => a.externalId === 'missed-east') as Json;
      const lastSeen = String(Number(west.id) - 1);

      const adminStream = await fetch(`${t.url}/api/v1/alerts/stream`, {
        headers: { cookie: t.sessions.admin.cookie, 'last-event-id': lastSeen },
      });
      const replayed = await readAlerts(adminStream, 2, 5000);
      assert.deepEqual(
        replayed.map((a) => a.id),
        [west.id, east.id],
      );
      const supervisorStream = await fetch(`${t.url}/api/v1/alerts/stream`, {
        headers: { cookie: t.sessions.supervisor.cookie, 'last-event-id': lastSeen },
      });
      // Replay goes oldest first: a west alert the supervisor may not see would come before east's.
      assert.deepEqual(
        (await readAlerts(supervisorStream, 1, 5000)).map((a) => a.id),
        [east.id],
      );
    });

    // A server that waited for its streams would never close: the timeout turns that into a failure.
    it('ends open alert streams when the server closes, instead of waiting for their viewers', {
      timeout: 120_000,
    }, async () => {
      const own = await startTestServer(driver);
      const stream = await own.call('GET', '/api/v1/alerts/stream', { session: own.sessions.admin });
      assert.equal(stream.status, 200);
      const started = Date.now();
      await own.close();
      // Generous for a loaded machine: a server that waited for its viewers would never finish.
      assert.ok(Date.now() - started < 30_000, `closing took ${Date.now() - started} ms`);
      // The body ends (done) rather than hanging or failing.
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read());
    });

    describe('webhook filters', () => {
      let receiver: Server;
      let hookUrl: string;
      const received: string[] = [];
      before(async () => {
        receiver = createServer((req, res) => {
          received.push(String(req.headers['x-serviq-delivery']));
          req.resume();
          req.on('end', () => res.end('ok'));
        });
        await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
        hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
      });
      after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

      it('keeps a webhook’s rules and severities, and delivers only the alerts they take', async () => {
        const created = await t.call('POST', '/api/v1/webhooks', {
          session: t.sessions.admin,
          body: { name: 'critical only', url: hookUrl, severities: ['critical', 'critical'] },
        });
        assert.equal(created.status, 201, await created.clone().text());
        const hook = await json(created);
        assert.deepEqual(hook.severities, ['critical']);
        assert.deepEqual(hook.rules, []);
        const bad = await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, {
          session: t.sessions.admin,
          body: { severities: ['urgent'] },
        });
        assert.equal(bad.status, 400);
        assert.equal(((await json(bad)).error as Json).field, 'severities.0');

        const post = await t.call('POST', '/api/v1/conversations/hooked/messages', {
          token: ingest,
          body: {
            source: 'helpdesk',
            conversation: { language: 'en', agents: [{ id: 'a-8', team: 't-aftersales' }] },
            message: {
              id: 'm1',
              at: '2026-11-21T11:00:00Z',
              role: 'agent',
              authorId: 'a-8',
              text: 'Not my department, ask someone else.',
            },
          },
        });
        const alerts = (await json(post)).alerts as Json[];
        const critical = alerts.filter((a) => a.severity === 'critical');
        assert.ok(critical.length > 0 && critical.length < alerts.length, JSON.stringify(alerts));
        const deadline = Date.now() + 3000;
        while (received.length < critical.length && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 200));
        assert.deepEqual(received.sort(), critical.map((a) => `${a.id}:${hook.id}`).sort());

        const changed = await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, {
          session: t.sessions.admin,
          body: { rules: ['push-away'], severities: [] },
        });
        assert.deepEqual((await json(changed)).rules, ['push-away']);
        const listed = (await (
          await t.call('GET', '/api/v1/webhooks', { session: t.sessions.admin })
        ).json()) as Json[];
        assert.deepEqual(
          listed.map((w) => [w.id, w.rules, w.severities]),
          [[hook.id, ['push-away'], []]],
        );
      });
    });
  });
}
