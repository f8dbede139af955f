import {
  AppError,
  chatwootEventToLive,
  closeConversation,
  dispatchAlerts,
  ingestMessage,
  queueRollupRefresh,
  verifyChatwootSignature,
} from '@serviq/services';
import type { ApiHandler } from '../api-handler.ts';
import type { AppDeps } from '../app-deps.ts';

export function integrationHandlers(deps: AppDeps): Record<string, ApiHandler> {
  const { ctx } = deps;
  return {
    chatwootWebhook: async ({ request, query, body }) => {
      const secret = deps.config.chatwootSecret;
      if (!secret)
        throw new AppError(
          'not_found',
          'the Chatwoot receiver is off: set SERVIQ_CHATWOOT_SECRET to switch it on',
        );
      const raw = (request as typeof request & { rawBody?: string }).rawBody ?? '';
      verifyChatwootSignature(raw, secret, request.headers, {
        query: query as Record<string, string>,
        nowMs: ctx.now(),
      });
      // The receiver acts for the integration itself, with the ingest scope only.
      const actor = { kind: 'token', tokenId: 0, scopes: ['ingest'] } as const;
      const event = chatwootEventToLive(
        body,
        deps.config.chatwootAccountId ? { accountId: deps.config.chatwootAccountId } : {},
      );
      const runtime = await deps.runtimes.current(ctx.db, ctx.now());
      if (event.kind === 'message') {
        const outcome = await ingestMessage(
          ctx,
          { ...actor, scopes: [...actor.scopes] },
          event.conversationExternalId,
          { source: event.source, conversation: event.conversation, message: event.message },
          runtime,
          deps.live,
        );
        if (outcome.alerts.length > 0)
          deps.background.run(
            () => dispatchAlerts(deps.jobs, outcome.alerts),
            (error) => request.log.error({ err: error }, 'webhook dispatch failed'),
          );
        return {
          kind: 'message',
          conversationId: outcome.conversationId,
          isDuplicate: outcome.isDuplicate,
          alerts: outcome.alerts.length,
        };
      }
      if (event.kind === 'closed' || event.kind === 'rating') {
        const closed = await closeConversation(
          ctx,
          { ...actor, scopes: [...actor.scopes] },
          event.conversationExternalId,
          {
            source: event.source,
            at: event.at,
            ...(event.csat === undefined ? {} : { csat: event.csat }),
            ...('comment' in event && event.comment ? { comment: event.comment } : {}),
          },
          runtime,
          deps.live,
        );
        await queueRollupRefresh(deps.queue, closed.hours);
        return { kind: event.kind, conversationId: closed.conversationId };
      }
      return { kind: 'ignored', reason: event.reason };
    },
  };
}
