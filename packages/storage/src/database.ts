import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

/** A row set: what every query returns, whichever driver ran it. */
export type QueryResult<T> = { rows: T[]; rowCount: number };

/** What a use-case needs of a connection: parameterised queries and multi-statement scripts. */
export type Queryable = {
  /**
   * `name` makes it a prepared statement on PostgreSQL, parsed and planned once per connection
   * (for statements a hot path runs thousands of times); PGlite runs it as it is.
   */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: { name?: string },
  ): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads rows given in COPY text format (tab-separated, `\N` for null, escaped with
   * `copyText`): the fastest way in on both drivers.
   */
  copyFrom(table: string, columns: readonly string[], data: string): Promise<void>;
};

export type Database = Queryable & {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for every NOTIFY on the channel, whichever process sent it; resolves to the
   * function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * `name` made this database's own where databases in different schemas of one PostgreSQL server
   * (tests, tenants) would otherwise share it: NOTIFY channels, pg-boss's schema.
   */
  namespaced(name: string): string;
  close(): Promise<void>;
};

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function copySql(table: string, columns: readonly string[], target: string): string {
  for (const name of [table, ...columns])
    if (!IDENTIFIER.test(name))
      throw new Error(`copyFrom: ${JSON.stringify(name)} is not a plain identifier`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${target}`;
}

export type DatabaseOptions =
  /** Embedded PostgreSQL; `dataDir` keeps the data on disk, without it the database lives in memory. */
  | { driver: 'pglite'; dataDir?: string }
  /** A PostgreSQL server; `schema` (created when missing) keeps test runs and tenants apart. */
  | { driver: 'postgres'; url: string; schema?: string; maxConnections?: number };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/** One way to reach the database for every process: PGlite embedded, PostgreSQL in production. */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  return options.driver === 'pglite' ? openPglite(options.dataDir) : openPostgres(options);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await q.query<T>(sql, [...params]);
      // PGlite counts affected rows only for INSERT, UPDATE and DELETE (0 for a SELECT).
      return { rows: r.rows, rowCount: Math.max(r.rows.length, r.affectedRows ?? 0) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async copyFrom(table, columns, data) {
      await q.query(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([data]) });
    },
  });
  return {
    driver: 'pglite',
    ...wrap(db),
    // PGlite runs one statement at a time, so its transaction is the connection's.
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    namespaced: (name) => name,
    close: () => db.close(),
  };
}

async function openPostgres(options: Extract<DatabaseOptions, { driver: 'postgres' }>): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema))
    throw new Error(`schema: ${JSON.stringify(schema)} is not a plain lower-case identifier`);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (error) {
      // Another process created it between the check and the insert: the schema is there.
      if (!['23505', '42P06'].includes((error as { code?: string }).code ?? '')) throw error;
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const copyInto = async (client: pg.PoolClient, table: string, columns: readonly string[], data: string) => {
    const stream = client.query(copyFromStdin(copySql(table, columns, 'STDIN')));
    await pipeline(async function* () {
      yield data;
    }, stream);
  };
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = [], options: { name?: string } = {}) {
      const answer = await (options.name
        ? q.query({ name: options.name, text: sql, values: [...params] })
        : q.query(sql, [...params]));
      // A script of several statements answers one result each; the last is the script's.
      const r = (Array.isArray(answer) ? answer.at(-1) : answer) as pg.QueryResult;
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await q.query(sql);
    },
    async copyFrom(table, columns, data) {
      if (!(q instanceof pg.Pool)) return copyInto(q, table, columns, data);
      const client = await q.connect();
      try {
        await copyInto(client, table, columns, data);
      } finally {
        client.release();
      }
    },
  });
  return {
    driver: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      if (!IDENTIFIER.test(channel))
        throw new Error(`listen: ${JSON.stringify(channel)} is not a plain identifier`);
      // A connection of its own: LISTEN holds it for as long as the subscription lives.
      const client = new pg.Client({ connectionString: options.url });
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) onPayload(n.payload ?? '');
      });
      await client.query(`LISTEN ${channel}`);
      return async () => {
        await client.end();
      };
    },
    namespaced: (name) => (schema ? `${schema}_${name}` : name),
    close: () => pool.end(),
  };
}
