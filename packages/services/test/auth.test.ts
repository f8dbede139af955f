import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEFAULT_ADMIN_EMAIL } from '@serviq/contracts';
import type { Database } from '@serviq/storage';
import { openTestDatabase, TEST_DRIVERS, type TestDriver } from '@serviq/storage/testing';
import { authenticateSession } from '../src/auth/authenticate-session.ts';
import { authenticateToken } from '../src/auth/authenticate-token.ts';
import { ensureAdmin } from '../src/auth/bootstrap-admin.ts';
import { createToken } from '../src/auth/create-token.ts';
import { createUser } from '../src/auth/create-user.ts';
import { deleteUser } from '../src/auth/delete-user.ts';
import { listAgents } from '../src/auth/list-agents.ts';
import { listTeams } from '../src/auth/list-teams.ts';
import { listTokens } from '../src/auth/list-tokens.ts';
import { listUsers } from '../src/auth/list-users.ts';
import { login } from '../src/auth/login.ts';
import { createLoginLimiter, RateLimitedError } from '../src/auth/login-limiter.ts';
import { logout } from '../src/auth/logout.ts';
import { hashPassword, verifyPassword } from '../src/auth/password.ts';
import { revokeToken } from '../src/auth/revoke-token.ts';
import { updateUser } from '../src/auth/update-user.ts';
import { upsertAgent } from '../src/auth/upsert-agent.ts';
import { upsertTeam } from '../src/auth/upsert-team.ts';
import type { PublicUser } from '../src/auth/user-record.ts';
import { verifyCsrf } from '../src/auth/verify-csrf.ts';
import { type Actor, can } from '../src/service/actor.ts';
import { AppError } from '../src/service/app-error.ts';
import type { ServiceContext } from '../src/service/service-context.ts';

const SYSTEM: Actor = { kind: 'system' };
const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;

// One database per driver (opening and migrating one costs seconds), emptied before each test.
const databases = new Map<string, Promise<Database>>();
const EMPTY =
  'TRUNCATE users, sessions, api_tokens, audit_log, teams, agents, reviews, conversations RESTART IDENTITY CASCADE';

/** A context on an empty database whose clock moves only when the test says so. */
async function open(driver: TestDriver) {
  if (!databases.has(driver.name)) databases.set(driver.name, openTestDatabase(driver));
  const db = (await databases.get(driver.name)) as Database;
  await db.exec(EMPTY);
  let time = Date.parse('2025-03-03T09:00:00Z');
  const ctx: ServiceContext = { db, now: () => time };
  return { db, ctx, advance: (ms: number) => (time += ms) };
}

/** Asserts an AppError of the code (and field), like `assert.rejects` with a predicate. */
const isAppError =
  (code: AppError['code'], field?: string, message?: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (field !== undefined) assert.equal(error.field, field);
    if (message) assert.match(error.message, message);
    return true;
  };

const actorOf = (user: PublicUser): Actor => ({
  kind: 'user',
  userId: user.id,
  role: user.role,
  agentId: user.agentId,
  teamIds: user.teamIds,
});

const newUser = (ctx: ServiceContext, email: string, extra: Partial<Parameters<typeof createUser>[2]> = {}) =>
  createUser(ctx, SYSTEM, {
    email,
    name: email.split('@')[0] as string,
    role: 'admin',
    password: PASSWORD,
    ...extra,
  });

async function auditRows(db: Database, entity: string) {
  const { rows } = await db.query<{
    actor: string;
    action: string;
    entity_id: string;
    before: unknown;
    after: unknown;
  }>('SELECT actor, action, entity_id, before, after FROM audit_log WHERE entity = $1 ORDER BY id', [entity]);
  return rows;
}

describe('passwords', () => {
  it('hash to scrypt$N$r$p$salt$hash with a fresh salt, and verify only the right password', async () => {
    const stored = await hashPassword(PASSWORD);
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    assert.deepEqual([scheme, n, r, p], ['scrypt', '16384', '8', '1']);
    assert.equal(Buffer.from(salt as string, 'base64').length, 16);
    assert.equal(Buffer.from(hash as string, 'base64').length, 64);
    assert.notEqual(await hashPassword(PASSWORD), stored, 'each hash has its own salt');
    assert.equal(await verifyPassword(PASSWORD, stored), true);
    assert.equal(await verifyPassword(`${PASSWORD}!`, stored), false);
    assert.equal(await verifyPassword(PASSWORD, 'plain text'), false);
    assert.equal(await verifyPassword(PASSWORD, 'scrypt$x$8$1$AAAA$AAAA'), false);
  });
});

