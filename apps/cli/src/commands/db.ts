import { parseArgs } from 'node:util';
import { ConfigError, openDatabase, parseServerConfig } from '@serviq/server';
import { backupDatabase, migrate, restoreDatabase } from '@serviq/storage';
import { EXIT_OK, UsageError } from '../cli-error.ts';

export const DB_HELP = `serviq db migrate|backup FILE|restore FILE [--data-dir DIR]
  migrate: apply the committed migrations (production runs this before starting new versions).
  backup:  write every table to FILE (gzip JSON lines; portable between PGlite and PostgreSQL).
  restore: load FILE into an empty, migrated database (all or nothing).
  The database is PostgreSQL when DATABASE_URL is set, PGlite in --data-dir (./data) otherwise.`;

export async function runDb(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [action, file] = positionals;
  if (values.help || action === undefined) {
    process.stdout.write(`${DB_HELP}\n`);
    return EXIT_OK;
  }
  if (!['migrate', 'backup', 'restore'].includes(action))
    throw new UsageError(`serviq db: unknown action ${action} (migrate, backup or restore)`);
  if (action !== 'migrate' && !file) throw new UsageError(`serviq db ${action}: name the backup FILE`);
  let config: ReturnType<typeof parseServerConfig>;
  try {
    config = parseServerConfig({ dataDir: values['data-dir'] }, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const db = await openDatabase(config);
  try {
    if (action === 'migrate') {
      const applied = await migrate(db);
      process.stdout.write(applied.length > 0 ? `applied ${applied.join(', ')}\n` : 'already up to date\n');
    } else if (action === 'backup') {
      const summary = await backupDatabase(db, file as string);
      const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
      process.stdout.write(`backed up ${summary.tables.length} tables, ${rows} rows, to ${file}\n`);
    } else {
      await migrate(db);
      try {
        const summary = await restoreDatabase(db, file as string);
        const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
        process.stdout.write(`restored ${summary.tables.length} tables, ${rows} rows, from ${file}\n`);
      } catch (error) {
        throw new UsageError(`restore refused: ${(error as Error).message}`);
      }
    }
  } finally {
    await db.close();
  }
  return EXIT_OK;
}
