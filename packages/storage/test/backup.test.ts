import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type BackupHeader,
  type BackupSummary,
  backupDatabase,
  createDatabase,
  type Database,
  type DatabaseOptions,
  migrate,
  restoreDatabase,
} from '@serviq/storage';

// Every storage test runs on PGlite and, when DATABASE_URL is set (CI sets it), on PostgreSQL too,
// each PostgreSQL run in a schema of its own.
const url = process.env.DATABASE_URL;
const run = `serviq_t${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];
const schema = () => {
  schemas.push(`${run}_${schemas.length}`);
  return schemas.at(-1) as string;
};
const pglite = (): DatabaseOptions => ({ driver: 'pglite' });
const postgres = (): DatabaseOptions => ({ driver: 'postgres', url: url as string, schema: schema() });
const drivers: [string, () => DatabaseOptions][] = [['pglite', pglite]];
if (url) drivers.push(['postgres', postgres]);

const opened: Database[] = [];
async function open(options: DatabaseOptions, isMigrated = true): Promise<Database> {
  const db = await createDatabase(options);
  opened.push(db);
  if (isMigrated) await migrate(db);
  return db;
}
after(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  if (!url || schemas.length === 0) return;
  const admin = await createDatabase({ driver: 'postgres', url });
  for (const name of schemas) await admin.exec(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await admin.close();
});

const dir = mkdtempSync(join(tmpdir(), 'serviq-backup-'));
let files = 0;
const backupPath = () => join(dir, `backup-${files++}.jsonl.gz`);

const CONV_A = '3f0c2a4e-8d1b-4c6e-9a7f-0b1c2d3e4f50';
const CONV_B = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const MESSAGES = 6000; // more than one FETCH and one INSERT batch

// Values that break naive dumps: quotes and backslashes, line breaks (CR, LF, U+2028), emoji
// outside the BMP, empty strings and the word NULL next to real nulls, bigints past 2^53,
// microseconds, floats without a short decimal form, and json numbers JavaScript cannot hold.
async function fill(db: Database): Promise<void> {
  await db.exec(`
    INSERT INTO teams (id, name, created_at) VALUES
      ('t-😀', 'Ünïcødé 退款 "quoted" \\ back\\slash', '2026-01-05 01:02:03.456789+00'),
      ('t2', E'tab\\there\\r\\nline\\u2028sep', '1999-12-31 23:59:59.999+08');
    INSERT INTO agents (id, name, team_id) VALUES ('a1', '小王 👩‍💻', 't-😀'), ('a2', NULL, NULL);
    INSERT INTO customers (id, name, is_vip) VALUES ('c1', 'NULL', true), ('c2', '', false);
    INSERT INTO conversations (id, source, external_id, channel, tags, agent_id, agent_ids, team_id,
        started_at, ended_at, csat, ticket, meta, events, score, max_score, first_response_ms, hit_rules)
      VALUES
      ('${CONV_A}', 'chatwoot', 'ext-1', 'chat', ARRAY['a,b', 'with "quote"', '', 'NULL', '😀', 'back\\slash', '{x}'],
        'a1', ARRAY['a1', 'a2'], 't-😀', '2026-01-05 01:00:00.123+00', '2026-01-05 01:30:00.5+00', 5,
        '{"a": {"b": [1, 2.5, null, "x", {"deep": {"deeper": true}}]}, "big": 123456789012345678901234567890.5, "zh": "中文 \\"q\\""}',
        NULL, '[{"type": "assign", "at": "2026-01-05T01:01:00Z"}]', 0.1, 100, 9007199254740993, '{}'),
      ('${CONV_B}', 'csv', 'ext-2', 'phone', '{}', NULL, '{}', NULL,
        '2026-02-01 00:00:00+00', '2026-02-01 00:00:01+00', NULL, NULL, '{"empty": {}, "list": []}',
        '[]', NULL, 0, NULL, ARRAY['r1']);
    INSERT INTO messages (conversation_id, external_id, seq, at, role, author_id, text, duration_ms) VALUES
      ('${CONV_A}', 'm0', 0, '2026-01-05 01:00:00.123+00', 'customer', NULL, E'你好😀\\r\\n"退款" \\\\ \\t end', NULL),
      ('${CONV_A}', 'm1', 1, '2026-01-05 01:00:05.001+00', 'agent', 'a1', E'line\\u2028two\\u2029three', 1500);
    INSERT INTO messages (conversation_id, external_id, seq, at, role, text)
      SELECT '${CONV_B}', 'g' || i, i, '2026-02-01 00:00:00+00'::timestamptz + i * interval '1 ms', 'bot', 'generated ' || i
        FROM generate_series(1, ${MESSAGES}) AS i;
    INSERT INTO analyses (conversation_id, result, rule_set_version) VALUES
      ('${CONV_A}', '{"hits": [{"rule": "r1", "evidence": [{"message": 0, "start": 0, "end": 2, "text": "你好"}]}], "score": 0.30000000000000004}', 9223372036854775807);
    INSERT INTO rule_hits (conversation_id, rule, name, category, severity, points, started_at, evidence) VALUES
      ('${CONV_A}', 'r1', 'Greeting', 'courtesy', 'minor', -2.5, '2026-01-05 01:00:00.123+00', '[{"message": 0}]');
    INSERT INTO reviews (conversation_id, reviewer_id, score, comment)
      SELECT '${CONV_A}', 7, i / 3.0, 'review ' || i FROM generate_series(1, 4) AS i;
    DELETE FROM reviews WHERE id IN (2, 4);
    INSERT INTO rule_generations DEFAULT VALUES;
    INSERT INTO rule_sets (id, name, published_version) VALUES ('qa', 'QA', 2);
    INSERT INTO rule_set_versions (rule_set_id, version, source, file_name, note) VALUES
      ('qa', 1, E'rules:\\n  - id: r1\\n', 'qa.yaml', NULL), ('qa', 2, 'rules: []', 'qa.yaml', 'second');
    INSERT INTO users (email, name, role, password_hash, team_ids) VALUES
      ('a@example.com', 'Admin', 'admin', 'h1', '{}'), ('s@example.com', 'Sup', 'supervisor', 'h2', ARRAY['t-😀', 't2']);
    INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ('tok', 2, 'csrf', '2026-03-01 00:00:00+00');
    INSERT INTO api_tokens (name, token_hash, prefix, scopes, created_by) VALUES ('ingest', 'th', 'sq_ab', ARRAY['ingest'], 1);
    INSERT INTO alerts (conversation_id, rule, name, severity, evidence) VALUES ('${CONV_A}', 'r1', 'Greeting', 'minor', '[]');
    INSERT INTO webhooks (name, url, preset, secret) VALUES ('hook', 'https://example.com/h?a=1&b=2', 'slack', NULL);
    INSERT INTO webhook_deliveries (webhook_id, alert_id, attempt, status, error) VALUES (1, 1, 1, 500, E'boom\\nstack');
    INSERT INTO audit_log (actor, action, entity, entity_id, before, after) VALUES
      ('system', 'seed', 'settings', NULL, NULL, '{"value": [1, "two", {"three": 3}]}');
    INSERT INTO settings (key, value) VALUES ('string', '"x"'), ('number', '1e400'), ('null', 'null');
    INSERT INTO jobs (kind, status, params, total) VALUES ('rescore', 'running', '{"from": "2026-01-01", "ids": []}', 10);
  `);
}

/** Every table of the current schema with its rows as exact text, sorted: what a restore must reproduce. */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.exec(
      "SET LOCAL timezone = 'UTC'; SET LOCAL extra_float_digits = 3; SET LOCAL datestyle = 'ISO, YMD'",
    );
    const { rows: tables } = await tx.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'serviq_migrations'
        ORDER BY table_name`,
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const { rows } = await tx.query<{ row: string }>(
        `SELECT t::text AS row FROM "${name}" AS t ORDER BY 1`,
      );
      out[name] = rows.map((r) => r.row);
    }
    return out;
  });
}