describe('login limiter', () => {
  it('blocks the 11th attempt of a key within the window and frees it when the oldest attempt leaves', () => {
    const limiter = createLoginLimiter({ maxAttempts: 10, windowMs: 15 * MINUTE });
    const start = 1_000_000;
    for (let i = 0; i < 10; i++) limiter.take(['email:a@x.io'], start + i * MINUTE);
    assert.throws(
      () => limiter.take(['email:a@x.io'], start + 10 * MINUTE),
      (error: unknown) => {
        assert.ok(error instanceof RateLimitedError);
        assert.equal(error.code, 'rate_limited');
        assert.equal(error.retryAfterSeconds, 5 * 60, 'the first attempt leaves the window 5 minutes later');
        assert.match(error.message, /try again in 5 min/);
        return true;
      },
    );
    limiter.take(['email:other@x.io'], start + 10 * MINUTE);
    limiter.take(['email:a@x.io'], start + 15 * MINUTE);
    assert.throws(() => limiter.take(['email:a@x.io'], start + 15 * MINUTE + 1), RateLimitedError);
  });

  it('does not count refunded (successful) attempts, and forgets the oldest keys beyond its bound', () => {
    const limiter = createLoginLimiter({ maxAttempts: 2, windowMs: MINUTE, maxKeys: 3 });
    for (let i = 0; i < 5; i++) {
      limiter.take(['ip:10.0.0.1'], i);
      limiter.refund(['ip:10.0.0.1']);
    }
    limiter.take(['ip:10.0.0.1'], 10);
    limiter.take(['ip:10.0.0.1'], 11);
    assert.throws(() => limiter.take(['ip:10.0.0.1'], 12), RateLimitedError);
    for (const key of ['a', 'b', 'c']) limiter.take([key], 13);
    limiter.take(['ip:10.0.0.1'], 14);
  });
});

describe('verifyCsrf', () => {
  it('accepts only the same token', () => {
    assert.equal(verifyCsrf('abc123', 'abc123'), true);
    assert.equal(verifyCsrf('abc123', 'abc124'), false);
    assert.equal(verifyCsrf('abc123', 'abc1234'), false);
    assert.equal(verifyCsrf('abc123', undefined), false);
    assert.equal(verifyCsrf('', ''), false);
  });
});

