import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database, Queryable } from './database.ts';

/**
 * The first line of a backup. The file goes on, for each table in foreign-key order, with a line
 * `{table, columns}` and one JSON array per row of the values' PostgreSQL text forms (null for
 * NULL): the text form is what every type reads back exactly, on either driver.
 */
export type BackupHeader = {
  format: 'serviq-backup';
  version: 1;
  migrations: string[];
  createdAt: string;
  tables: string[];
};

export type TableCount = { table: string; rows: number };
export type BackupOptions = { onTable?: (done: TableCount) => void };
export type BackupSummary = { tables: TableCount[] };

type Column = { name: string; type: string; isAlwaysIdentity: boolean; sequence: string | null };
type Table = { name: string; columns: Column[] };

const MIGRATIONS_TABLE = 'serviq_migrations';
// Rows per FETCH and per INSERT: bounded memory whatever the table size.
const FETCH_ROWS = 1000;
const INSERT_ROWS = 5000;
const INSERT_CHARS = 8_000_000;
const CURSOR = 'serviq_backup';

// Text forms that read back the same whatever the server's or the other driver's defaults:
// ISO dates with the offset, shortest exact floats, hex bytea.
const EXACT_TEXT_SETTINGS = `SET LOCAL datestyle = 'ISO, YMD';
SET LOCAL intervalstyle = 'postgres';
SET LOCAL timezone = 'UTC';
SET LOCAL extra_float_digits = 3;
SET LOCAL bytea_output = 'hex'`;

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The tables of the current schema (pg-boss keeps its own), parents before the tables that refer to them. */
async function readTables(q: Queryable): Promise<Table[]> {
  const { rows } = await q.query<{
    table: string;
    column: string;
    type: string;
    identity: string;
    sequence: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attidentity AS identity,
            pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> $1 AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
    [MIGRATIONS_TABLE],
  );
  const tables = new Map<string, Table>();
  for (const r of rows) {
    const table = tables.get(r.table) ?? { name: r.table, columns: [] };
    tables.set(r.table, table);
    table.columns.push({
      name: r.column,
      type: r.type,
      isAlwaysIdentity: r.identity === 'a',
      sequence: r.sequence,
    });
  }
  const { rows: refs } = await q.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema() AND p.relnamespace = c.relnamespace`,
  );
  return inDependencyOrder(tables, refs);
}

// Kahn's algorithm, ties by name so backups of equal databases are equal. A self-reference needs
// no order between tables; tables of a reference cycle come last, by name.
function inDependencyOrder(tables: Map<string, Table>, refs: { child: string; parent: string }[]): Table[] {
  const parents = new Map<string, Set<string>>([...tables.keys()].map((name) => [name, new Set()]));
  for (const { child, parent } of refs)
    if (child !== parent && tables.has(parent)) parents.get(child)?.add(parent);
  const ordered: Table[] = [];
  const waiting = [...tables.keys()].sort();
  while (waiting.length > 0) {
    const ready = waiting.find((name) => parents.get(name)?.size === 0);
    if (ready === undefined) break;
    waiting.splice(waiting.indexOf(ready), 1);
    ordered.push(tables.get(ready) as Table);
    for (const set of parents.values()) set.delete(ready);
  }
  return [...ordered, ...waiting.map((name) => tables.get(name) as Table)];
}

async function readMigrationIds(q: Queryable, role: string): Promise<string[]> {
  try {
    const { rows } = await q.query<{ id: string }>(`SELECT id FROM ${MIGRATIONS_TABLE}`);
    // Sorted here, not by the server's collation, so both sides of a comparison sort alike.
    return rows.map((r) => r.id).sort();
  } catch (error) {
    if ((error as { code?: string }).code === '42P01')
      throw new Error(`the ${role} database has no ${MIGRATIONS_TABLE} table: run the migrations first`);
    throw error;
  }
}

async function* backupLines(
  tx: Queryable,
  tables: Table[],
  header: BackupHeader,
  summary: BackupSummary,
  options: BackupOptions,
): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of tables) {
    yield `${JSON.stringify({ table: table.name, columns: table.columns.map((c) => c.name) })}\n`;
    // The server writes each row's JSON line: array_to_json has no argument limit, unlike json_build_array.
    const values = table.columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
    await tx.exec(
      `DECLARE ${CURSOR} NO SCROLL CURSOR FOR SELECT array_to_json(ARRAY[${values}]::text[])::text AS line FROM ${quoteIdent(table.name)}`,
    );
    let rows = 0;
    for (;;) {
      const batch = await tx.query<{ line: string }>(`FETCH FORWARD ${FETCH_ROWS} FROM ${CURSOR}`);
      if (batch.rows.length > 0) yield `${batch.rows.map((r) => r.line).join('\n')}\n`;
      rows += batch.rows.length;
      if (batch.rows.length < FETCH_ROWS) break;
    }
    await tx.exec(`CLOSE ${CURSOR}`);
    const done = { table: table.name, rows };
    summary.tables.push(done);
    options.onTable?.(done);
  }
}

/**
 * Writes a gzip-compressed logical backup of the current schema (every table but the migration
 * bookkeeping) from one consistent snapshot, in bounded memory. The file appears at `outPath`
 * only when complete.
 */
export async function backupDatabase(
  db: Database,
  outPath: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const partial = `${outPath}.partial`;
  const summary: BackupSummary = { tables: [] };
  try {
    await db.transaction(async (tx) => {
      await tx.exec(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n${EXACT_TEXT_SETTINGS}`);
      const migrations = await readMigrationIds(tx, 'source');
      const tables = await readTables(tx);
      const header: BackupHeader = {
        format: 'serviq-backup',
        version: 1,
        migrations,
        createdAt: new Date().toISOString(),
        tables: tables.map((t) => t.name),
      };
      await pipeline(
        backupLines(tx, tables, header, summary, options),
        createGzip(),
        createWriteStream(partial),
      );
    });
    await rename(partial, outPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return summary;
}

