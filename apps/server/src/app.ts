import cookie from '@fastify/cookie';
import { API_ROUTES, type ApiRoute } from '@serviq/contracts';
import {
  type Actor,
  AppError,
  authenticateSession,
  authenticateToken,
  can,
  HTTP_STATUS_OF,
  isAppError,
  type Permission,
  RateLimitedError,
  verifyCsrf,
} from '@serviq/services';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ApiAnswer, ApiCall, ApiHandler } from './api-handler.ts';
import type { AppDeps } from './app-deps.ts';
import { adminHandlers } from './routes/admin-routes.ts';
import { alertHandlers } from './routes/alert-routes.ts';
import { authHandlers, SESSION_COOKIE } from './routes/auth-routes.ts';
import { conversationHandlers } from './routes/conversation-routes.ts';
import { integrationHandlers } from './routes/integration-routes.ts';
import { metaHandlers } from './routes/meta-routes.ts';
import { ruleHandlers } from './routes/rule-routes.ts';
import { registerWebRoutes } from './web-routes.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `{id}` → `:id`, and a literal `:` (as in `conversations:batch`) escaped for Fastify's router. */
const fastifyPath = (path: string) => path.replace(/:/g, '::').replace(/\{(\w+)\}/g, ':$1');

function errorBody(code: string, message: string, extra: { field?: string; details?: unknown[] } = {}) {
  return {
    error: {
      code,
      message,
      ...(extra.field ? { field: extra.field } : {}),
      ...(extra.details?.length ? { details: extra.details } : {}),
    },
  };
}

/** Who is calling: a bearer token, or a session cookie (with its CSRF token on changes). */
async function resolveActor(deps: AppDeps, request: FastifyRequest): Promise<Actor | undefined> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m?.[1])
      throw new AppError('unauthorized', 'Authorization: expected "Bearer <token>"', {
        field: 'Authorization',
      });
    return authenticateToken(deps.ctx, m[1]);
  }
  const session = request.cookies[SESSION_COOKIE];
  if (!session) return undefined;
  const { actor, csrfToken } = await authenticateSession(deps.ctx, session);
  if (UNSAFE.has(request.method)) {
    const given = request.headers['x-csrf-token'];
    if (typeof given !== 'string' || !verifyCsrf(csrfToken, given))
      throw new AppError(
        'forbidden',
        'X-CSRF-Token: missing or wrong (send the token from login or /auth/me)',
        {
          field: 'X-CSRF-Token',
        },
      );
  }
  return actor;
}

function checkAccess(route: ApiRoute, actor: Actor | undefined): void {
  if (route.access === 'public' || route.access === 'optional') return;
  if (!actor)
    throw new AppError('unauthorized', 'sign in, or send an API token as "Authorization: Bearer <token>"');
  if (route.access === 'session') return;
  if (!can(actor, route.access as Permission))
    throw new AppError('forbidden', `this account lacks the permission ${route.access}`);
}

/** The HTTP API: every route of the contract table, JSON errors for every failure. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: deps.config.logLevel,
      // Credentials never reach the log; bodies are never logged (they may hold PII).
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
      // Query strings can carry secrets (?secret= for Chatwoot) and search text: only the path is logged.
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          path: req.url.split('?')[0],
          ip: req.ip,
        }),
      },
    },
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.isBehindProxy,
  });
  // Alert streams stay open until the viewer leaves: closing ends them, or it would wait for every viewer.
  app.addHook('preClose', async () => deps.hub.endStreams());
  await app.register(cookie);
  const servePage = await registerWebRoutes(app, deps.config.webDir);
  // JSON keeps its raw text: webhook signatures are computed over the exact bytes.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    (request as FastifyRequest & { rawBody?: string }).rawBody = body as string;
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(
        new AppError('invalid', `body: not valid JSON (${(error as Error).message})`, { field: 'body' }),
        undefined,
      );
    }
  });
  // Batch imports stream: the handler reads the body itself, in bounded memory.
  for (const type of ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'text/plain'])
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));

  const handlers: Record<string, ApiHandler> = {
    ...metaHandlers(deps),
    ...authHandlers(deps),
    ...conversationHandlers(deps),
    ...ruleHandlers(deps),
    ...alertHandlers(deps),
    ...adminHandlers(deps),
    ...integrationHandlers(deps),
  };
  for (const route of API_ROUTES) {
    const handler = handlers[route.id];
    if (!handler) throw new Error(`no handler for API route ${route.id}`);
    app.route({
      method: route.method,
      url: fastifyPath(route.path),
      ...(route.bodyType === 'jsonl' ? { bodyLimit: deps.config.importLimit } : {}),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        // Public routes ignore credentials: a stale cookie must not stop anyone signing in, and
        // a webhook's own Authorization header is not ours.
        const actor =
          route.access === 'public'
            ? undefined
            : route.access === 'optional'
              ? await resolveActor(deps, request).catch(() => undefined)
              : await resolveActor(deps, request);
        checkAccess(route, actor);
        const call: ApiCall = {
          route,
          actor,
          params: request.params as Record<string, string>,
          query: request.query as Record<string, unknown>,
          body: request.body,
          request,
          reply,
        };
        const answer = (await handler(call)) as ApiAnswer | unknown;
        if (answer && typeof answer === 'object' && 'isHijacked' in answer) return reply;
        if (
          answer &&
          typeof answer === 'object' &&
          'status' in answer &&
          'body' in answer &&
          Object.keys(answer).length === 2
        ) {
          const { status, body } = answer as { status: number; body: unknown };
          return status === 204 ? reply.code(204).send() : reply.code(status).send(body);
        }
        return reply.send(answer);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (servePage(request, reply)) return;
    reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
  app.setErrorHandler((error, request, reply) => {
    if (isAppError(error)) {
      if (error instanceof RateLimitedError) reply.header('Retry-After', String(error.retryAfterSeconds));
      return reply.code(HTTP_STATUS_OF[error.code]).send(
        errorBody(error.code, error.message, {
          ...(error.field ? { field: error.field } : {}),
          details: error.details,
        }),
      );
    }
    const e = error as { statusCode?: number; code?: string; message: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply
        .code(413)
        .send(
          errorBody(
            'too_large',
            `body: larger than the ${request.routeOptions.bodyLimit ?? deps.config.bodyLimit} bytes allowed`,
            { field: 'body' },
          ),
        );
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply
        .code(415)
        .send(
          errorBody(
            'invalid',
            `Content-Type: ${request.headers['content-type']} is not accepted here (send application/json, or application/x-ndjson for imports)`,
            { field: 'Content-Type' },
          ),
        );
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
      return reply.code(e.statusCode).send(errorBody('invalid', e.message));
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'internal error; the server log has the details'));
  });
  return app;
}
