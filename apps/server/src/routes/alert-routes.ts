import {
  acknowledgeAlert,
  alertsAfter,
  listAlerts,
  listOngoingConversations,
  type StoredAlert,
} from '@serviq/services';
import { type ApiHandler, actorOf } from '../api-handler.ts';
import type { AppDeps } from '../app-deps.ts';

// Proxies close quiet connections; a comment line every so often keeps the stream open.
const HEARTBEAT_MS = 15_000;
// How long a browser waits before it reconnects a dropped stream.
const RETRY_MS = 3_000;

/** The alert id a reconnecting EventSource last received, from its `Last-Event-ID` header. */
function lastEventIdOf(header: unknown): number | undefined {
  if (typeof header !== 'string' || !/^\d{1,15}$/.test(header)) return undefined;
  return Number(header);
}

export function alertHandlers(deps: AppDeps): Record<string, ApiHandler> {
  const { ctx } = deps;
  return {
    listAlerts: (call) => listAlerts(ctx, actorOf(call), call.query),
    acknowledgeAlert: (call) => acknowledgeAlert(ctx, actorOf(call), Number(call.params.id)),
    listOngoingConversations: (call) => listOngoingConversations(ctx, actorOf(call), call.query),
    alertStream: async (call) => {
      const { reply, request } = call;
      const actor = actorOf(call);
      const send = (alert: StoredAlert) =>
        reply.raw.write(`id: ${alert.id}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`);
      const lastEventId = lastEventIdOf(request.headers['last-event-id']);
      // While the missed alerts are read, new ones wait here so none is lost between the two.
      let waiting: StoredAlert[] | undefined = lastEventId === undefined ? undefined : [];
      // Subscribe first: it checks the permission before any byte of the stream is written.
      const unsubscribe = deps.hub.subscribe(
        actor,
        (alert) => (waiting ? waiting.push(alert) : send(alert)),
        () => reply.raw.end(),
      );
      reply.hijack();
      reply.raw.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      reply.raw.write(`retry: ${RETRY_MS}\n: connected\n\n`);
      const heartbeat = setInterval(() => reply.raw.write(': ping\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      if (lastEventId !== undefined) {
        try {
          const missed = await alertsAfter(ctx, actor, lastEventId);
          const sent = new Set(missed.map((a) => a.id));
          for (const alert of missed) send(alert);
          for (const alert of waiting ?? []) if (!sent.has(alert.id)) send(alert);
          waiting = undefined;
        } catch (error) {
          // The reply is already the stream: end it, and the browser asks again with the same id.
          request.log.warn({ err: error }, 'alert stream: the missed alerts could not be read');
          reply.raw.end();
        }
      }
      return { isHijacked: true };
    },
  };
}
