import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_ROUTES } from '@serviq/contracts';
import { TEST_DRIVERS } from '@serviq/storage/testing';
import { startTestServer, type TestServer, twoTeamsJsonl } from './support/test-server.ts';

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

for (const driver of TEST_DRIVERS) {
  describe(`the API on ${driver.name}`, () => {
    let t: TestServer;
    let ingest: string;
    before(async () => {
      t = await startTestServer(driver, { SERVIQ_CHATWOOT_SECRET: 'chatwoot-shared-secret' });
      const res = await t.call('POST', '/api/v1/tokens', {
        session: t.sessions.admin,
        body: { name: 'ingest', scopes: ['ingest'] },
      });
      ingest = ((await json(res)) as { token: string }).token;
      await t.call('POST', '/api/v1/conversations:batch', {
        token: ingest,
        body: twoTeamsJsonl(),
        type: 'application/x-ndjson',
      });
    });
    after(() => t.close());

    it('serves an OpenAPI document with every route of the contract', async () => {
      const doc = (await json(await t.call('GET', '/api/v1/openapi.json'))) as {
        paths: Record<string, Json>;
      };
      for (const route of API_ROUTES)
        assert.ok(doc.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`);
    });

    it('describes every request body and query of the contract in the OpenAPI document', async () => {
      type Operation = {
        parameters: { name: string; in: string }[];
        requestBody?: { content: Record<string, { schema?: { properties?: Json } }> };
      };
      const doc = (await json(await t.call('GET', '/api/v1/openapi.json'))) as {
        paths: Record<string, Record<string, Operation>>;
      };
      // Changes that read no body: signing out, acknowledging, and Chatwoot's own payload.
      const bodiless = new Set(['logout', 'acknowledgeAlert', 'chatwootWebhook']);
      for (const route of API_ROUTES) {
        const operation = doc.paths[route.path]?.[route.method.toLowerCase()] as Operation;
        if (route.method !== 'GET' && route.method !== 'DELETE' && !bodiless.has(route.id))
          assert.ok(route.body || route.bodyType, `${route.id}: the contract has no body schema`);
        if (route.body) {
          const schema = operation.requestBody?.content['application/json']?.schema;
          assert.ok(schema, `${route.id}: no requestBody in the document`);
          // A path parameter is not asked for again in the body.
          for (const param of operation.parameters.filter((p) => p.in === 'path'))
            assert.ok(!(param.name in (schema.properties ?? {})), `${route.id}: body repeats ${param.name}`);
        }
        if (route.query)
          assert.ok(
            operation.parameters.some((p) => p.in === 'query'),
            `${route.id}: no query parameters in the document`,
          );
      }
      for (const id of ['getRuleSet', 'listJobs', 'listDeliveries'])
        assert.ok(
          API_ROUTES.find((route) => route.id === id)?.query,
          `${id}: the contract has no query schema`,
        );
    });

    it('answers every refusal as JSON naming the field and the reason', async () => {
      const bad = await t.call('POST', '/api/v1/auth/login', {
        body: '{"email": ',
        type: 'application/json',
      });
      assert.equal(bad.status, 400);
      assert.equal(((await json(bad)).error as Json).field, 'body');
      const missing = await t.call('POST', '/api/v1/conversations/c1/messages', {
        token: ingest,
        body: { message: { id: 'm1', at: '2026-11-02T10:00:00Z', role: 'boss', text: 'x' } },
      });
      assert.equal(missing.status, 400);
      assert.equal(((await json(missing)).error as Json).field, 'message.role');
      const huge = await t.call('POST', '/api/v1/users', {
        session: t.sessions.admin,
        body: { name: 'x'.repeat(2 << 20) },
      });
      assert.equal(huge.status, 413);
      assert.equal(((await json(huge)).error as Json).code, 'too_large');
      const noCsrf = await t.call('POST', '/api/v1/tokens', {
        session: t.sessions.admin,
        csrf: false,
        body: { name: 'x', scopes: ['read'] },
      });
      assert.equal(noCsrf.status, 403);
      assert.equal(((await json(noCsrf)).error as Json).field, 'X-CSRF-Token');
      const malformed = await t.call('POST', '/api/v1/conversations/not-a-key/reviews', {
        session: t.sessions.reviewer,
        body: { score: 80 },
      });
      assert.equal(malformed.status, 400);
      assert.equal(((await json(malformed)).error as Json).field, 'id');
      const nothing = await t.call('GET', '/api/v1/nothing-here');
      assert.equal(nothing.status, 404);
      assert.equal(((await json(nothing)).error as Json).code, 'not_found');
    });

    it('signs in past a stale session cookie', async () => {
      const res = await t.call('POST', '/api/v1/auth/login', {
        session: { cookie: 'serviq_session=expired-or-unknown', csrf: 'x' },
        body: { email: 'qa_manager@example.com', password: 'qa_manager-password-1' },
      });
      assert.equal(res.status, 200);
    });

    it('limits wrong passwords: the eleventh attempt is refused with Retry-After', async () => {
      let last: Response | undefined;
      for (let i = 0; i < 11; i++)
        last = await t.call('POST', '/api/v1/auth/login', {
          body: { email: 'reviewer@example.com', password: `wrong-password-${i}` },
        });
      assert.equal(last?.status, 429);
      assert.ok(Number(last?.headers.get('retry-after')) > 0);
    });

    it('shows supervisors only their team and agents only their own conversations', async () => {
      const ids = async (role: 'admin' | 'supervisor' | 'agent') => {
        const body = await json(
          await t.call('GET', '/api/v1/conversations?limit=100', { session: t.sessions[role] }),
        );
        return (body.items as Json[]).map((c) => c.externalId).sort();
      };
      assert.deepEqual(await ids('admin'), ['east-1', 'west-1']);
      assert.deepEqual(await ids('supervisor'), ['east-1']);
      assert.deepEqual(await ids('agent'), ['east-1']);
      const all = await json(await t.call('GET', '/api/v1/conversations', { session: t.sessions.admin }));
      const west = (all.items as Json[]).find((c) => c.externalId === 'west-1') as Json;
      const hidden = await t.call('GET', `/api/v1/conversations/${west.id}`, {
        session: t.sessions.supervisor,
      });
      assert.equal(hidden.status, 404);
      const shown = await json(
        await t.call('GET', `/api/v1/conversations/${west.id}`, { session: t.sessions.reviewer }),
      );
      assert.equal((shown.messages as Json[]).length, 2);
      assert.ok((shown.analysis as Json).hits);
    });

    it('streams a live alert to the supervisor of the team within a second, and not to another team', async () => {
      const east = await t.call('GET', '/api/v1/alerts/stream', { session: t.sessions.supervisor });
      const admin = await t.call('GET', '/api/v1/alerts/stream', { session: t.sessions.admin });
      assert.equal(east.status, 200);
      const eastAlerts = readAlerts(east, 1, 1500);
      const adminAlerts = readAlerts(admin, 1, 3000);
      const sent = Date.now();
      const post = await t.call('POST', '/api/v1/conversations/live-west/messages', {
        token: ingest,
        body: {
          conversation: { channel: 'chat', agents: [{ id: 'a-west-1', team: 't-west' }] },
          message: {
            id: 'w1',
            at: '2026-11-02T10:00:00Z',
            role: 'agent',
            authorId: 'a-west-1',
            text: '催什么催，急什么',
          },
        },
      });
      assert.equal(post.status, 201);
      const got = await adminAlerts;
      assert.ok(Date.now() - sent < 1000, `alert took ${Date.now() - sent} ms`);
      assert.equal(got[0]?.rule, 'impatient-tone');
      assert.equal(got[0]?.teamId, 't-west');
      assert.deepEqual(await eastAlerts, []);
      const repeat = await t.call('POST', '/api/v1/conversations/live-west/messages', {
        token: ingest,
        body: {
          message: {
            id: 'w1',
            at: '2026-11-02T10:00:00Z',
            role: 'agent',
            authorId: 'a-west-1',
            text: '催什么催，急什么',
          },
        },
      });
      assert.equal(repeat.status, 200);
      assert.equal((await json(repeat)).isDuplicate, true);
      const list = await json(await t.call('GET', '/api/v1/alerts', { session: t.sessions.admin }));
      const alert = (list.items as Json[]).find((a) => a.externalId === 'live-west') as Json;
      const ack = await t.call('POST', `/api/v1/alerts/${alert.id}/acknowledge`, {
        session: t.sessions.qa_manager,
      });
      assert.equal(ack.status, 200);
      assert.ok((await json(ack)).acknowledgedAt);
    });

    it('keeps a live conversation’s channel, and takes its team from the agent directory', async () => {
      const put = await t.call('PUT', '/api/v1/agents/a-east-9', {
        session: t.sessions.admin,
        body: { teamId: 't-east' },
      });
      assert.equal(put.status, 200, await put.clone().text());
      const first = await t.call('POST', '/api/v1/conversations/mail-1/messages', {
        token: ingest,
        body: {
          conversation: { channel: 'email', agents: [{ id: 'a-east-9' }] },
          message: { id: 'e1', at: '2026-11-03T08:00:00Z', role: 'customer', text: 'Where is my refund?' },
        },
      });
      assert.equal(first.status, 201);
      const second = await t.call('POST', '/api/v1/conversations/mail-1/messages', {
        token: ingest,
        body: {
          message: {
            id: 'e2',
            at: '2026-11-03T08:05:00Z',
            role: 'agent',
            authorId: 'a-east-9',
            text: 'Checking now.',
          },
        },
      });
      assert.equal(second.status, 201);
      const seen = await json(
        await t.call('GET', '/api/v1/conversations?q=mail-1', { session: t.sessions.supervisor }),
      );
      const mail = (seen.items as Json[]).find((c) => c.externalId === 'mail-1');
      assert.equal(mail?.channel, 'email');
      assert.equal(mail?.teamId, 't-east');
    });

    it('takes Chatwoot events only with the shared secret', async () => {
      const event = {
        event: 'message_created',
        id: 91,
        content: '你好，我要退款',
        created_at: '2026-11-02T11:00:00Z',
        message_type: 'incoming',
        private: false,
        account: { id: 1 },
        sender: { id: 5, type: 'contact', name: 'Li' },
        conversation: { id: 77, inbox_id: 1, channel: 'Channel::WebWidget', status: 'open' },
        inbox: { id: 1, name: 'Web' },
      };
      const refused = await t.call('POST', '/api/v1/integrations/chatwoot', { body: event });
      assert.equal(refused.status, 401);
      const ok = await t.call('POST', '/api/v1/integrations/chatwoot?secret=chatwoot-shared-secret', {
        body: event,
      });
      assert.equal(ok.status, 200, await ok.clone().text());
      assert.equal((await json(ok)).kind, 'message');
    });

    it('publishes a rule-set version and re-scores stored conversations in the background', async () => {
      const source = `scorecard:
  id: strict
  name: Strict
  appliesTo: { channels: [chat] }
  priority: 10
  passScore: 60
rules:
  - id: no-wait
    name: 让客户等
    category: 服务态度
    severity: major
    points: -50
    detect:
      role: agent
      keywords: { any: [等着] }
`;
      const saved = await t.call('PUT', '/api/v1/rule-sets/strict', {
        session: t.sessions.qa_manager,
        body: { name: 'Strict', source },
      });
      assert.equal(saved.status, 201, await saved.clone().text());
      const published = await json(
        await t.call('POST', '/api/v1/rule-sets/strict/publish', {
          session: t.sessions.qa_manager,
          body: {},
        }),
      );
      assert.ok(published.jobId);
      let job: Json = {};
      for (let i = 0; i < 100 && job.status !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        job = await json(
          await t.call('GET', `/api/v1/jobs/${published.jobId}`, { session: t.sessions.qa_manager }),
        );
      }
      assert.equal(job.status, 'done', JSON.stringify(job));
      const hit = await json(
        await t.call('GET', '/api/v1/conversations?rule=no-wait', { session: t.sessions.admin }),
      );
      assert.deepEqual(
        (hit.items as Json[]).map((c) => c.externalId),
        ['west-1'],
      );
      const audit = await json(
        await t.call('GET', '/api/v1/audit?entity=rule_set', { session: t.sessions.admin }),
      );
      assert.ok((audit.items as Json[]).length >= 2, JSON.stringify(audit));

      // The query and body schemas of the contract, as the rule routes apply them.
      const first = await json(
        await t.call('GET', '/api/v1/rule-sets/strict?version=1', { session: t.sessions.qa_manager }),
      );
      assert.equal((first.version as Json).version, 1);
      const notNumber = await t.call('GET', '/api/v1/rule-sets/strict?version=abc', {
        session: t.sessions.qa_manager,
      });
      assert.equal(notNumber.status, 400);
      assert.equal(((await json(notNumber)).error as Json).field, 'version');
      const notBoolean = await t.call('POST', '/api/v1/rule-sets/strict/active', {
        session: t.sessions.qa_manager,
        body: { isActive: 'no' },
      });
      assert.equal(notBoolean.status, 400);
      const { field, message } = (await json(notBoolean)).error as Json;
      assert.deepEqual([field, message], ['isActive', 'isActive: expected true or false']);
    });
  });
}
