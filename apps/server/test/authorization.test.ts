import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_ROUTES, type ApiRoute, USER_ROLES } from '@serviq/contracts';
import { type Actor, can, type Permission } from '@serviq/services';
import { TEST_DRIVERS } from '@serviq/storage/testing';
import { type Session, startTestServer, type TestServer, twoTeamsJsonl } from './support/test-server.ts';

// Every endpoint × every role and token scope: a caller the permission model allows is never
// answered 401/403 (the request may still be invalid or name nothing), one it does not allow is
// answered 403, and no credentials at all 401 — except on public and optional routes.

const MISSING_UUID = '00000000-0000-8000-8000-000000000000';

/** A request for each route that is valid enough to get past authorisation. */
function requestOf(route: ApiRoute): { path: string; body?: unknown; type?: string } {
  const path = route.path
    .replace('/conversations/{id}/messages', '/conversations/matrix-conv/messages')
    .replace('/conversations/{id}/close', '/conversations/east-1/close')
    .replace('/conversations/{id}', `/conversations/${MISSING_UUID}`)
    .replace('/rule-sets/{id}', '/rule-sets/matrix-rules')
    .replace(/\{id\}/, '999999');
  const bodies: Record<string, unknown> = {
    postMessage: {
      conversation: { channel: 'chat' },
      message: { id: 'x1', at: '2026-11-02T10:00:00Z', role: 'customer', text: '你好' },
    },
    closeConversation: { source: 'matrix' },
    createReview: { score: 90 },
    saveRuleSet: { name: 'm', source: 'not: [valid' },
    publishRuleSet: {},
    setRuleSetActive: { isActive: false },
    dryRunRuleSet: { source: 'not: [valid' },
    createWebhook: { name: 'w', url: 'http://127.0.0.1:9/hook', preset: 'generic' },
    updateWebhook: { name: 'w2' },
    upsertAgent: { name: 'A' },
    upsertTeam: { name: 'T' },
    createUser: {
      email: `u${Math.random().toString(36).slice(2)}@example.com`,
      name: 'U',
      role: 'reviewer',
      password: 'long-enough-pw',
    },
    updateUser: { name: 'x' },
    createToken: { name: 't', scopes: ['read'] },
    updateSettings: {},
    login: { email: 'nobody@example.com', password: 'wrong-password' },
    chatwootWebhook: { event: 'conversation_created' },
  };
  if (route.bodyType === 'jsonl') return { path, body: '', type: 'application/x-ndjson' };
  return route.id in bodies ? { path, body: bodies[route.id] } : { path };
}

/** Routes whose use-case refuses more than the permission table (reviews are written by people). */
function isAllowed(route: ApiRoute, actor: Actor): boolean {
  if (route.access === 'public' || route.access === 'optional' || route.access === 'session') return true;
  if (route.id === 'createReview' && actor.kind === 'token') return false;
  return can(actor, route.access as Permission);
}

/** Whether a status is what the model expects; public routes may still refuse bad credentials (login). */
function isExpected(route: ApiRoute, actor: Actor, status: number): boolean {
  if (route.access === 'public' || route.access === 'optional') return status !== 403;
  return isAllowed(route, actor) ? status !== 401 && status !== 403 : status === 403;
}

async function statusOf(
  t: TestServer,
  route: ApiRoute,
  who: { session?: Session; token?: string },
): Promise<number> {
  const { path, body, type } = requestOf(route);
  const controller = new AbortController();
  const headers: Record<string, string> = {};
  if (who.session) {
    headers.cookie = who.session.cookie;
    headers['x-csrf-token'] = who.session.csrf;
  }
  if (who.token) headers.authorization = `Bearer ${who.token}`;
  if (body !== undefined) headers['content-type'] = type ?? 'application/json';
  const res = await fetch(`${t.url}${path}`, {
    method: route.method,
    headers,
    signal: controller.signal,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  // Streams stay open: the status is all this test needs.
  controller.abort();
  return res.status;
}

for (const driver of TEST_DRIVERS) {
  describe(`authorisation of every endpoint on ${driver.name}`, () => {
    let t: TestServer;
    const tokens: Record<string, string> = {};
    before(async () => {
      t = await startTestServer(driver);
      for (const scopes of [['ingest'], ['read'], ['admin']]) {
        const res = await t.call('POST', '/api/v1/tokens', {
          session: t.sessions.admin,
          body: { name: scopes.join(), scopes },
        });
        tokens[scopes.join()] = ((await res.json()) as { token: string }).token;
      }
      const imported = await t.call('POST', '/api/v1/conversations:batch', {
        token: tokens.ingest,
        body: twoTeamsJsonl(),
        type: 'application/x-ndjson',
      });
      assert.equal(imported.status, 200);
    });
    after(() => t.close());

    // Signing out ends the session the rest of the matrix needs: it goes last.
    const routes = [...API_ROUTES].sort((a, b) => Number(a.id === 'logout') - Number(b.id === 'logout'));

    for (const route of routes) {
      it(`${route.method} ${route.path}`, async () => {
        const seen: string[] = [];
        for (const role of USER_ROLES) {
          const actor: Actor = { kind: 'user', userId: 0, role, agentId: null, teamIds: [] };
          const status = await statusOf(t, route, { session: t.sessions[role] });
          if (!isExpected(route, actor, status)) seen.push(`${role}: ${status}`);
        }
        if (route.id !== 'logout')
          for (const [scopes, token] of Object.entries(tokens)) {
            const actor: Actor = {
              kind: 'token',
              tokenId: 0,
              scopes: scopes.split(',') as ('ingest' | 'read' | 'admin')[],
            };
            const status = await statusOf(t, route, { token });
            if (!isExpected(route, actor, status)) seen.push(`token ${scopes}: ${status}`);
          }
        const anonymous = await statusOf(t, route, {});
        const isRefused =
          route.access === 'public'
            ? anonymous === 403
            : route.access === 'optional'
              ? anonymous === 401 || anonymous === 403
              : anonymous !== 401;
        if (isRefused) seen.push(`anonymous: ${anonymous}`);
        assert.deepEqual(seen, [], `${route.id}: unexpected answers`);
      });
    }
  });
}