function readBackup(path: string): string[] {
  return gunzipSync(readFileSync(path)).toString('utf8').split('\n');
}

async function assertRestored(source: Database, target: Database, path: string): Promise<void> {
  const before = await snapshot(source);
  assert.equal(before.messages?.length, MESSAGES + 2);
  assert.deepEqual(await snapshot(target), before);
  // Identity sequences continue after the restored ids (reviews 1 and 3 were kept, 4 deleted).
  const { rows } = await target.query<{ id: string }>(
    `INSERT INTO reviews (conversation_id, reviewer_id, score) VALUES ($1, 1, 1) RETURNING id`,
    [CONV_A],
  );
  assert.equal(String(rows[0]?.id), '4');
  const { rows: gens } = await target.query<{ id: string }>(
    'INSERT INTO rule_generations DEFAULT VALUES RETURNING id',
  );
  assert.equal(String(gens[0]?.id), '2');
  assert.ok(readBackup(path).length > MESSAGES);
}

for (const [name, options] of drivers) {
  describe(`backup and restore on ${name}`, () => {
    // One filled database and its backup serve every test: opening a PGlite takes seconds.
    let source: Database;
    const path = backupPath();
    const seen: string[] = [];
    let summary: BackupSummary;
    before(async () => {
      source = await open(options());
      await fill(source);
      summary = await backupDatabase(source, path, { onTable: ({ table }) => seen.push(table) });
    });

    it('restores every row of every table exactly, and the identity sequences after them', async () => {
      assert.deepEqual(
        seen,
        summary.tables.map((t) => t.table),
      );
      assert.equal(summary.tables.find((t) => t.table === 'messages')?.rows, MESSAGES + 2);
      const target = await open(options());
      const restored = await restoreDatabase(target, path);
      assert.deepEqual(restored, summary);
      await assertRestored(source, target, path);
    });

    it('writes a header with the migrations and the tables, parents before children', async () => {
      const lines = readBackup(path);
      const header = JSON.parse(lines[0] as string) as BackupHeader;
      const { rows } = await source.query<{ id: string }>('SELECT id FROM serviq_migrations ORDER BY id');
      assert.equal(header.format, 'serviq-backup');
      assert.equal(header.version, 1);
      assert.deepEqual(
        header.migrations,
        rows.map((r) => r.id),
      );
      assert.ok(!Number.isNaN(Date.parse(header.createdAt)));
      assert.ok(!header.tables.includes('serviq_migrations'));
      const at = (table: string) => header.tables.indexOf(table);
      const pairs: [parent: string, child: string][] = [
        ['teams', 'agents'],
        ['conversations', 'messages'],
        ['conversations', 'reviews'],
        ['users', 'sessions'],
        ['users', 'api_tokens'],
        ['alerts', 'webhook_deliveries'],
        ['webhooks', 'webhook_deliveries'],
        ['rule_sets', 'rule_set_versions'],
      ];
      for (const [parent, child] of pairs)
        assert.ok(at(parent) >= 0 && at(parent) < at(child), `${parent} before ${child}`);
      const sections = lines.filter((l) => l.startsWith('{"table"')).map((l) => JSON.parse(l).table);
      assert.deepEqual(sections, header.tables);
      // Values are PostgreSQL's text forms: bigints and json numbers keep every digit.
      const conversations = lines.findIndex((l) => l.startsWith('{"table":"conversations"'));
      const conv = JSON.parse(lines[conversations + 1] as string) as (string | null)[];
      assert.ok(conv.includes('9007199254740993'));
      assert.ok(conv.some((v) => v?.includes('123456789012345678901234567890.5')));
    });

    it('refuses a target that holds rows or sits at other migrations, and changes nothing', async () => {
      const bare = await open(options(), false);
      await assert.rejects(
        restoreDatabase(bare, path),
        /no serviq_migrations table: run the migrations first/,
      );

      const target = await open(options());
      await target.exec("INSERT INTO serviq_migrations (id, checksum) VALUES ('9999_later', 'x')");
      await assert.rejects(
        restoreDatabase(target, path),
        /the target database has migrations \[.*9999_later\]/,
      );
      await target.exec("DELETE FROM serviq_migrations WHERE id = '9999_later'");

      await target.exec(
        "INSERT INTO teams (id, name) VALUES ('x', 'X'); INSERT INTO settings (key, value) VALUES ('k', '1')",
      );
      await assert.rejects(
        restoreDatabase(target, path),
        /restore needs an empty database, but these tables hold rows: settings, teams/,
      );
      const counts = Object.entries(await snapshot(target)).map(([table, rows]) => [table, rows.length]);
      assert.deepEqual(
        counts.filter(([, n]) => n !== 0),
        [
          ['settings', 1],
          ['teams', 1],
        ],
      );
    });

    it('rolls back everything when the file breaks half-way, and rejects what is not a backup', async () => {
      // Teams restore, then the agents' rows refer to a team that is not there.
      const broken = readBackup(path).map((l) => (l.startsWith('["t-') ? l.replace('["t-', '["gone-') : l));
      const brokenPath = backupPath();
      writeFileSync(brokenPath, gzipSync(broken.join('\n')));
      const target = await open(options());
      await assert.rejects(restoreDatabase(target, brokenPath), /foreign key/);
      assert.deepEqual(
        Object.values(await snapshot(target)).flat(),
        [],
        'the teams inserted before the failure are rolled back',
      );

      const truncated = backupPath();
      const gz = readFileSync(path);
      writeFileSync(truncated, gz.subarray(0, gz.length - 64));
      await assert.rejects(restoreDatabase(target, truncated), /unexpected end of file/);

      const notBackup = backupPath();
      writeFileSync(notBackup, gzipSync('{"hello": "world"}\n'));
      await assert.rejects(restoreDatabase(target, notBackup), /is not a Serviq backup/);
      await assert.rejects(restoreDatabase(target, join(dir, 'missing.gz')), /ENOENT/);
      assert.deepEqual(Object.values(await snapshot(target)).flat(), []);
      // The refused restores left the target ready for a good one.
      await restoreDatabase(target, path);
      assert.deepEqual(await snapshot(target), await snapshot(source));
    });
  });
}

if (url) {
  describe('backup and restore across drivers', () => {
    it('restores a PGlite backup into PostgreSQL and a PostgreSQL backup into PGlite', async () => {
      const lite = await open(pglite());
      await fill(lite);
      const fromLite = backupPath();
      await backupDatabase(lite, fromLite);
      const server = await open(postgres());
      await restoreDatabase(server, fromLite);
      await assertRestored(lite, server, fromLite);

      const fromServer = backupPath();
      await backupDatabase(server, fromServer);
      const back = await open(pglite());
      await restoreDatabase(back, fromServer);
      assert.deepEqual(await snapshot(back), await snapshot(server));
    });
  });
}
