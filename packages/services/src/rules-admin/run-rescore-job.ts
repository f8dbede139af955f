import { reanalyseConversations } from '../conversations/reanalyse-conversations.ts';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import { AppError } from '../service/app-error.ts';
import { parseId } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { type JobRow, RESCORE_JOB } from './job-record.ts';

export type RescoreProgress = { jobId: number; done: number; total: number | null; reanalysed: number };

export type RescoreOptions = {
  /** Conversations walked per step; jobs.done is updated after each. */
  batchSize?: number;
  onProgress?: (progress: RescoreProgress) => void;
};

export type RescoreReport = {
  jobId: number;
  /** The generation the conversations now carry (the runtime's). */
  generation: number;
  /** Conversations walked, and of them those analysed again (the rest already had the generation). */
  examined: number;
  reanalysed: number;
  /** UTC hour starts (epoch ms, ascending) of the conversations re-scored: the report rollups to refresh. */
  hours: number[];
  /** The job had already finished: nothing was done. */
  wasDone: boolean;
};

type PageRow = { id: string; is_current: boolean };

const PAGE = `SELECT c.id, COALESCE(a.rule_set_version >= $2::bigint, FALSE) AS is_current
  FROM conversations c LEFT JOIN analyses a ON a.conversation_id = c.id
  WHERE c.id > $1::uuid ORDER BY c.id LIMIT $3`;

// Below every key: conversation keys are version-8 uuids, never the nil uuid. A plain `c.id > $1`
// lets the planner walk the primary key, where `$1 IS NULL OR …` could make it scan.
const BEFORE_FIRST = '00000000-0000-0000-0000-000000000000';

/**
 * Runs a rescore job: walks every stored conversation by id and analyses again those whose analysis
 * is older than the runtime's rule generation, a batch at a time. A conversation already at the
 * generation (or a newer one) is skipped, so a run after a crash, or a second run, resumes without
 * doing any work twice. Marks the job running, then done or failed with the error (and rethrows).
 */
export async function runRescoreJob(
  ctx: ServiceContext,
  jobId: number | string,
  runtime: AnalysisRuntime,
  options: RescoreOptions = {},
): Promise<RescoreReport> {
  const id = parseId(jobId, 'jobId');
  const { batchSize = 200, onProgress } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new AppError('invalid', 'batch size must be a positive whole number', { field: 'batchSize' });
  const { rows } = await ctx.db.query<Pick<JobRow, 'kind' | 'status' | 'params' | 'total'>>(
    'SELECT kind, status, params, total FROM jobs WHERE id = $1',
    [id],
  );
  const job = rows[0];
  if (!job || job.kind !== RESCORE_JOB) throw new AppError('not_found', `there is no rescore job ${id}`);
  const wanted = Number(job.params.generation);
  const report: RescoreReport = {
    jobId: id,
    generation: wanted,
    examined: 0,
    reanalysed: 0,
    hours: [],
    wasDone: job.status === 'done',
  };
  if (report.wasDone) return report;
  const fail = async (error: unknown) => {
    await ctx.db.query("UPDATE jobs SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1", [
      id,
      error instanceof Error ? error.message : String(error),
      new Date(ctx.now()),
    ]);
  };
  if (runtime.generation === null || runtime.generation < wanted) {
    // Re-scoring with older rules would only undo the publish: the caller's runtime is stale.
    const error = new AppError(
      'conflict',
      `rescore job ${id} needs rule generation ${wanted}, but the analysis runtime holds ${runtime.generation ?? 'none'}: refresh the runtime (AnalysisRuntimes.invalidate) and run the job again`,
    );
    await fail(error);
    throw error;
  }
  const generation = runtime.generation;
  await ctx.db.query(
    `UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, $2), finished_at = NULL,
       error = NULL, done = 0 WHERE id = $1`,
    [id, new Date(ctx.now())],
  );
  const hours = new Set<number>();
  try {
    let after = BEFORE_FIRST;
    for (let isLast = false; !isLast; ) {
      const { rows: page } = await ctx.db.query<PageRow>(PAGE, [after, generation, batchSize]);
      isLast = page.length < batchSize;
      if (page.length === 0) break;
      after = page[page.length - 1]?.id ?? after;
      const stale = page.filter((r) => !r.is_current).map((r) => r.id);
      if (stale.length > 0)
        for (const hour of await reanalyseConversations(ctx, stale, runtime)) hours.add(hour);
      report.examined += page.length;
      report.reanalysed += stale.length;
      await ctx.db.query('UPDATE jobs SET done = $2 WHERE id = $1', [id, report.examined]);
      onProgress?.({ jobId: id, done: report.examined, total: job.total, reanalysed: report.reanalysed });
    }
    // Conversations imported or deleted while it ran make the count at queueing inexact: settle on what was walked.
    await ctx.db.query(
      "UPDATE jobs SET status = 'done', total = $2, done = $2, finished_at = $3 WHERE id = $1",
      [id, report.examined, new Date(ctx.now())],
    );
  } catch (error) {
    await fail(error);
    throw error;
  }
  return { ...report, generation, hours: [...hours].sort((a, b) => a - b) };
}
