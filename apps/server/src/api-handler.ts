import type { ApiRoute } from '@serviq/contracts';
import type { Actor } from '@serviq/services';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** One API call as a handler sees it: the authenticated actor and the request's parts. */
export type ApiCall = {
  route: ApiRoute;
  /** Undefined only on public routes called without credentials. */
  actor: Actor | undefined;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  request: FastifyRequest;
  reply: FastifyReply;
};

/** A status other than 200, or a hijacked reply (streams) that the handler answered itself. */
export type ApiAnswer = { status: number; body: unknown } | { isHijacked: true };

export type ApiHandler = (call: ApiCall) => Promise<unknown>;

export const created = (body: unknown): ApiAnswer => ({ status: 201, body });
export const noContent = (): ApiAnswer => ({ status: 204, body: undefined });

/** The actor of a route that needs one (the access check has already run). */
export function actorOf(call: ApiCall): Actor {
  if (!call.actor) throw new Error(`route ${call.route.id} ran without an actor`);
  return call.actor;
}