for (const driver of TEST_DRIVERS) {
  describe(`users on ${driver.name}`, () => {
    it('creates a user of each role, lower-cases emails and returns no password hash', async () => {
      const { ctx } = await open(driver);
      const admin = await newUser(ctx, 'Boss@Example.COM');
      assert.deepEqual(Object.keys(admin).sort(), [
        'agentId',
        'createdAt',
        'email',
        'id',
        'isDisabled',
        'name',
        'role',
        'teamIds',
      ]);
      assert.equal(admin.email, 'boss@example.com');
      assert.equal(admin.createdAt, '2025-03-03T09:00:00.000Z');
      await newUser(ctx, 'qa@example.com', { role: 'qa_manager' });
      await newUser(ctx, 'rev@example.com', { role: 'reviewer' });
      const supervisor = await newUser(ctx, 'sup@example.com', {
        role: 'supervisor',
        teamIds: ['t1', 't2', 't1'],
      });
      assert.deepEqual(supervisor.teamIds, ['t1', 't2']);
      const agent = await newUser(ctx, 'agent@example.com', { role: 'agent', agentId: 'a-7' });
      assert.equal(agent.agentId, 'a-7');
      const users = await listUsers(ctx, actorOf(admin));
      assert.deepEqual(
        users.map((u) => u.role),
        ['admin', 'qa_manager', 'reviewer', 'supervisor', 'agent'],
      );
    });

    it('refuses a duplicate email, a short password, an agent without agent id and a supervisor without teams', async () => {
      const { ctx, db } = await open(driver);
      await newUser(ctx, 'dup@example.com');
      await assert.rejects(newUser(ctx, ' DUP@example.com '), isAppError('conflict', 'email'));
      await assert.rejects(
        newUser(ctx, 'short@example.com', { password: 'short' }),
        isAppError('invalid', 'password'),
      );
      await assert.rejects(newUser(ctx, 'not an email'), isAppError('invalid', 'email'));
      await assert.rejects(
        newUser(ctx, 'a@example.com', { role: 'agent' }),
        isAppError('invalid', 'agentId'),
      );
      await assert.rejects(
        newUser(ctx, 's@example.com', { role: 'supervisor' }),
        isAppError('invalid', 'teamIds'),
      );
      const { rows } = await db.query('SELECT email FROM users');
      assert.equal(rows.length, 1);
    });

    it('lets only users:manage create, change, list and delete users', async () => {
      const { ctx } = await open(driver);
      const reviewer = await newUser(ctx, 'rev@example.com', { role: 'reviewer' });
      const readToken: Actor = { kind: 'token', tokenId: 1, scopes: ['read'] };
      for (const actor of [actorOf(reviewer), readToken]) {
        await assert.rejects(
          createUser(ctx, actor, { email: 'x@example.com', name: 'X', role: 'admin', password: PASSWORD }),
          isAppError('forbidden'),
        );
        await assert.rejects(updateUser(ctx, actor, reviewer.id, { name: 'Y' }), isAppError('forbidden'));
        await assert.rejects(listUsers(ctx, actor), isAppError('forbidden'));
        await assert.rejects(deleteUser(ctx, actor, reviewer.id), isAppError('forbidden'));
      }
    });

    it('updates role, links and name, resets the password, and audits every change without hashes', async () => {
      const { ctx, db } = await open(driver);
      const admin = await newUser(ctx, 'admin@example.com');
      const user = await newUser(ctx, 'ann@example.com', { role: 'reviewer' });
      const actor = actorOf(admin);
      const changed = await updateUser(ctx, actor, user.id, {
        role: 'supervisor',
        teamIds: ['t1'],
        name: 'Ann',
      });
      assert.deepEqual({ ...changed }, { ...user, role: 'supervisor', teamIds: ['t1'], name: 'Ann' });
      await assert.rejects(
        updateUser(ctx, actor, user.id, { teamIds: [] }),
        isAppError('invalid', 'teamIds'),
      );
      await assert.rejects(updateUser(ctx, actor, user.id, {}), isAppError('invalid'));
      await assert.rejects(updateUser(ctx, actor, 999, { name: 'Nobody' }), isAppError('not_found'));
      assert.deepEqual(
        await updateUser(ctx, actor, user.id, { name: 'Ann' }),
        changed,
        'no change, no audit',
      );

      const session = await login(ctx, { email: 'ann@example.com', password: PASSWORD }, { limiter: null });
      await updateUser(ctx, actor, String(user.id), { password: 'a brand new secret' });
      await assert.rejects(authenticateSession(ctx, session.sessionToken), isAppError('unauthorized'));
      await assert.rejects(
        login(ctx, { email: 'ann@example.com', password: PASSWORD }, { limiter: null }),
        isAppError('unauthorized'),
      );
      await login(ctx, { email: 'ann@example.com', password: 'a brand new secret' }, { limiter: null });

      const audit = await auditRows(db, 'user');
      assert.deepEqual(
        audit.map((r) => [r.actor, r.action]),
        [
          ['system', 'user.create'],
          ['system', 'user.create'],
          [`user:${admin.id}`, 'user.update'],
          [`user:${user.id}`, 'session.login'],
          [`user:${admin.id}`, 'user.reset_password'],
          [`user:${user.id}`, 'session.login'],
        ],
      );
      const update = audit[2];
      assert.deepEqual(update?.before, user);
      assert.deepEqual(update?.after, changed);
      const everything = await db.query('SELECT * FROM audit_log');
      assert.doesNotMatch(JSON.stringify(everything.rows), /scrypt|password_hash|passwordHash|brand new/);
    });

    it('keeps at least one enabled admin, and deletes users who wrote no reviews', async () => {
      const { ctx, db } = await open(driver);
      const first = await newUser(ctx, 'first@example.com');
      const actor = actorOf(first);
      await assert.rejects(updateUser(ctx, actor, first.id, { role: 'reviewer' }), isAppError('conflict'));
      await assert.rejects(updateUser(ctx, actor, first.id, { isDisabled: true }), isAppError('conflict'));
      const second = await newUser(ctx, 'second@example.com');
      await updateUser(ctx, actor, second.id, { isDisabled: true });
      await assert.rejects(updateUser(ctx, actor, first.id, { role: 'reviewer' }), isAppError('conflict'));
      await updateUser(ctx, actor, second.id, { isDisabled: false });
      const demoted = await updateUser(ctx, actor, first.id, { role: 'qa_manager' });

      await assert.rejects(
        deleteUser(ctx, actorOf(second), second.id),
        isAppError('conflict', undefined, /own/),
      );
      const reviewer = await newUser(ctx, 'rev@example.com', { role: 'reviewer' });
      await db.query(
        'INSERT INTO conversations (id, source, external_id, channel, started_at, ended_at) VALUES ($1, $2, $3, $4, now(), now())',
        ['00000000-0000-4000-8000-000000000001', 'test', 'c1', 'chat'],
      );
      await db.query('INSERT INTO reviews (conversation_id, reviewer_id, score) VALUES ($1, $2, 90)', [
        '00000000-0000-4000-8000-000000000001',
        reviewer.id,
      ]);
      await assert.rejects(
        deleteUser(ctx, actorOf(second), reviewer.id),
        isAppError('conflict', undefined, /disable/),
      );
      await deleteUser(ctx, actorOf(second), first.id);
      await assert.rejects(deleteUser(ctx, actorOf(second), first.id), isAppError('not_found'));
      const deleted = (await auditRows(db, 'user')).at(-1);
      assert.equal(deleted?.action, 'user.delete');
      assert.deepEqual(deleted?.before, demoted);
    });
  });

  describe(`sessions on ${driver.name}`, () => {
    it('signs in, stores only the hash of the session token, authenticates and signs out', async () => {
      const { ctx, db } = await open(driver);
      const agent = await newUser(ctx, 'agent@example.com', { role: 'agent', agentId: 'a-1' });
      const result = await login(ctx, { email: ' Agent@Example.com', password: PASSWORD }, { limiter: null });
      assert.match(result.sessionToken, /^[A-Za-z0-9_-]{43}$/);
      assert.match(result.csrfToken, /^[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(result.user, agent);
      assert.equal(result.expiresAt, '2025-03-03T21:00:00.000Z');
      const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
      assert.deepEqual(
        rows.map((r) => r.token_hash),
        [createHash('sha256').update(result.sessionToken).digest('hex')],
      );

      const session = await authenticateSession(ctx, result.sessionToken);
      assert.deepEqual(session.actor, {
        kind: 'user',
        userId: agent.id,
        role: 'agent',
        agentId: 'a-1',
        teamIds: [],
      });
      assert.equal(session.csrfToken, result.csrfToken);
      assert.ok(verifyCsrf(session.csrfToken, result.csrfToken));
      await assert.rejects(authenticateSession(ctx, 'made-up'), isAppError('unauthorized'));
      await assert.rejects(authenticateSession(ctx, undefined), isAppError('unauthorized'));

      await logout(ctx, result.sessionToken);
      await logout(ctx, result.sessionToken);
      await assert.rejects(authenticateSession(ctx, result.sessionToken), isAppError('unauthorized'));
    });

    it('answers a wrong password, an unknown email and a disabled account alike', async () => {
      const { ctx } = await open(driver);
      const admin = await newUser(ctx, 'admin@example.com');
      const user = await newUser(ctx, 'off@example.com', { role: 'reviewer' });
      await updateUser(ctx, actorOf(admin), user.id, { isDisabled: true });
      const message = /^email or password is wrong$/;
      for (const credentials of [
        { email: 'admin@example.com', password: 'not the password' },
        { email: 'nobody@example.com', password: PASSWORD },
        { email: 'off@example.com', password: PASSWORD },
      ])
        await assert.rejects(
          login(ctx, credentials, { limiter: null }),
          isAppError('unauthorized', undefined, message),
        );
    });

    it('rate-limits sign-ins per email and per address, and frees them after the window', async () => {
      const { ctx, advance } = await open(driver);
      await newUser(ctx, 'admin@example.com');
      await newUser(ctx, 'other@example.com');
      const limiter = createLoginLimiter({ maxAttempts: 10, windowMs: 15 * MINUTE });
      const wrong = { email: 'admin@example.com', password: 'wrong password' };
      for (let i = 0; i < 10; i++)
        await assert.rejects(login(ctx, wrong, { limiter, ip: `10.0.0.${i}` }), isAppError('unauthorized'));
      const right = { email: 'admin@example.com', password: PASSWORD };
      await assert.rejects(
        login(ctx, right, { limiter, ip: '10.0.1.1' }),
        isAppError('rate_limited', undefined, /try again in 15 min/),
      );
      // Another email from one of those addresses is still let in: each address made one attempt.
      await login(ctx, { email: 'other@example.com', password: PASSWORD }, { limiter, ip: '10.0.0.1' });
      advance(15 * MINUTE);
      await login(ctx, right, { limiter, ip: '10.0.1.1' });

      for (let i = 0; i < 10; i++)
        await assert.rejects(
          login(ctx, { email: `guess${i}@example.com`, password: PASSWORD }, { limiter, ip: '10.9.9.9' }),
          isAppError('unauthorized'),
        );
      await assert.rejects(
        login(ctx, { email: 'other@example.com', password: PASSWORD }, { limiter, ip: '10.9.9.9' }),
        isAppError('rate_limited'),
      );
    });

    it('expires a session after its lifetime and deletes its row', async () => {
      const { ctx, db, advance } = await open(driver);
      await newUser(ctx, 'admin@example.com');
      const result = await login(ctx, { email: 'admin@example.com', password: PASSWORD }, { limiter: null });
      const short = await login(
        ctx,
        { email: 'admin@example.com', password: PASSWORD },
        { limiter: null, sessionLifetimeMs: 30 * MINUTE },
      );
      advance(30 * MINUTE);
      await assert.rejects(
        authenticateSession(ctx, short.sessionToken),
        isAppError('unauthorized', undefined, /expired/),
      );
      advance(12 * 60 * MINUTE - 30 * MINUTE - 1);
      await authenticateSession(ctx, result.sessionToken);
      advance(1);
      await assert.rejects(
        authenticateSession(ctx, result.sessionToken),
        isAppError('unauthorized', undefined, /expired/),
      );
      const { rows } = await db.query('SELECT 1 FROM sessions');
      assert.equal(rows.length, 0);
    });
  });

  describe(`API tokens on ${driver.name}`, () => {
    it('creates a token shown once, authenticates it with its scopes, and refuses it once revoked', async () => {
      const { ctx, db, advance } = await open(driver);
      const admin = await newUser(ctx, 'admin@example.com');
      const actor = actorOf(admin);
      const { token, apiToken } = await createToken(ctx, actor, {
        name: 'Zendesk sync',
        scopes: ['ingest', 'ingest'],
      });
      assert.match(token, /^sq_[A-Za-z0-9_-]{43}$/);
      assert.equal(apiToken.prefix, token.slice(0, 8));
      assert.equal(apiToken.prefix.length, 8);
      assert.deepEqual(apiToken.scopes, ['ingest']);
      assert.equal(apiToken.createdBy, admin.id);

      const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
      assert.equal(stored.rows[0]?.token_hash, createHash('sha256').update(token).digest('hex'));
      assert.doesNotMatch(
        JSON.stringify((await db.query('SELECT * FROM api_tokens')).rows),
        new RegExp(token),
      );

      const tokenActor = await authenticateToken(ctx, token);
      assert.deepEqual(tokenActor, { kind: 'token', tokenId: apiToken.id, scopes: ['ingest'] });
      assert.equal(can(tokenActor, 'conversations:write'), true);
      assert.equal(can(tokenActor, 'conversations:read'), false);
      await assert.rejects(
        createToken(ctx, tokenActor, { name: 'x', scopes: ['admin'] }),
        isAppError('forbidden'),
      );

      const lastUsed = async () => (await listTokens(ctx, actor))[0]?.lastUsedAt;
      assert.equal(await lastUsed(), '2025-03-03T09:00:00.000Z');
      advance(59_000);
      await authenticateToken(ctx, token);
      assert.equal(await lastUsed(), '2025-03-03T09:00:00.000Z', 'written at most once a minute');
      advance(1_000);
      await authenticateToken(ctx, token);
      assert.equal(await lastUsed(), '2025-03-03T09:01:00.000Z');

      const listed = await listTokens(ctx, actor);
      assert.deepEqual(Object.keys(listed[0] ?? {}).sort(), [
        'createdAt',
        'createdBy',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'revokedAt',
        'scopes',
      ]);

      const revoked = await revokeToken(ctx, actor, apiToken.id);
      assert.equal(revoked.revokedAt, '2025-03-03T09:01:00.000Z');
      assert.deepEqual(await revokeToken(ctx, actor, apiToken.id), revoked);
      await assert.rejects(authenticateToken(ctx, token), isAppError('unauthorized'));
      await assert.rejects(authenticateToken(ctx, 'sq_unknown'), isAppError('unauthorized'));
      await assert.rejects(authenticateToken(ctx, ''), isAppError('unauthorized'));
      await assert.rejects(revokeToken(ctx, actor, 999), isAppError('not_found'));

      const audit = await auditRows(db, 'api_token');
      assert.deepEqual(
        audit.map((r) => r.action),
        ['token.create', 'token.revoke'],
      );
      assert.deepEqual(audit[1]?.before, { ...revoked, revokedAt: null });
      assert.deepEqual(audit[1]?.after, revoked);
      assert.doesNotMatch(JSON.stringify(audit), /token_hash|sq_[A-Za-z0-9_-]{43}/);
    });

    it('refuses empty or unknown scopes and actors without tokens:manage', async () => {
      const { ctx } = await open(driver);
      const admin = actorOf(await newUser(ctx, 'admin@example.com'));
      const qa = actorOf(await newUser(ctx, 'qa@example.com', { role: 'qa_manager' }));
      await assert.rejects(
        createToken(ctx, admin, { name: 'x', scopes: [] }),
        isAppError('invalid', 'scopes'),
      );
      await assert.rejects(
        createToken(ctx, admin, { name: 'x', scopes: ['write' as 'read'] }),
        isAppError('invalid', 'scopes.0'),
      );
      await assert.rejects(
        createToken(ctx, admin, { name: ' ', scopes: ['read'] }),
        isAppError('invalid', 'name'),
      );
      await assert.rejects(createToken(ctx, qa, { name: 'x', scopes: ['read'] }), isAppError('forbidden'));
      await assert.rejects(listTokens(ctx, qa), isAppError('forbidden'));
      await assert.rejects(revokeToken(ctx, qa, 1), isAppError('forbidden'));
    });
  });

  describe(`first admin on ${driver.name}`, () => {
    it('creates the admin once, with a generated password that signs in', async () => {
      const { ctx, db } = await open(driver);
      const created = await ensureAdmin(ctx);
      assert.ok(created.created);
      assert.equal(created.email, DEFAULT_ADMIN_EMAIL);
      assert.equal(created.isGenerated, true);
      assert.equal(created.password.length, 20);
      const { user } = await login(
        ctx,
        { email: DEFAULT_ADMIN_EMAIL, password: created.password },
        { limiter: null },
      );
      assert.equal(user.role, 'admin');
      assert.deepEqual(await ensureAdmin(ctx, { email: 'second@example.com', password: PASSWORD }), {
        created: false,
      });
      assert.equal((await db.query('SELECT 1 FROM users')).rows.length, 1);
      const audit = await auditRows(db, 'user');
      assert.deepEqual(
        audit.map((r) => [r.actor, r.action]),
        [
          ['system', 'user.create'],
          [`user:${user.id}`, 'session.login'],
        ],
      );
    });

    it('uses the given email and password, and creates one admin when processes start together', async () => {
      const { ctx, db } = await open(driver);
      await assert.rejects(ensureAdmin(ctx, { password: 'short' }), isAppError('invalid', 'password'));
      const results = await Promise.all(
        Array.from({ length: 4 }, () => ensureAdmin(ctx, { email: 'Root@Example.com', password: PASSWORD })),
      );
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.deepEqual(
        results.find((r) => r.created),
        {
          created: true,
          email: 'root@example.com',
          password: PASSWORD,
          isGenerated: false,
        },
      );
      const { rows } = await db.query<{ email: string }>("SELECT email FROM users WHERE role = 'admin'");
      assert.deepEqual(rows, [{ email: 'root@example.com' }]);
    });
  });

  describe(`agents and teams on ${driver.name}`, () => {
    it('upserts teams and agents with audit rows, and lists what each role may see', async () => {
      const { ctx, db } = await open(driver);
      const admin = actorOf(await newUser(ctx, 'admin@example.com'));
      await upsertTeam(ctx, admin, { id: 't1', name: 'Refunds' });
      await upsertTeam(ctx, admin, { id: 't2', name: 'Shipping' });
      await upsertTeam(ctx, admin, { id: 't1', name: 'Refunds & returns' });
      await upsertTeam(ctx, admin, { id: 't1', name: 'Refunds & returns' });
      await upsertAgent(ctx, admin, { id: 'a1', name: 'Li Na', teamId: 't1' });
      await upsertAgent(ctx, admin, { id: 'a2', name: 'Wang Wei', teamId: 't1' });
      await upsertAgent(ctx, admin, { id: 'a3', teamId: 't2' });
      await upsertAgent(ctx, admin, { id: 'a4' });
      const moved = await upsertAgent(ctx, admin, { id: 'a2', teamId: 't2' });
      assert.deepEqual({ name: moved.name, teamId: moved.teamId }, { name: 'Wang Wei', teamId: 't2' });
      await assert.rejects(
        upsertAgent(ctx, admin, { id: 'a5', teamId: 'nope' }),
        isAppError('invalid', 'teamId'),
      );

      const supervisor = actorOf(
        await newUser(ctx, 'sup@example.com', { role: 'supervisor', teamIds: ['t2'] }),
      );
      const agent = actorOf(await newUser(ctx, 'agent@example.com', { role: 'agent', agentId: 'a1' }));
      const reviewer = actorOf(await newUser(ctx, 'rev@example.com', { role: 'reviewer' }));
      const ids = (agents: { id: string }[]) => agents.map((a) => a.id);
      assert.deepEqual(ids(await listAgents(ctx, admin)), ['a1', 'a2', 'a3', 'a4']);
      assert.deepEqual(ids(await listAgents(ctx, reviewer)), ['a1', 'a2', 'a3', 'a4']);
      assert.deepEqual(ids(await listAgents(ctx, supervisor)), ['a2', 'a3']);
      assert.deepEqual(ids(await listAgents(ctx, agent)), ['a1']);
      assert.deepEqual(ids(await listTeams(ctx, admin)), ['t1', 't2']);
      assert.deepEqual(ids(await listTeams(ctx, supervisor)), ['t2']);
      assert.deepEqual(ids(await listTeams(ctx, agent)), ['t1']);
      for (const actor of [supervisor, reviewer, agent]) {
        await assert.rejects(upsertTeam(ctx, actor, { id: 't3', name: 'X' }), isAppError('forbidden'));
        await assert.rejects(upsertAgent(ctx, actor, { id: 'a9' }), isAppError('forbidden'));
      }
      await assert.rejects(
        listAgents(ctx, { kind: 'token', tokenId: 1, scopes: ['ingest'] }),
        isAppError('forbidden'),
      );

      const teamAudit = await auditRows(db, 'team');
      assert.deepEqual(
        teamAudit.map((r) => [r.action, r.entity_id]),
        [
          ['team.create', 't1'],
          ['team.create', 't2'],
          ['team.update', 't1'],
        ],
      );
      const createdAt = '2025-03-03T09:00:00.000Z';
      assert.deepEqual(teamAudit[2]?.before, { id: 't1', name: 'Refunds', createdAt });
      assert.deepEqual(teamAudit[2]?.after, { id: 't1', name: 'Refunds & returns', createdAt });
      const agentAudit = await auditRows(db, 'agent');
      assert.deepEqual(
        agentAudit.map((r) => r.action),
        ['agent.create', 'agent.create', 'agent.create', 'agent.create', 'agent.update'],
      );
    });
  });
}
