#!/usr/bin/env node
// Enforces the import table of ARCHITECTURE.md: who may import whom, and that core stays pure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** workspace folder → internal packages it may import */
const ALLOWED = {
  'packages/core': [],
  'packages/contracts': ['core'],
  'packages/storage': ['core'],
  'packages/services': ['core', 'contracts', 'storage'],
  'apps/web': ['core', 'contracts'],
  'apps/cli': ['core', 'contracts', 'storage', 'services', 'server'],
  'apps/server': ['core', 'contracts', 'storage', 'services'],
  'apps/worker': ['core', 'contracts', 'storage', 'services'],
};
/** Core runs in the browser: only these external modules, and never node:* or I/O. */
const CORE_EXTERNAL = ['zod', 'emoji-regex', 'yaml'];

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) yield p;
  }
}

const problems = [];
for (const [ws, allowed] of Object.entries(ALLOWED)) {
  const dir = join(root, ws);
  try {
    statSync(dir);
  } catch {
    continue;
  }
  for (const file of files(dir)) {
    const rel = relative(root, file);
    const isTest = /[/\\]test[/\\]/.test(rel);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec) continue;
      const internal = /^@serviq\/([^/]+)/.exec(spec);
      if (
        internal &&
        !allowed.includes(internal[1]) &&
        ![`packages/${internal[1]}`, `apps/${internal[1]}`].includes(ws)
      ) {
        problems.push(`${rel}: ${ws} may not import @serviq/${internal[1]}`);
      }
      if (spec.startsWith('.')) {
        const target = relative(root, join(file, '..', spec));
        if (!target.startsWith(ws)) problems.push(`${rel}: relative import leaves ${ws}: ${spec}`);
      }
      if (ws === 'packages/core' && !isTest && !spec.startsWith('.')) {
        const base = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!CORE_EXTERNAL.includes(base))
          problems.push(`${rel}: core must stay pure, cannot import ${spec}`);
      }
    }
    if (
      ws === 'packages/core' &&
      !isTest &&
      /\b(process\.|Date\.now\(|Math\.random\(|new Date\(\))/.test(text)
    ) {
      problems.push(`${rel}: core must not read the clock, randomness or process (inject them)`);
    }
  }
}
if (problems.length) {
  console.error(`import table violations:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('imports: ok');
