// Batch import + analysis + storage throughput: `node --import tsx bench/import-bench.ts [conversations] [pglite|postgres]`.
// A fresh database each run (PGlite in a temporary directory, PostgreSQL in a schema of its own);
// the file is streamed from disk as the HTTP body would be; worker threads = cores − 1.
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '@serviq/core';
import {
  AnalysisConfigSchema,
  AnalysisRuntimes,
  ImportPool,
  importConversations,
  seedShippedRuleSets,
} from '@serviq/services';
import { createDatabase, type Database, migrate } from '@serviq/storage';

const root = new URL('..', import.meta.url).pathname;
const CONVERSATIONS = Number(process.argv[2] ?? 20_000);
const drivers = (process.argv[3] ?? 'pglite,postgres').split(',');
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function ensureFile(): string {
  const file = `${root}bench/data/import-${CONVERSATIONS}.jsonl`;
  if (existsSync(file)) return file;
  mkdirSync(`${root}bench/data`, { recursive: true });
  const lines: string[] = [];
  for (const c of generateDemo({ conversations: CONVERSATIONS, seed: 17, lang: 'mixed' }))
    lines.push(JSON.stringify(c));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function importInto(driver: string, file: string) {
  let db: Database;
  let cleanup: () => Promise<void>;
  if (driver === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'serviq-import-'));
    db = await createDatabase({ driver: 'pglite', dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `serviq_bench_import_${process.pid}`;
    db = await createDatabase({ driver: 'postgres', url: PG_URL, schema });
    cleanup = async () => {
      const admin = await createDatabase({ driver: 'postgres', url: PG_URL });
      await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    };
  }
  try {
    await migrate(db);
    const ctx = { db, now: () => Date.now() };
    await seedShippedRuleSets(ctx);
    const runtime = await new AnalysisRuntimes(AnalysisConfigSchema.parse({})).current(db, Date.now());
    const pool = new ImportPool(Math.max(1, availableParallelism() - 1));
    // Worker start-up (models, dictionaries) is paid once per server: it is not part of the figure.
    pool.release(pool.acquire(runtime));
    const started = performance.now();
    const report = await importConversations(
      ctx,
      { kind: 'system' },
      createReadStream(file, { highWaterMark: 1 << 20 }),
      {
        runtime,
        pool,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    await pool.close();
    const counted = await db.query<{ m: number }>('SELECT count(*)::int AS m FROM messages');
    return {
      driver,
      conversations: report.inserted,
      messages: report.messages,
      storedMessages: counted.rows[0]?.m ?? 0,
      seconds: Math.round(seconds * 100) / 100,
      messagesPerSec: Math.round(report.messages / seconds),
      target: driver === 'pglite' ? 20_000 : 60_000,
    };
  } finally {
    await db.close();
    await cleanup();
  }
}

const file = ensureFile();
const results = [];
for (const driver of drivers) {
  const r = await importInto(driver, file);
  process.stderr.write(`import into ${driver}: ${r.messagesPerSec} messages/s\n`);
  results.push(r);
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
