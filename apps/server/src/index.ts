export * from './app.ts';
export * from './open-database.ts';
export * from './openapi.ts';
export * from './server-config.ts';
export * from './start-server.ts';
export * from './start-worker.ts';
