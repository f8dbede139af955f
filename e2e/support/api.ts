import type { UserRole } from '@serviq/contracts';
import { ADMIN } from './product.ts';

/** A signed-in API session of the suite (cookie and CSRF token), for setting up what the browser tests need. */
export type ApiSession = {
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
};

export async function signInApi(url: string, email: string, password: string): Promise<ApiSession> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${email}: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const answer = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
      return (answer.status === 204 ? undefined : await answer.json()) as T;
    },
  };
}

/** A person the tests sign in as. */
export type TestUser = {
  role: UserRole;
  email: string;
  password: string;
  name: string;
  /** The demo agent an agent user is, and the teams a supervisor leads. */
  agentId: string | null;
  teamIds: string[];
};

type Agent = { id: string; name: string; teamId: string | null };

/**
 * One user of every role, made through the API as the admin: the supervisor leads the team of
 * the demo's first agent, and the agent user is that agent, so both see real conversations.
 */
export async function createRoleUsers(admin: ApiSession): Promise<Record<UserRole, TestUser>> {
  const agents = await admin.request<Agent[]>('GET', '/agents');
  const agent = agents.find((a) => a.teamId !== null);
  if (!agent?.teamId) throw new Error('the demo data has no agent in a team');
  const password = 'e2e-password-1';
  const make = async (role: UserRole, agentId: string | null, teamIds: string[]): Promise<TestUser> => {
    const user = {
      role,
      email: `${role.replace('_', '-')}@example.com`,
      password,
      name: `E2E ${role}`,
      agentId,
      teamIds,
    };
    await admin.request('POST', '/users', {
      email: user.email,
      name: user.name,
      role,
      password,
      ...(agentId ? { agentId } : {}),
      teamIds,
    });
    return user;
  };
  return {
    admin: { role: 'admin', ...ADMIN, name: 'Administrator', agentId: null, teamIds: [] },
    qa_manager: await make('qa_manager', null, []),
    reviewer: await make('reviewer', null, []),
    supervisor: await make('supervisor', null, [agent.teamId]),
    agent: await make('agent', agent.id, []),
  };
}
