// `npm run bench:service` (also the last part of `npm run bench`): the service targets of issue 5:
// batch import + analysis + storage on PGlite (≥ 20,000 messages/s) and PostgreSQL (≥ 60,000),
// live ingestion at 500 messages/s for 60 s (p99 alert latency ≤ 250 ms, nothing lost or doubled)
// on both, and report queries over 10M stored messages on PostgreSQL (p95 ≤ 300 ms).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const run = (script: string, args: string[]): unknown => {
  process.stderr.write(`bench/${script} ${args.join(' ')}\n`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', `${root}bench/${script}`, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out);
};

const importRuns = run('import-bench.ts', ['20000', 'pglite,postgres']);
const live = ['pglite', 'postgres'].map((driver) => run('live-bench.ts', [driver, '500', '60']));
// --drop: a fresh 10M-message database each time, whatever schema an earlier run left.
const reports = run('report-bench.ts', ['--drop']);
const result = { date: new Date().toISOString(), import: importRuns, live, reports };
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/service.json`, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
