import { type Readable, Transform } from 'node:stream';
import {
  AppError,
  closeConversation,
  createReview,
  dispatchAlerts,
  exportConversations,
  getConversation,
  getConversationFilters,
  getReport,
  importConversations,
  ingestMessage,
  listConversations,
  queueRollupRefresh,
} from '@serviq/services';
import { type ApiHandler, actorOf, created } from '../api-handler.ts';
import type { AppDeps } from '../app-deps.ts';
import { exportBody } from './conversation-export.ts';

/** Stops a streamed body at the import limit instead of reading it to the end. */
function limitBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit)
        done(
          new AppError('too_large', `body: larger than the ${limit} bytes allowed for one import`, {
            field: 'body',
          }),
        );
      else done(null, chunk);
    },
  });
}

export function conversationHandlers(deps: AppDeps): Record<string, ApiHandler> {
  const { ctx } = deps;
  return {
    importConversations: async (call) => {
      const body = call.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function')
        throw new AppError(
          'invalid',
          'Content-Type: send the conversations as application/x-ndjson (one JSON object per line)',
          {
            field: 'Content-Type',
          },
        );
      const runtime = await deps.runtimes.current(ctx.db, ctx.now());
      const report = await importConversations(
        ctx,
        actorOf(call),
        body.pipe(limitBytes(deps.config.importLimit)),
        {
          runtime,
          pool: deps.importPool,
        },
      );
      await queueRollupRefresh(deps.queue, report.hours);
      const { hours: _hours, ...answer } = report;
      return answer;
    },
    listConversations: (call) => listConversations(ctx, actorOf(call), call.query),
    exportConversations: async (call) => {
      const body = exportBody(await exportConversations(ctx, actorOf(call), call.query));
      call.reply
        .header('Content-Type', body.contentType)
        .header('Content-Disposition', `attachment; filename="${body.fileName}"`)
        .header('Cache-Control', 'no-store');
      return body.stream;
    },
    getConversationFilters: async (call) =>
      getConversationFilters(ctx, actorOf(call), await deps.runtimes.current(ctx.db, ctx.now())),
    getConversation: async (call) =>
      getConversation(
        ctx,
        actorOf(call),
        call.params.id as string,
        await deps.runtimes.current(ctx.db, ctx.now()),
      ),
    postMessage: async (call) => {
      const runtime = await deps.runtimes.current(ctx.db, ctx.now());
      const outcome = await ingestMessage(
        ctx,
        actorOf(call),
        call.params.id as string,
        call.body,
        runtime,
        deps.live,
      );
      // Webhooks get the alert at once; a slow receiver must not hold up the helpdesk's request.
      if (outcome.alerts.length > 0)
        deps.background.run(
          () => dispatchAlerts(deps.jobs, outcome.alerts),
          (error) => call.request.log.error({ err: error }, 'webhook dispatch failed'),
        );
      const answer = {
        conversationId: outcome.conversationId,
        isDuplicate: outcome.isDuplicate,
        alerts: outcome.alerts.map((a) => ({ id: a.id, rule: a.rule, name: a.name, severity: a.severity })),
        score: outcome.result?.score ?? null,
        customerEmotion: outcome.result?.sentiment.customer?.endEmotion ?? null,
      };
      return outcome.isDuplicate ? answer : created(answer);
    },
    closeConversation: async (call) => {
      const runtime = await deps.runtimes.current(ctx.db, ctx.now());
      const { hours, ...answer } = await closeConversation(
        ctx,
        actorOf(call),
        call.params.id as string,
        call.body,
        runtime,
        deps.live,
      );
      await queueRollupRefresh(deps.queue, hours);
      return answer;
    },
    createReview: async (call) =>
      created(await createReview(ctx, actorOf(call), call.params.id as string, call.body)),
    getReport: (call) => getReport(ctx, actorOf(call), call.query as Parameters<typeof getReport>[2]),
  };
}
