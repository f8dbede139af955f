/**
 * Percentile of ascending-sorted values by linear interpolation between closest ranks
 * (PostgreSQL `percentile_cont`, numpy's default, Excel PERCENTILE.INC), so a conversation's
 * figures agree with the database's aggregates. `p` is a fraction in [0, 1]; null for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const below = sorted[lo] ?? 0;
  const above = sorted[Math.min(lo + 1, n - 1)] ?? below;
  return below + (h - lo) * (above - below);
}
