import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { parseId } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { JOB_COLUMNS, type JobRow, type JobView, toJobView } from './job-record.ts';

export async function getJob(ctx: ServiceContext, actor: Actor, jobId: number | string): Promise<JobView> {
  authorize(actor, 'jobs:read');
  const id = parseId(jobId);
  const { rows } = await ctx.db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [id]);
  if (!rows[0]) throw new AppError('not_found', `there is no job ${id}`);
  return toJobView(rows[0]);
}
