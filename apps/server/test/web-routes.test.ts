import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync } from 'node:zlib';
import { TEST_DRIVERS, type TestDriver } from '@serviq/storage/testing';
import { startTestServer, type TestServer } from './support/test-server.ts';

// The dashboard's files are served beside the API; page paths get index.html so links into the app open.
const pglite = TEST_DRIVERS.find((d) => d.name === 'pglite') as TestDriver;

describe('the dashboard beside the API', () => {
  let web: string;
  let server: TestServer;
  before(async () => {
    web = mkdtempSync(join(tmpdir(), 'serviq-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>dashboard-marker</title>');
    writeFileSync(join(web, 'assets', 'page-abc123.js'), 'export const x = 1;');
    writeFileSync(join(web, 'assets', 'page-abc123.js.br'), brotliCompressSync('export const x = 1;'));
    server = await startTestServer(pglite, { SERVIQ_WEB_DIR: web });
  });
  after(async () => {
    await server?.close();
    rmSync(web, { recursive: true, force: true });
  });

  const get = (path: string, accept = 'text/html') => fetch(`${server.url}${path}`, { headers: { accept } });

  it('answers the root and every page path with index.html, under a content security policy', async () => {
    for (const path of ['/', '/conversations/0b6a0f5e-1111-4222-8333-444455556666?agent=a-1', '/rules']) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /dashboard-marker/);
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
    }
  });

  it('serves hashed assets for good and answers missing files and API paths with JSON 404s', async () => {
    const asset = await fetch(`${server.url}/assets/page-abc123.js`, {
      headers: { accept: '*/*', 'accept-encoding': 'br, gzip' },
    });
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(await asset.text(), 'export const x = 1;');
    // fetch undoes the brotli: the compressed copy built beside the asset was sent.
    assert.equal(asset.headers.get('content-encoding'), 'br');
    assert.match(asset.headers.get('vary') ?? '', /accept-encoding/i);
    for (const path of ['/assets/missing-000.js', '/api/v1/no-such-route']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
    }
  });

  it('keeps the API a JSON API for clients that do not ask for HTML', async () => {
    const res = await get('/conversations', 'application/json');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /json/);
  });
});

describe('a server whose dashboard is not built', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(pglite, { SERVIQ_WEB_DIR: join(tmpdir(), 'serviq-no-such-web-dir') });
  });
  after(() => server?.close());

  it('says how to build it instead of failing', async () => {
    const res = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /npm run build:web/);
    const health = await fetch(`${server.url}/api/v1/health`);
    assert.equal(health.status, 200);
  });
});
