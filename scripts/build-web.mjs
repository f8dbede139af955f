#!/usr/bin/env node
// Builds the dashboard (apps/web/dist) when its sources, or the packages it bundles, are newer than
// the last build; `--force` always builds. `npm start` and the browser tests call it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'apps/web');
const stamp = join(web, 'dist/.build-stamp');
const SOURCES = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'packages/core/src',
  'packages/contracts/src',
  'package-lock.json',
];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

const latest = Math.max(
  ...SOURCES.map((s) => join(root, s))
    .filter(existsSync)
    .map(newest),
);
const built = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8')) : 0;
if (!process.argv.includes('--force') && built >= latest) process.exit(0);

console.error('building the dashboard (apps/web) …');
const vite = join(root, 'node_modules/vite/bin/vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
  cwd: web,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
// The server sends these to browsers that accept them (@fastify/static preCompressed): the
// libraries are 2 MB as built and about a third of that compressed.
const assets = join(web, 'dist/assets');
for (const name of readdirSync(assets).filter((n) => /\.(js|css)$/.test(n))) {
  const file = join(assets, name);
  const bytes = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}
writeFileSync(stamp, String(latest));
