/** Whole milliseconds as seconds: every duration the metrics report has at most 3 decimals. */
export function msToSec(ms: number): number {
  return Math.round(ms) / 1000;
}

/** Rounds to `decimals` places, so float noise never reaches a stored or compared figure. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
