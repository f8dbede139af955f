export * from './backup.ts';
export * from './copy-text.ts';
export * from './database.ts';
export * from './migrate.ts';
