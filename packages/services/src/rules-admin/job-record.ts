import type { Queryable } from '@serviq/storage';
import { type Actor, actorLabel } from '../service/actor.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A job as people watch it: progress is `done` of `total`. */
export type JobView = {
  id: number;
  kind: string;
  status: JobStatus;
  params: Record<string, unknown>;
  total: number | null;
  done: number;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type JobRow = {
  id: number | string;
  kind: string;
  status: JobStatus;
  params: Record<string, unknown>;
  total: number | null;
  done: number;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

export const JOB_COLUMNS =
  'id, kind, status, params, total, done, error, created_by, created_at, started_at, finished_at';

// PostgreSQL hands bigint back as a string, PGlite as a number.
export const toJobView = (row: JobRow): JobView => ({
  id: Number(row.id),
  kind: row.kind,
  status: row.status,
  params: row.params,
  total: row.total,
  done: row.done,
  error: row.error,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  startedAt: row.started_at?.toISOString() ?? null,
  finishedAt: row.finished_at?.toISOString() ?? null,
});

export const RESCORE_JOB = 'rescore';

/** What a rescore job's params hold: the rule generation it brings every conversation to. */
export type RescoreParams = { generation: number };

/**
 * Records that what analysis uses changed: a new rule generation, and a queued job that re-scores
 * every stored conversation with it. In the caller's transaction, so a publish and its job land together.
 */
export async function newGeneration(
  tx: Queryable,
  actor: Actor,
  at: Date,
): Promise<{ generation: number; jobId: number }> {
  const gen = await tx.query<{ id: number | string }>(
    'INSERT INTO rule_generations (created_at) VALUES ($1) RETURNING id',
    [at],
  );
  const generation = Number(gen.rows[0]?.id);
  const params: RescoreParams = { generation };
  const job = await tx.query<{ id: number | string }>(
    `INSERT INTO jobs (kind, status, params, total, created_by, created_at)
     VALUES ($1, 'queued', $2, (SELECT count(*)::int FROM conversations), $3, $4) RETURNING id`,
    [RESCORE_JOB, JSON.stringify(params), actorLabel(actor), at],
  );
  return { generation, jobId: Number(job.rows[0]?.id) };
}
