import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateDemo } from '@serviq/core';
import { createDatabase } from '@serviq/storage';
import { tempDir } from './run-cli.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'serviq.mjs');
const ADMIN = { SERVIQ_ADMIN_EMAIL: 'admin@example.com', SERVIQ_ADMIN_PASSWORD: 'admin-password-1' };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts `serviq serve` and resolves once it prints its address; the output is kept for the test. */
function serve(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; exited: Promise<unknown>; output: () => string }> {
  // The embedded database on purpose, whatever DATABASE_URL the test run has.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...inherited, ...ADMIN, SERVIQ_LOG_LEVEL: 'warn', SERVIQ_IMPORT_THREADS: '1', ...env },
  });
  let out = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Serviq is running at')) resolve({ child, exited, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
}

async function tokenOf(base: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.SERVIQ_ADMIN_EMAIL, password: ADMIN.SERVIQ_ADMIN_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'import', scopes: ['ingest', 'read'] }),
  });
  return ((await res.json()) as { token: string }).token;
}

const stored = async (base: string, token: string) => {
  const res = await fetch(`${base}/api/v1/conversations?limit=1&withTotal=true`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { total: number }).total;
};

describe('serviq serve', () => {
  it('refuses a bad configuration value with the variable and the reason, exit 2', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PORT: 'eighty' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /PORT: /);
  });

  it('killed in the middle of a batch import, then run again, holds every message exactly once', async () => {
    const dir = tempDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const demo = [...generateDemo({ conversations: 4000, seed: 11, lang: 'mixed' })];
    const body = `${demo.map((c) => JSON.stringify(c)).join('\n')}\n`;
    const args = ['--data-dir', dir, '--port', String(port)];
    let server = await serve(args, {});
    const token = await tokenOf(base);
    const importing = fetch(`${base}/api/v1/conversations:batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
    }).catch(() => undefined);
    // Kill it hard once some batches are in and before all of them are.
    let count = 0;
    for (let i = 0; i < 600 && count === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      count = await stored(base, token);
    }
    server.child.kill('SIGKILL');
    await importing;
    assert.ok(count > 0 && count < demo.length, `killed after ${count} conversations`);
    await server.exited;

    server = await serve(args, {});
    const again = await fetch(`${base}/api/v1/conversations:batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    const report = (await again.json()) as { inserted: number; updated: number; rejected: number };
    assert.equal(report.rejected, 0);
    assert.equal(report.inserted + report.updated, demo.length);
    assert.ok(report.updated >= count, `${report.updated} updated, ${count} were stored before the kill`);
    server.child.kill('SIGTERM');
    await server.exited;

    const db = await createDatabase({ driver: 'pglite', dataDir: join(dir, 'pglite') });
    const messages = await db.query<{ conversation: string; id: string }>(
      'SELECT c.external_id AS conversation, m.external_id AS id FROM messages m JOIN conversations c ON c.id = m.conversation_id',
    );
    const conversations = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
    await db.close();
    assert.equal(conversations.rows[0]?.n, demo.length);
    const expected = demo.flatMap((c) => c.messages.map((m, i) => `${c.id}/${m.id ?? `m${i + 1}`}`)).sort();
    const got = messages.rows.map((r) => `${r.conversation}/${r.id}`).sort();
    assert.equal(got.length, expected.length);
    assert.deepEqual(got, expected);
  });
});
