import type { Database } from '@serviq/storage';

/** What every use-case receives: the database and an injected clock (tests set the time). */
export type ServiceContext = {
  db: Database;
  now: () => number;
};
