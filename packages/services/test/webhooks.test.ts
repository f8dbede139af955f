import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Database } from '@serviq/storage';
import { openTestDatabase, TEST_DRIVERS } from '@serviq/storage/testing';
import { alertPayload, deliverAlert, deliverAlertToAll } from '../src/alerts/deliver-alert.ts';
import { createWebhook, deleteWebhook, listWebhooks, updateWebhook } from '../src/alerts/webhook-config.ts';
import { listDeliveries } from '../src/alerts/webhook-deliveries.ts';
import { type AlertPayload, webhookPayload } from '../src/alerts/webhook-presets.ts';
import { MAX_WEBHOOK_ATTEMPTS, nextRetryDelay } from '../src/alerts/webhook-retry.ts';
import type { Actor } from '../src/service/actor.ts';
import { AppError } from '../src/service/app-error.ts';
import type { ServiceContext } from '../src/service/service-context.ts';

const NOW = Date.parse('2025-03-03T09:00:00Z');
const ADMIN: Actor = { kind: 'user', userId: 1, role: 'admin', agentId: null, teamIds: [] };
const REVIEWER: Actor = { kind: 'user', userId: 2, role: 'reviewer', agentId: null, teamIds: [] };
const DASHBOARD = 'https://qa.example.com/';
const QUOTE = '你是不是听不懂人话？我已经说了三遍了';

const isAppError =
  (code: AppError['code'], message?: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  };

// ---------------------------------------------------------------- a receiver on a local port

type Captured = { path: string; query: URLSearchParams; headers: IncomingHttpHeaders; body: string };
type Reply = { status: number; body?: string } | 'hang';

const requests: Captured[] = [];
/** Scripted answers by path; a path with none left answers 200 "ok". */
const replies = new Map<string, Reply[]>();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const reply = replies.get(url.pathname)?.shift() ?? { status: 200, body: 'ok' };
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
  });
});
let base = '';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const script = (path: string, ...answers: Reply[]) => replies.set(path, answers);
const bodyOf = (c: Captured | undefined) => JSON.parse(c?.body ?? 'null');

// ---------------------------------------------------------------- pure parts

const ALERT: AlertPayload = {
  id: 7,
  rule: 'rude-language',
  name: 'Rude language',
  severity: 'critical',
  conversationId: '0b8f2f3c-3a52-4d1c-9a7e-0d7e1c0f5a11',
  externalId: '1:42',
  source: 'chatwoot',
  agentId: 'a-17',
  agentName: 'Li Na',
  teamId: 't-2',
  evidence: [{ message: 3, start: 0, end: 9, text: QUOTE }],
  createdAt: '2025-03-03T09:00:00.000Z',
  url: 'https://qa.example.com/conversations/0b8f2f3c-3a52-4d1c-9a7e-0d7e1c0f5a11',
};

describe('nextRetryDelay', () => {
  it('waits 1, 4, 16, 64 and 256 s and gives up after the sixth attempt', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((attempt) => nextRetryDelay(attempt, 500)),
      [1000, 4000, 16_000, 64_000, 256_000, null],
    );
    assert.equal(MAX_WEBHOOK_ATTEMPTS, 6);
  });

  it('retries no answer, 408, 429 and 5xx; not a success, a redirect or another 4xx', () => {
    const table: [number | null, number | null][] = [
      [null, 1000],
      [408, 1000],
      [429, 1000],
      [502, 1000],
      [503, 1000],
      [200, null],
      [204, null],
      [301, null],
      [400, null],
      [401, null],
      [404, null],
      [410, null],
    ];
    for (const [status, delay] of table) assert.equal(nextRetryDelay(1, status), delay, `status ${status}`);
  });
});

