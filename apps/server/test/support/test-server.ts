import type { UserRole } from '@serviq/contracts';
import { parseServerConfig, type RunningServer, startServer } from '@serviq/server';
import { createUser } from '@serviq/services';
import { openTestDatabase, type TestDriver } from '@serviq/storage/testing';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };

export type Session = { cookie: string; csrf: string };
export type TestServer = {
  server: RunningServer;
  url: string;
  /** A signed-in user of each role (the supervisor leads team t-east, the agent is agent a-east-1). */
  sessions: Record<UserRole, Session>;
  call(
    method: string,
    path: string,
    options?: { session?: Session; token?: string; body?: unknown; csrf?: boolean; type?: string },
  ): Promise<Response>;
  close(): Promise<void>;
};

/** A server on a fresh test database (PGlite or PostgreSQL), on a free port, with one user per role. */
export async function startTestServer(
  driver: TestDriver,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const database = await openTestDatabase(driver);
  const config = parseServerConfig(
    { port: 0, importThreads: 0, logLevel: 'silent' },
    { SERVIQ_ADMIN_EMAIL: ADMIN.email, SERVIQ_ADMIN_PASSWORD: ADMIN.password, ...env },
  );
  const server = await startServer(config, { database, print: () => undefined });
  const url = (server.app.server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${url}`;
  const call: TestServer['call'] = (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.session) {
      headers.cookie = options.session.cookie;
      if (options.csrf !== false) headers['x-csrf-token'] = options.session.csrf;
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = options.type ?? 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    return fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  };
  const signIn = async (email: string, password: string): Promise<Session> => {
    const res = await call('POST', '/api/v1/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrf: csrfToken };
  };
  const ctx = { db: server.db, now: () => Date.now() };
  const system = { kind: 'system' } as const;
  const users: [UserRole, string[], string | null][] = [
    ['qa_manager', [], null],
    ['reviewer', [], null],
    ['supervisor', ['t-east'], null],
    ['agent', [], 'a-east-1'],
  ];
  const sessions = { admin: await signIn(ADMIN.email, ADMIN.password) } as Record<UserRole, Session>;
  for (const [role, teamIds, agentId] of users) {
    const email = `${role}@example.com`;
    await createUser(ctx, system, {
      email,
      name: role,
      role,
      password: `${role}-password-1`,
      teamIds,
      ...(agentId ? { agentId } : {}),
    });
    sessions[role] = await signIn(email, `${role}-password-1`);
  }
  return { server, url: base, sessions, call, close: () => server.close() };
}

/** Two conversations, one per team, for visibility checks. */
export function twoTeamsJsonl(): string {
  const conv = (id: string, agent: string, team: string, text: string) => ({
    id,
    channel: 'chat',
    startedAt: '2026-11-02T09:00:00Z',
    agents: [{ id: agent, team }],
    messages: [
      { id: 'm1', at: '2026-11-02T09:00:00Z', role: 'customer', text: '你好，我的订单还没到，已经三天了' },
      { id: 'm2', at: '2026-11-02T09:00:40Z', role: 'agent', authorId: agent, text: text },
    ],
  });
  return `${[
    conv('east-1', 'a-east-1', 't-east', '您好，非常抱歉让您久等了，我马上帮您查询'),
    conv('west-1', 'a-west-1', 't-west', '急什么，等着吧'),
  ]
    .map((c) => JSON.stringify(c))
    .join('\n')}\n`;
}
