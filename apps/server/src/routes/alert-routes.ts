import { acknowledgeAlert, listAlerts, type StoredAlert } from '@serviq/services';
import { type ApiHandler, actorOf } from '../api-handler.ts';
import type { AppDeps } from '../app-deps.ts';

// Proxies close quiet connections; a comment line every so often keeps the stream open.
const HEARTBEAT_MS = 15_000;

export function alertHandlers(deps: AppDeps): Record<string, ApiHandler> {
  const { ctx } = deps;
  return {
    listAlerts: (call) => listAlerts(ctx, actorOf(call), call.query),
    acknowledgeAlert: (call) => acknowledgeAlert(ctx, actorOf(call), Number(call.params.id)),
    alertStream: async (call) => {
      const { reply, request } = call;
      const send = (alert: StoredAlert) =>
        reply.raw.write(`id: ${alert.id}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`);
      // Subscribe first: it checks the permission before any byte of the stream is written.
      const unsubscribe = deps.hub.subscribe(actorOf(call), send);
      reply.hijack();
      reply.raw.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      reply.raw.write(': connected\n\n');
      const heartbeat = setInterval(() => reply.raw.write(': ping\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      return { isHijacked: true };
    },
  };
}