describe('webhook payload presets', () => {
  it('generic: the alert as JSON', () => {
    assert.deepEqual(webhookPayload('generic', ALERT), { type: 'serviq.alert', alert: ALERT });
  });

  it('DingTalk and WeCom: markdown naming rule, severity, agent, quote and link', () => {
    const ding = webhookPayload('dingtalk', ALERT) as {
      msgtype: string;
      markdown: { title: string; text: string };
    };
    assert.equal(ding.msgtype, 'markdown');
    assert.equal(ding.markdown.title, 'Serviq alert: Rude language');
    for (const part of [
      'Rude language (rude-language)',
      'critical',
      'Li Na (a-17)',
      't-2',
      `> ${QUOTE}`,
      ALERT.url,
    ])
      assert.ok(ding.markdown.text.includes(part as string), `${part} in ${ding.markdown.text}`);
    const wecom = webhookPayload('wecom', ALERT) as { msgtype: string; markdown: { content: string } };
    assert.equal(wecom.msgtype, 'markdown');
    assert.match(wecom.markdown.content, /<font color="warning">critical<\/font>/);
    assert.ok(wecom.markdown.content.includes(`> ${QUOTE}`));
  });

  it('Slack: fallback text and blocks, with mrkdwn control characters escaped', () => {
    const alert = {
      ...ALERT,
      evidence: [{ message: 1, start: 0, end: 5, text: 'a < b & c > d\nnext line' }],
    };
    const slack = webhookPayload('slack', alert) as { text: string; blocks: { type: string }[] };
    assert.match(slack.text, /Rude language \(critical\) · agent Li Na \(a-17\)/);
    assert.deepEqual(
      slack.blocks.map((b) => b.type),
      ['header', 'section', 'section', 'actions'],
    );
    assert.ok(JSON.stringify(slack.blocks).includes('> a &lt; b &amp; c &gt; d next line'));
    assert.ok(JSON.stringify(slack.blocks).includes(ALERT.url as string));
  });

  it('quotes at most three pieces of evidence, each cut to 200 characters', () => {
    const long = 'x'.repeat(500);
    const alert = {
      ...ALERT,
      evidence: [1, 2, 3, 4].map((m) => ({ message: m, start: 0, end: 500, text: long })),
    };
    const text = (webhookPayload('dingtalk', alert) as { markdown: { text: string } }).markdown.text;
    const quotes = text.split('\n').filter((l) => l.startsWith('> '));
    assert.equal(quotes.length, 3);
    assert.equal(quotes[0], `> ${'x'.repeat(199)}…`);
  });
});

// ---------------------------------------------------------------- on each database

async function seedAlert(db: Database, rule = 'rude-language'): Promise<number> {
  const conversationId = randomUUID();
  await db.query(`INSERT INTO agents (id, name) VALUES ('a-17', 'Li Na') ON CONFLICT (id) DO NOTHING`);
  await db.query(
    `INSERT INTO conversations (id, source, external_id, channel, started_at, ended_at, agent_id, team_id)
     VALUES ($1, 'chatwoot', $2, 'chat', $3, $3, 'a-17', 't-2')`,
    [conversationId, `1:${conversationId.slice(0, 8)}`, new Date(NOW)],
  );
  const { rows } = await db.query<{ id: number | string }>(
    `INSERT INTO alerts (conversation_id, rule, name, severity, agent_id, team_id, evidence, created_at)
     VALUES ($1, $2, 'Rude language', 'critical', 'a-17', 't-2', $3, $4) RETURNING id`,
    [conversationId, rule, JSON.stringify([{ message: 3, start: 0, end: 9, text: QUOTE }]), new Date(NOW)],
  );
  return Number(rows[0]?.id);
}

