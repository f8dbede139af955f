import type { ApiHandler } from '../api-handler.ts';
import type { AppDeps } from '../app-deps.ts';
import { buildOpenApi } from '../openapi.ts';

export function metaHandlers(deps: AppDeps): Record<string, ApiHandler> {
  let openapi: unknown;
  return {
    health: async () => {
      await deps.ctx.db.query('SELECT 1');
      return { status: 'ok', driver: deps.ctx.db.driver };
    },
    openapi: async () => {
      openapi ??= buildOpenApi();
      return openapi;
    },
  };
}
