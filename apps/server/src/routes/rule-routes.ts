import { GetRuleSetQuerySchema, SetRuleSetActiveSchema } from '@serviq/contracts';
import {
  AppError,
  dryRunRuleSet,
  getJob,
  getRuleSet,
  listJobs,
  listRuleSets,
  parseInput,
  publishRuleSet,
  saveRuleSetDraft,
  setRuleSetActive,
} from '@serviq/services';
import { type ApiHandler, actorOf, created } from '../api-handler.ts';
import type { AppDeps } from '../app-deps.ts';

/** Parses a request part with its contract schema, or answers 400 naming the first wrong field (as the use-cases do). */
export function ruleHandlers(deps: AppDeps): Record<string, ApiHandler> {
  const { ctx } = deps;
  /** A publish changed what analysis uses: this process takes it up now, a worker re-scores. */
  const afterChange = async (jobId: number | null) => {
    deps.runtimes.invalidate();
    if (jobId !== null) await deps.queue.send('rescore', { jobId });
  };
  return {
    listRuleSets: (call) => listRuleSets(ctx, actorOf(call)),
    getRuleSet: (call) =>
      getRuleSet(ctx, actorOf(call), call.params.id as string, parseInput(GetRuleSetQuerySchema, call.query)),
    saveRuleSet: async (call) => {
      const body = (call.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body))
        throw new AppError('invalid', 'body: expected a JSON object', { field: 'body' });
      return created(
        await saveRuleSetDraft(ctx, actorOf(call), { ...body, id: call.params.id } as Parameters<
          typeof saveRuleSetDraft
        >[2]),
      );
    },
    publishRuleSet: async (call) => {
      const published = await publishRuleSet(
        ctx,
        actorOf(call),
        call.params.id as string,
        (call.body ?? {}) as Parameters<typeof publishRuleSet>[3],
      );
      await afterChange(published.jobId);
      return published;
    },
    setRuleSetActive: async (call) => {
      const { isActive } = parseInput(SetRuleSetActiveSchema, call.body ?? {});
      const changed = await setRuleSetActive(ctx, actorOf(call), call.params.id as string, isActive);
      await afterChange(changed.jobId);
      return changed;
    },
    dryRunRuleSet: async (call) => {
      const runtime = await deps.runtimes.current(ctx.db, ctx.now());
      return dryRunRuleSet(ctx, actorOf(call), call.body as Parameters<typeof dryRunRuleSet>[2], runtime);
    },
    listJobs: (call) => listJobs(ctx, actorOf(call), call.query as Parameters<typeof listJobs>[2]),
    getJob: (call) => getJob(ctx, actorOf(call), call.params.id as string),
  };
}
