import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  copyText,
  copyTextArray,
  createDatabase,
  type Database,
  type DatabaseOptions,
  type Migration,
  migrate,
  readMigrations,
} from '@serviq/storage';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'migrations');

// Every storage test runs on PGlite and, when DATABASE_URL is set (CI sets it), on PostgreSQL too,
// each PostgreSQL run in a schema of its own.
const url = process.env.DATABASE_URL;
const run = `serviq_t${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];
const schema = () => {
  schemas.push(`${run}_${schemas.length}`);
  return schemas.at(-1) as string;
};
const drivers: [string, () => DatabaseOptions][] = [['pglite', () => ({ driver: 'pglite' })]];
if (url) drivers.push(['postgres', () => ({ driver: 'postgres', url, schema: schema() })]);

const opened: Database[] = [];
async function open(options: DatabaseOptions): Promise<Database> {
  const db = await createDatabase(options);
  opened.push(db);
  return db;
}
after(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  if (!url || schemas.length === 0) return;
  const admin = await createDatabase({ driver: 'postgres', url });
  for (const name of schemas) await admin.exec(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await admin.close();
});

for (const [name, options] of drivers) {
  describe(`database on ${name}`, () => {
    it('applies migrations in order once, and a second run applies none', async () => {
      const db = await open(options());
      assert.deepEqual(await migrate(db, readMigrations(FIXTURES)), ['0001_notes', '0002_note_tags']);
      assert.deepEqual(await migrate(db, readMigrations(FIXTURES)), []);
      await db.query('INSERT INTO notes (body, tags) VALUES ($1, $2)', ['退款慢', ['complaint']]);
      const { rows } = await db.query<{ body: string; tags: string[] }>('SELECT body, tags FROM notes');
      assert.deepEqual(rows, [{ body: '退款慢', tags: ['complaint'] }]);
    });

    it('refuses to run when an applied migration was edited, and applies nothing of a failing run', async () => {
      const db = await open(options());
      const [first, second] = readMigrations(FIXTURES) as [Migration, Migration];
      await migrate(db, [first]);
      const edited = { ...first, sql: `${first.sql}\n-- edited`, checksum: 'other' };
      await assert.rejects(migrate(db, [edited, second]), /0001_notes was changed after it was applied/);
      const broken: Migration = {
        id: '0003_broken',
        sql: 'ALTER TABLE nowhere ADD COLUMN x int',
        checksum: 'b',
      };
      await assert.rejects(migrate(db, [first, second, broken]), /nowhere/);
      const { rows } = await db.query<{ id: string }>('SELECT id FROM serviq_migrations ORDER BY id');
      assert.deepEqual(
        rows.map((r) => r.id),
        ['0001_notes'],
        '0002 ran in the same failed transaction as 0003 and is rolled back with it',
      );
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      const db = await open(options());
      await migrate(db, readMigrations(FIXTURES));
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (body) VALUES ($1)', ['kept']);
      });
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO notes (body) VALUES ($1)', ['lost']);
          throw new Error('half-written');
        }),
        /half-written/,
      );
      const { rows } = await db.query<{ body: string }>('SELECT body FROM notes ORDER BY id');
      assert.deepEqual(
        rows.map((r) => r.body),
        ['kept'],
      );
    });

    it('counts rows alike on both drivers, loads COPY text and hears NOTIFY', async () => {
      const db = await open(options());
      await migrate(db, readMigrations(FIXTURES));
      await db.copyFrom(
        'notes',
        ['body', 'tags'],
        `${copyText('tab\there')}\t${copyTextArray(['a', 'b "c"'])}\n${copyText('second')}\t${copyTextArray([])}\n`,
      );
      const selected = await db.query<{ body: string; tags: string[] }>(
        'SELECT body, tags FROM notes ORDER BY id',
      );
      assert.equal(selected.rowCount, 2);
      assert.deepEqual(selected.rows, [
        { body: 'tab\there', tags: ['a', 'b "c"'] },
        { body: 'second', tags: [] },
      ]);
      assert.equal((await db.query('SELECT 1 FROM notes WHERE body = $1', ['none'])).rowCount, 0);
      assert.equal((await db.query('UPDATE notes SET body = $1', ['x'])).rowCount, 2);
      const heard: string[] = [];
      const stop = await db.listen(db.namespaced('note_events'), (payload) => heard.push(payload));
      await db.query('SELECT pg_notify($1, $2)', [db.namespaced('note_events'), 'hello']);
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await stop();
      assert.deepEqual(heard, ['hello']);
    });
  });
}

describe('database on pglite with a data directory', () => {
  it('keeps its data across a restart', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'serviq-pglite-')), 'data');
    const first = await createDatabase({ driver: 'pglite', dataDir });
    await migrate(first, readMigrations(FIXTURES));
    await first.query('INSERT INTO notes (body) VALUES ($1)', ['survives']);
    await first.close();
    const second = await open({ driver: 'pglite', dataDir });
    assert.deepEqual(await migrate(second, readMigrations(FIXTURES)), []);
    const { rows } = await second.query<{ body: string }>('SELECT body FROM notes');
    assert.deepEqual(rows, [{ body: 'survives' }]);
  });
});

if (url) {
  describe('database on postgres, several processes', () => {
    it('lets migrators that start together take turns: each migration is applied once', async () => {
      const shared = schema();
      const a = await open({ driver: 'postgres', url, schema: shared });
      const b = await open({ driver: 'postgres', url, schema: shared });
      const [ranA, ranB] = await Promise.all([
        migrate(a, readMigrations(FIXTURES)),
        migrate(b, readMigrations(FIXTURES)),
      ]);
      assert.deepEqual([...ranA, ...ranB].sort(), ['0001_notes', '0002_note_tags']);
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await assert.rejects(
        createDatabase({ driver: 'postgres', url, schema: 'x; DROP TABLE y' }),
        /plain lower-case/,
      );
    });
  });
}