for (const driver of TEST_DRIVERS) {
  describe(`webhooks on ${driver.name}`, () => {
    let db: Database;
    let ctx: ServiceContext;

    before(async () => {
      db = await openTestDatabase(driver);
      ctx = { db, now: () => NOW };
    });
    beforeEach(async () => {
      await db.exec(
        'TRUNCATE webhooks, webhook_deliveries, alerts, conversations, audit_log RESTART IDENTITY CASCADE',
      );
      requests.length = 0;
      replies.clear();
    });

    it('creates, lists, updates and deletes webhooks, audited with secret and URL token masked', async () => {
      const created = await createWebhook(ctx, ADMIN, {
        name: ' QA group ',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=9f2c0d8e7b6a5f4e3d2c1b0a',
        preset: 'dingtalk',
        secret: 'SEC0123456789abcdef',
      });
      assert.deepEqual(created, {
        id: 1,
        name: 'QA group',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=9f2c0d8e7b6a5f4e3d2c1b0a',
        preset: 'dingtalk',
        hasSecret: true,
        isActive: true,
        rules: [],
        severities: [],
        createdAt: '2025-03-03T09:00:00.000Z',
      });
      await createWebhook(ctx, ADMIN, { name: 'Ops', url: 'https://hooks.example.com/serviq' });
      assert.deepEqual(
        (await listWebhooks(ctx, ADMIN)).map((w) => [w.name, w.preset, w.hasSecret]),
        [
          ['QA group', 'dingtalk', true],
          ['Ops', 'generic', false],
        ],
      );

      const renamed = await updateWebhook(ctx, ADMIN, created.id, { name: 'QA leads', isActive: false });
      assert.deepEqual(
        [renamed.name, renamed.hasSecret, renamed.isActive, renamed.preset],
        ['QA leads', true, false, 'dingtalk'],
      );
      const cleared = await updateWebhook(ctx, ADMIN, created.id, { secret: null });
      assert.equal(cleared.hasSecret, false);
      await deleteWebhook(ctx, ADMIN, created.id);
      assert.deepEqual(
        (await listWebhooks(ctx, ADMIN)).map((w) => w.name),
        ['Ops'],
      );

      const { rows } = await db.query<{
        actor: string;
        action: string;
        entity_id: string;
        before: unknown;
        after: unknown;
      }>(
        `SELECT actor, action, entity_id, before, after FROM audit_log WHERE entity = 'webhook' ORDER BY id`,
      );
      assert.deepEqual(
        rows.map((r) => [r.actor, r.action, r.entity_id]),
        [
          ['user:1', 'webhook.create', '1'],
          ['user:1', 'webhook.create', '2'],
          ['user:1', 'webhook.update', '1'],
          ['user:1', 'webhook.update', '1'],
          ['user:1', 'webhook.delete', '1'],
        ],
      );
      const log = JSON.stringify(rows);
      assert.ok(!log.includes('SEC0123456789abcdef'), 'the secret is never written to the audit log');
      assert.ok(!log.includes('9f2c0d8e7b6a5f4e3d2c1b0a'), 'nor the robot token in the URL');
      assert.deepEqual(rows[0]?.after, {
        name: 'QA group',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=***',
        preset: 'dingtalk',
        secret: '***',
        isActive: true,
        rules: [],
        severities: [],
      });
      assert.deepEqual(rows[3]?.after, {
        name: 'QA leads',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=***',
        preset: 'dingtalk',
        secret: null,
        isActive: false,
        rules: [],
        severities: [],
        isSecretChanged: true,
      });
    });

    it('refuses bad input, unknown webhooks and actors without webhooks:manage', async () => {
      await assert.rejects(
        createWebhook(ctx, ADMIN, { name: 'x', url: 'ftp://files.example.com/in' }),
        isAppError('invalid', /url/),
      );
      await assert.rejects(
        createWebhook(ctx, ADMIN, { name: 'x', url: 'https://a.example.com', preset: 'teams' as 'slack' }),
        isAppError('invalid', /preset/),
      );
      await assert.rejects(
        createWebhook(ctx, ADMIN, { name: '  ', url: 'https://a.example.com' }),
        isAppError('invalid'),
      );
      await assert.rejects(
        createWebhook(ctx, REVIEWER, { name: 'x', url: 'https://a.example.com' }),
        isAppError('forbidden'),
      );
      await assert.rejects(listWebhooks(ctx, REVIEWER), isAppError('forbidden'));
      await assert.rejects(updateWebhook(ctx, ADMIN, 99, { name: 'y' }), isAppError('not_found'));
      await assert.rejects(deleteWebhook(ctx, ADMIN, 99), isAppError('not_found'));
      await assert.rejects(listDeliveries(ctx, REVIEWER, {}), isAppError('forbidden'));
      const { rows } = await db.query('SELECT 1 FROM audit_log');
      assert.equal(rows.length, 0);
    });

    it('posts the generic preset signed with X-Serviq-Signature', async () => {
      const alertId = await seedAlert(db);
      const hook = await createWebhook(ctx, ADMIN, { name: 'g', url: `${base}/generic`, secret: 'shh' });
      const result = await deliverAlert(ctx, alertId, hook.id, 1, { dashboardUrl: DASHBOARD });
      assert.deepEqual(result, {
        isDelivered: true,
        shouldRetry: false,
        retryInMs: null,
        status: 200,
        error: null,
      });

      const [req] = requests;
      assert.equal(req?.path, '/generic');
      assert.equal(req?.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(req?.headers['x-serviq-delivery'], `${alertId}:${hook.id}`);
      const expected = `sha256=${createHmac('sha256', 'shh')
        .update(req?.body ?? '')
        .digest('hex')}`;
      assert.equal(req?.headers['x-serviq-signature'], expected);
      const body = bodyOf(req);
      assert.equal(body.type, 'serviq.alert');
      assert.deepEqual(body.alert, await alertPayload(db, alertId, DASHBOARD));
      assert.equal(body.alert.agentName, 'Li Na');
      assert.match(body.alert.url, /^https:\/\/qa\.example\.com\/conversations\/[0-9a-f-]{36}$/);

      // Without a secret there is no signature header.
      const plain = await createWebhook(ctx, ADMIN, { name: 'p', url: `${base}/plain` });
      await deliverAlert(ctx, alertId, plain.id, 1);
      assert.equal(requests[1]?.headers['x-serviq-signature'], undefined);
    });

    it('signs DingTalk URLs and posts each robot its own message format', async () => {
      const alertId = await seedAlert(db);
      const ding = await createWebhook(ctx, ADMIN, {
        name: 'ding',
        url: `${base}/robot/send?access_token=tok`,
        preset: 'dingtalk',
        secret: 'SECabc',
      });
      await createWebhook(ctx, ADMIN, {
        name: 'wecom',
        url: `${base}/cgi-bin/webhook/send?key=k1`,
        preset: 'wecom',
      });
      await createWebhook(ctx, ADMIN, { name: 'slack', url: `${base}/services/T1/B2/abc`, preset: 'slack' });
      script('/robot/send', { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
      script('/cgi-bin/webhook/send', { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });

      const summary = await deliverAlertToAll(ctx, alertId, { dashboardUrl: DASHBOARD });
      assert.deepEqual(
        summary.map((s) => [s.isDelivered, s.attempts]),
        [
          [true, 1],
          [true, 1],
          [true, 1],
        ],
      );

      const byPath = new Map(requests.map((r) => [r.path, r]));
      const dingReq = byPath.get('/robot/send');
      assert.equal(dingReq?.query.get('access_token'), 'tok');
      assert.equal(dingReq?.query.get('timestamp'), String(NOW));
      const sign = createHmac('sha256', 'SECabc').update(`${NOW}\nSECabc`).digest('base64');
      assert.equal(dingReq?.query.get('sign'), sign);
      assert.equal(dingReq?.headers['x-serviq-signature'], undefined);
      assert.deepEqual(
        bodyOf(dingReq),
        webhookPayload('dingtalk', await alertPayload(db, alertId, DASHBOARD)),
      );

      const wecom = bodyOf(byPath.get('/cgi-bin/webhook/send'));
      assert.equal(wecom.msgtype, 'markdown');
      assert.ok(wecom.markdown.content.includes(QUOTE));
      const slack = bodyOf(byPath.get('/services/T1/B2/abc'));
      assert.match(slack.text, /Rude language/);
      assert.equal(slack.blocks[0].type, 'header');

      assert.deepEqual(
        (await listDeliveries(ctx, ADMIN, { webhookId: ding.id })).map((d) => [d.status, d.error, d.attempt]),
        [[200, null, 1]],
      );
    });

    it('retries a 500 and records the success: two delivery rows', async () => {
      const alertId = await seedAlert(db);
      const hook = await createWebhook(ctx, ADMIN, { name: 'g', url: `${base}/flaky` });
      script('/flaky', { status: 500, body: 'database is down' });
      const slept: number[] = [];
      const summary = await deliverAlertToAll(ctx, alertId, { sleep: async (ms) => slept.push(ms) });
      assert.deepEqual(summary, [{ webhookId: hook.id, isDelivered: true, attempts: 2, error: null }]);
      assert.deepEqual(slept, [1000]);
      assert.equal(requests.length, 2);
      assert.equal(requests[0]?.body, requests[1]?.body, 'a retry posts the same body');

      const rows = await listDeliveries(ctx, ADMIN, { alertId });
      assert.deepEqual(
        rows.map((d) => [d.attempt, d.status, d.error, d.webhookId, d.alertId]),
        [
          [2, 200, null, hook.id, alertId],
          [1, 500, 'HTTP 500: database is down', hook.id, alertId],
        ],
      );
      for (const d of rows) {
        assert.ok(typeof d.durationMs === 'number' && d.durationMs >= 0);
        assert.equal(d.createdAt, '2025-03-03T09:00:00.000Z');
      }
    });

    it('does not retry a 400, and gives up after six failed attempts', async () => {
      const alertId = await seedAlert(db);
      const refusing = await createWebhook(ctx, ADMIN, { name: 'r', url: `${base}/refuse` });
      script('/refuse', { status: 400, body: 'invalid_payload' });
      assert.deepEqual(await deliverAlert(ctx, alertId, refusing.id, 1), {
        isDelivered: false,
        shouldRetry: false,
        retryInMs: null,
        status: 400,
        error: 'HTTP 400: invalid_payload',
      });
      await updateWebhook(ctx, ADMIN, refusing.id, { isActive: false });

      const down = await createWebhook(ctx, ADMIN, { name: 'd', url: `${base}/down` });
      script('/down', ...Array.from({ length: 6 }, () => ({ status: 503 })));
      const slept: number[] = [];
      const summary = await deliverAlertToAll(ctx, alertId, { sleep: async (ms) => slept.push(ms) });
      assert.deepEqual(summary, [{ webhookId: down.id, isDelivered: false, attempts: 6, error: 'HTTP 503' }]);
      assert.deepEqual(slept, [1000, 4000, 16_000, 64_000, 256_000]);
      assert.equal((await listDeliveries(ctx, ADMIN, { webhookId: down.id })).length, 6);
      assert.equal((await listDeliveries(ctx, ADMIN, { webhookId: refusing.id })).length, 1);
      assert.deepEqual(
        (await listDeliveries(ctx, ADMIN, { alertId, limit: 2 })).map((d) => d.attempt),
        [6, 5],
      );
    });

    it('times out a receiver that does not answer, and retries it', async () => {
      const alertId = await seedAlert(db);
      const hook = await createWebhook(ctx, ADMIN, { name: 'slow', url: `${base}/slow` });
      script('/slow', 'hang');
      const started = Date.now();
      const result = await deliverAlert(ctx, alertId, hook.id, 2, { timeoutMs: 150 });
      assert.ok(Date.now() - started < 2000);
      assert.deepEqual(result, {
        isDelivered: false,
        shouldRetry: true,
        retryInMs: 4000,
        status: null,
        error: 'timed out after 150 ms',
      });
      const [row] = await listDeliveries(ctx, ADMIN, { webhookId: hook.id });
      assert.deepEqual([row?.attempt, row?.status, row?.error], [2, null, 'timed out after 150 ms']);
      assert.ok((row?.durationMs ?? 0) >= 100);

      // Nobody listening: a network error, retried too.
      const closed = await createWebhook(ctx, ADMIN, { name: 'closed', url: 'http://127.0.0.1:9/nothing' });
      const refused = await deliverAlert(ctx, alertId, closed.id, 1);
      assert.equal(refused.status, null);
      assert.equal(refused.retryInMs, 1000);
      assert.match(refused.error ?? '', /fetch failed/);
    });

    it('reads robot refusals in a 200 answer: rate limits retry, other codes do not', async () => {
      const alertId = await seedAlert(db);
      const ding = await createWebhook(ctx, ADMIN, { name: 'd', url: `${base}/ding`, preset: 'dingtalk' });
      script('/ding', { status: 200, body: '{"errcode":310000,"errmsg":"keywords not in content"}' });
      assert.deepEqual(await deliverAlert(ctx, alertId, ding.id, 1), {
        isDelivered: false,
        shouldRetry: false,
        retryInMs: null,
        status: 200,
        error: 'errcode 310000: keywords not in content',
      });
      const wecom = await createWebhook(ctx, ADMIN, { name: 'w', url: `${base}/wecom`, preset: 'wecom' });
      script('/wecom', { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' });
      const limited = await deliverAlert(ctx, alertId, wecom.id, 1);
      assert.deepEqual([limited.isDelivered, limited.retryInMs], [false, 1000]);
      // A generic receiver's own JSON is not read for robot codes.
      const generic = await createWebhook(ctx, ADMIN, { name: 'g', url: `${base}/generic-json` });
      script('/generic-json', { status: 200, body: '{"errcode":1}' });
      assert.equal((await deliverAlert(ctx, alertId, generic.id, 1)).isDelivered, true);
    });

    it('skips a switched-off webhook, and reports a missing webhook or alert', async () => {
      const alertId = await seedAlert(db);
      const hook = await createWebhook(ctx, ADMIN, { name: 'off', url: `${base}/off`, isActive: false });
      const result = await deliverAlert(ctx, alertId, hook.id, 1);
      assert.deepEqual(
        [result.isDelivered, result.shouldRetry, result.error],
        [false, false, 'webhook is inactive'],
      );
      assert.equal(requests.length, 0);
      assert.deepEqual(await listDeliveries(ctx, ADMIN, {}), []);
      assert.deepEqual(await deliverAlertToAll(ctx, alertId), []);
      await assert.rejects(deliverAlert(ctx, alertId, 999, 1), isAppError('not_found', /webhook 999/));
      const on = await createWebhook(ctx, ADMIN, { name: 'on', url: `${base}/on` });
      await assert.rejects(deliverAlert(ctx, 999, on.id, 1), isAppError('not_found', /alert 999/));
      await assert.rejects(deliverAlert(ctx, alertId, on.id, 0), isAppError('invalid'));
    });

    it('sends an alert only to the webhooks whose rules and severities take it', async () => {
      const alertId = await seedAlert(db, 'rude-language');
      const everything = await createWebhook(ctx, ADMIN, { name: 'all', url: `${base}/all` });
      const critical = await createWebhook(ctx, ADMIN, {
        name: 'critical',
        url: `${base}/critical`,
        severities: ['critical'],
      });
      const rude = await createWebhook(ctx, ADMIN, {
        name: 'rude',
        url: `${base}/rude`,
        rules: ['rude-language'],
      });
      const minor = await createWebhook(ctx, ADMIN, {
        name: 'minor',
        url: `${base}/minor`,
        severities: ['minor'],
      });
      const other = await createWebhook(ctx, ADMIN, {
        name: 'other rule',
        url: `${base}/other`,
        rules: ['greeting'],
        severities: ['critical'],
      });
      const summary = await deliverAlertToAll(ctx, alertId);
      assert.deepEqual(
        summary.map((d) => d.webhookId),
        [everything.id, critical.id, rude.id],
      );
      assert.deepEqual(requests.map((r) => r.path).sort(), ['/all', '/critical', '/rude']);
      const skipped = await deliverAlert(ctx, alertId, minor.id, 1);
      assert.deepEqual([skipped.isDelivered, skipped.shouldRetry], [false, false]);
      assert.match(skipped.error ?? '', /rule or severity/);
      assert.equal((await deliverAlert(ctx, alertId, other.id, 1)).shouldRetry, false);
      assert.equal(requests.length, 3, 'a webhook that does not take the alert is never called');
      await assert.rejects(
        createWebhook(ctx, ADMIN, { name: 'x', url: `${base}/x`, severities: ['urgent' as 'minor'] }),
        isAppError('invalid', /severities/),
      );
    });
  });
}
