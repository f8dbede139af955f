import { type ListJobs, ListJobsSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { JOB_COLUMNS, type JobRow, type JobView, toJobView } from './job-record.ts';

/** The most recent jobs first. */
export async function listJobs(ctx: ServiceContext, actor: Actor, input: ListJobs = {}): Promise<JobView[]> {
  authorize(actor, 'jobs:read');
  const { kind, status, limit } = parseInput(ListJobsSchema, input);
  const { rows } = await ctx.db.query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM jobs
     WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR status = $2)
     ORDER BY id DESC LIMIT $3`,
    [kind ?? null, status ?? null, limit],
  );
  return rows.map(toJobView);
}
