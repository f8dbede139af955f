import { authenticateSession, login, logout } from '@serviq/services';
import { type ApiHandler, actorOf } from '../api-handler.ts';
import type { AppDeps } from '../app-deps.ts';

export const SESSION_COOKIE = 'serviq_session';

export function authHandlers(deps: AppDeps): Record<string, ApiHandler> {
  const isSecure = deps.config.isSecureCookie ?? deps.config.publicUrl?.startsWith('https:') ?? false;
  return {
    login: async ({ body, request, reply }) => {
      const result = await login(deps.ctx, body as Parameters<typeof login>[1], {
        limiter: deps.limiter,
        ip: request.ip,
      });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: isSecure,
        path: '/',
        expires: new Date(result.expiresAt),
      });
      return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
    logout: async ({ request, reply }) => {
      await logout(deps.ctx, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { isSignedOut: true };
    },
    me: async (call) => {
      if (!call.actor) return { kind: 'anonymous' };
      const actor = actorOf(call);
      const session = call.request.cookies[SESSION_COOKIE];
      if (actor.kind === 'user' && session) {
        const { user, csrfToken } = await authenticateSession(deps.ctx, session);
        return { kind: 'user', user, csrfToken };
      }
      return actor.kind === 'token'
        ? { kind: 'token', tokenId: actor.tokenId, scopes: actor.scopes }
        : { kind: actor.kind };
    },
  };
}