function parseHeader(line: string | undefined, inPath: string): BackupHeader {
  let header: Partial<BackupHeader> | undefined;
  try {
    header = JSON.parse(line ?? '');
  } catch {
    // Reported below with the reason.
  }
  if (header?.format !== 'serviq-backup')
    throw new Error(`${inPath} is not a Serviq backup (its first line is not a serviq-backup header)`);
  if (header.version !== 1)
    throw new Error(`${inPath} is a backup of format version ${header.version}; this version reads 1`);
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables))
    throw new Error(`${inPath} has a header without migrations or tables`);
  return header as BackupHeader;
}

/** Refuses a target whose schema differs from the backup's or that already holds data. */
async function checkTarget(tx: Queryable, header: BackupHeader, tables: Map<string, Table>): Promise<void> {
  const applied = await readMigrationIds(tx, 'target');
  const wanted = [...header.migrations].sort();
  if (applied.join('\n') !== wanted.join('\n'))
    throw new Error(
      `the target database has migrations [${applied.join(', ')}] applied but the backup was taken at [${wanted.join(', ')}]; migrate both to the same version`,
    );
  const unknown = header.tables.filter((name) => !tables.has(name));
  if (unknown.length > 0)
    throw new Error(`the backup holds tables the target does not have: ${unknown.join(', ')}`);
  const filled: string[] = [];
  for (const name of tables.keys()) {
    const { rows } = await tx.query<{ has_rows: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(name)}) AS has_rows`,
    );
    if (rows[0]?.has_rows) filled.push(name);
  }
  if (filled.length > 0)
    throw new Error(
      `restore needs an empty database, but these tables hold rows: ${filled.sort().join(', ')}`,
    );
}

/**
 * The INSERT of one table section: rows arrive as one JSON array of the file's row arrays. As
 * jsonb, not json: json's ->> re-reads the row from its start for every column, three times
 * slower on a table as wide as conversations.
 */
function insertSql(table: Table, names: unknown): string {
  if (!Array.isArray(names) || names.length === 0)
    throw new Error(`the backup's section of ${table.name} lists no columns`);
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const columns = names.map((name) => {
    const column = byName.get(String(name));
    if (!column)
      throw new Error(`the backup has a column ${table.name}.${String(name)} the target does not have`);
    return column;
  });
  const overriding = columns.some((c) => c.isAlwaysIdentity) ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${quoteIdent(table.name)} (${columns.map((c) => quoteIdent(c.name)).join(', ')})${overriding}
SELECT ${columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ')} FROM jsonb_array_elements($1::jsonb) AS e(r)`;
}

/** Moves every identity or serial sequence past the restored ids, or back to its start on an empty table. */
async function resetSequences(tx: Queryable, tables: Map<string, Table>): Promise<void> {
  for (const table of tables.values()) {
    for (const column of table.columns) {
      if (column.sequence === null) continue;
      const name = quoteIdent(column.name);
      await tx.query(
        `SELECT setval($1::regclass, coalesce(max(${name}), 1), max(${name}) IS NOT NULL) FROM ${quoteIdent(table.name)}`,
        [column.sequence],
      );
    }
  }
}

/**
 * Restores a backup into a database at the same migrations whose tables are all empty, in one
 * transaction: a failure anywhere (a broken file included) leaves the target as it was.
 */
export async function restoreDatabase(
  db: Database,
  inPath: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  return db.transaction(async (tx) => {
    await tx.exec(EXACT_TEXT_SETTINGS);
    const summary: BackupSummary = { tables: [] };
    let header: BackupHeader | undefined;
    let tables = new Map<string, Table>();
    let section: { table: Table; sql: string; rows: number } | undefined;
    let batch: string[] = [];
    let batchChars = 0;
    const flush = async () => {
      if (!section || batch.length === 0) return;
      await tx.query(section.sql, [`[${batch.join(',')}]`]);
      section.rows += batch.length;
      batch = [];
      batchChars = 0;
    };
    const endSection = async () => {
      await flush();
      if (!section) return;
      const done = { table: section.table.name, rows: section.rows };
      summary.tables.push(done);
      options.onTable?.(done);
    };
    // Opened where it is read: readline drops the lines it emits before iteration starts, and
    // .pipe does not forward errors, so a missing file is handed on to end the restore.
    const file = createReadStream(inPath);
    const gunzip = createGunzip();
    file.once('error', (error) => gunzip.destroy(error));
    try {
      for await (const line of createInterface({
        input: file.pipe(gunzip),
        crlfDelay: Number.POSITIVE_INFINITY,
      })) {
        if (header === undefined) {
          header = parseHeader(line, inPath);
          tables = new Map((await readTables(tx)).map((t) => [t.name, t]));
          await checkTarget(tx, header, tables);
          continue;
        }
        // Row lines go to the server as they are: it parses them, not this process.
        if (line.startsWith('[')) {
          if (!section) throw new Error(`${inPath} has rows before any table line`);
          batch.push(line);
          batchChars += line.length;
          if (batch.length >= INSERT_ROWS || batchChars >= INSERT_CHARS) await flush();
          continue;
        }
        if (line === '') continue;
        await endSection();
        const { table: name, columns } = JSON.parse(line) as { table?: unknown; columns?: unknown };
        const table = tables.get(String(name));
        if (!table) throw new Error(`the backup has a table ${String(name)} the target does not have`);
        section = { table, sql: insertSql(table, columns), rows: 0 };
      }
    } finally {
      gunzip.destroy();
      file.destroy();
    }
    await endSection();
    if (header === undefined) throw new Error(`${inPath} is empty`);
    const restored = summary.tables.map((t) => t.table);
    if (restored.join('\n') !== header.tables.join('\n'))
      throw new Error(
        `${inPath} is incomplete: its header lists ${header.tables.length} tables, the file holds ${restored.length}`,
      );
    await resetSequences(tx, tables);
    return summary;
  });
}
