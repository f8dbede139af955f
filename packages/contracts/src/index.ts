export * from './api-routes.ts';
export * from './audit.ts';
export * from './conversations.ts';
export * from './errors.ts';
export * from './query-values.ts';
export * from './settings.ts';
