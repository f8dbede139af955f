import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import type { ServiceContext } from '../service/service-context.ts';

export type RetentionOptions = { days: number; batchSize?: number };
/** `hours`: the distinct UTC hour starts (epoch ms, ascending) of the deleted conversations' started_at. */
export type RetentionOutcome = { deleted: number; hours: number[] };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// ended_at has no index, but started_at ≤ ended_at, so the extra started_at bound lets the
// planner walk conversations_started instead of scanning the table for every batch.
const DELETE_BATCH = `WITH gone AS (
  DELETE FROM conversations WHERE id IN (
    SELECT id FROM conversations WHERE ended_at < $1::timestamptz AND started_at < $1::timestamptz LIMIT $2
  )
  RETURNING started_at
)
SELECT floor(extract(epoch FROM started_at) / 3600)::int AS hour, count(*)::int AS n FROM gone GROUP BY 1`;

/**
 * Deletes the conversations that ended more than `days` days before now (their messages, analyses,
 * rule hits, reviews and alerts go with them), `batchSize` at a time, each batch its own
 * transaction so a large backlog neither holds locks for long nor needs one huge undo. One audit
 * row records the run, written with the last batch.
 */
export async function applyRetention(
  ctx: ServiceContext,
  options: RetentionOptions,
): Promise<RetentionOutcome> {
  const { days, batchSize = 5000 } = options;
  if (!Number.isInteger(days) || days < 1)
    throw new AppError('invalid', 'retention days must be a whole number of at least 1', { field: 'days' });
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new AppError('invalid', 'batch size must be a positive whole number', { field: 'batchSize' });
  const cutoff = new Date(ctx.now() - days * DAY_MS).toISOString();
  const hours = new Set<number>();
  let deleted = 0;
  for (let isLast = false; !isLast; ) {
    isLast = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ hour: number; n: number }>(DELETE_BATCH, [cutoff, batchSize]);
      let n = 0;
      for (const row of rows) {
        hours.add(row.hour * HOUR_MS);
        n += row.n;
      }
      deleted += n;
      if (n === batchSize) return false;
      await recordAudit(
        tx,
        { kind: 'system' },
        { action: 'retention.apply', entity: 'conversations', after: { days, cutoff, deleted } },
      );
      return true;
    });
  }
  return { deleted, hours: [...hours].sort((a, b) => a - b) };
}
