// Fixed bins keep memory bounded however many conversations are summarised:
// 0.1 s up to 10 min, 1 s up to a day, 1 min up to 60 days.
const FINE_LIMIT = 600;
const MID_LIMIT = 86_400;
const COARSE_LIMIT = 60 * 86_400;
const FINE_BINS = FINE_LIMIT * 10;
const MID_BINS = MID_LIMIT - FINE_LIMIT;
const COARSE_BINS = (COARSE_LIMIT - MID_LIMIT) / 60;
const BINS = FINE_BINS + MID_BINS + COARSE_BINS + 1;

export type QuantileHistogram = { counts: Uint32Array; total: number };

export function createQuantileHistogram(): QuantileHistogram {
  return { counts: new Uint32Array(BINS), total: 0 };
}

function binOf(seconds: number): number {
  const s = Math.max(0, seconds);
  if (s < FINE_LIMIT) return Math.floor(s * 10);
  if (s < MID_LIMIT) return FINE_BINS + Math.floor(s - FINE_LIMIT);
  if (s < COARSE_LIMIT) return FINE_BINS + MID_BINS + Math.floor((s - MID_LIMIT) / 60);
  return BINS - 1;
}

/** Lower edge of a bin, in seconds. */
function lowerEdge(bin: number): number {
  if (bin < FINE_BINS) return bin / 10;
  if (bin < FINE_BINS + MID_BINS) return FINE_LIMIT + (bin - FINE_BINS);
  if (bin < BINS - 1) return MID_LIMIT + (bin - FINE_BINS - MID_BINS) * 60;
  return COARSE_LIMIT;
}

export function addToHistogram(h: QuantileHistogram, seconds: number): void {
  const bin = binOf(seconds);
  h.counts[bin] = (h.counts[bin] ?? 0) + 1;
  h.total++;
}

export function mergeHistograms(into: QuantileHistogram, from: QuantileHistogram): void {
  for (let i = 0; i < BINS; i++) into.counts[i] = (into.counts[i] ?? 0) + (from.counts[i] ?? 0);
  into.total += from.total;
}

/** The k-th smallest value (0-based), at the resolution of the bins. */
function valueAtRank(h: QuantileHistogram, k: number): number {
  let seen = 0;
  for (let i = 0; i < BINS; i++) {
    seen += h.counts[i] ?? 0;
    if (seen > k) return lowerEdge(i);
  }
  return COARSE_LIMIT;
}

/**
 * Quantile with linear interpolation between ranks, like PostgreSQL's percentile_cont and the
 * per-conversation figures; values are read at the bins' resolution (0.1 s below 10 min).
 */
export function histogramQuantile(h: QuantileHistogram, q: number): number | null {
  if (h.total === 0) return null;
  const rank = q * (h.total - 1);
  const below = Math.floor(rank);
  const low = valueAtRank(h, below);
  if (rank === below) return low;
  const high = valueAtRank(h, below + 1);
  return Math.round((low + (high - low) * (rank - below)) * 1000) / 1000;
}
