import shipped from '../../data/models/satisfaction.json' with { type: 'json' };
import type { AnalysisResult } from '../analysis/analysis-result.ts';

/** What the satisfaction estimate reads from one analysed conversation. */
export type SatisfactionInput = {
  /** Polarity of each customer message, in order. */
  customerPolarity: readonly number[];
  customerNegative: number;
  hasComplaintThreat: boolean;
  hasAbuse: boolean;
  agentRude: number;
  agentImpatient: number;
  resolved: boolean | null;
  slaMet: boolean | null;
  maxCustomerWaitSec: number | null;
};

/** What an analysis result says about satisfaction, with whether the conversation was resolved. */
export function satisfactionInput(
  result: Pick<AnalysisResult, 'sentiment' | 'flags' | 'agentConduct' | 'metrics'>,
  resolved: boolean | undefined,
): SatisfactionInput {
  const rows = result.sentiment.messages;
  return {
    customerPolarity: rows.map((r) => r.polarity),
    customerNegative: rows.reduce((n, r) => n + (r.label === 'negative' ? 1 : 0), 0),
    hasComplaintThreat: result.flags.includes('complaint-threat'),
    hasAbuse: result.flags.includes('abuse'),
    agentRude: result.agentConduct.rude,
    agentImpatient: result.agentConduct.impatient,
    resolved: resolved ?? null,
    slaMet: result.metrics.slaMet,
    maxCustomerWaitSec: result.metrics.maxCustomerWaitSec,
  };
}

/** A linear model over SATISFACTION_FEATURES: satisfaction 1–5 = intercept + Σ weight × feature. */
export type SatisfactionModel = {
  format: 'serviq-satisfaction';
  features: string[];
  weights: number[];
  intercept: number;
  /** Root-mean-square error on the rated conversations it was fitted on, in stars. */
  rmse: number;
  meta?: Record<string, unknown>;
};

export const SATISFACTION_FEATURES = [
  'end',
  'min',
  'mean',
  'negativeShare',
  'endNegative',
  'endPositive',
  'complaintThreat',
  'abuse',
  'agentRude',
  'agentImpatient',
  'resolved',
  'slaMissed',
  'logMaxWaitMin',
  'logCustomerMessages',
] as const;

const b = (x: boolean) => (x ? 1 : 0);

export function satisfactionFeatures(input: SatisfactionInput): number[] {
  const p = input.customerPolarity;
  const n = p.length;
  const end = n > 0 ? (p[n - 1] as number) : 0;
  let min = 0;
  let sum = 0;
  for (const x of p) {
    min = Math.min(min, x);
    sum += x;
  }
  return [
    end,
    min,
    n > 0 ? sum / n : 0,
    n > 0 ? input.customerNegative / n : 0,
    b(end <= -0.2),
    b(end >= 0.2),
    b(input.hasComplaintThreat),
    b(input.hasAbuse),
    b(input.agentRude > 0),
    b(input.agentImpatient > 0),
    input.resolved === true ? 1 : input.resolved === false ? -1 : 0,
    b(input.slaMet === false),
    Math.log1p((input.maxCustomerWaitSec ?? 0) / 60),
    Math.log1p(n),
  ];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Stars 1–5 and a confidence that grows with what the customer said and what is known of the outcome. */
export function predictSatisfaction(
  input: SatisfactionInput,
  model: SatisfactionModel = getDefaultSatisfactionModel(),
): { predicted: number; confidence: number } {
  const x = satisfactionFeatures(input);
  let y = model.intercept;
  SATISFACTION_FEATURES.forEach((name, i) => {
    const at = model.features.indexOf(name);
    if (at >= 0) y += (model.weights[at] as number) * (x[i] as number);
  });
  const evidence = Math.min(input.customerPolarity.length, 4) / 4;
  const outcome = input.resolved === null ? 0 : 0.15;
  return {
    predicted: round2(Math.max(1, Math.min(5, y))),
    confidence: round2(0.2 + 0.45 * evidence + outcome),
  };
}

/**
 * Ridge least squares on rated conversations (features × stars), solved exactly: the model is
 * small, and a deployment refits it on its own CSAT history with `serviq train --task satisfaction`.
 */
export function fitSatisfactionModel(
  rows: readonly { x: readonly number[]; y: number }[],
  l2 = 1,
  meta?: Record<string, unknown>,
): SatisfactionModel {
  if (rows.length < SATISFACTION_FEATURES.length + 2) {
    throw new Error(
      `fitting satisfaction needs at least ${SATISFACTION_FEATURES.length + 2} rated conversations`,
    );
  }
  const d = SATISFACTION_FEATURES.length + 1;
  const a = Array.from({ length: d }, () => new Float64Array(d + 1));
  for (const r of rows) {
    const v = [...r.x, 1];
    for (let i = 0; i < d; i++) {
      const row = a[i] as Float64Array;
      for (let j = 0; j < d; j++) row[j] = (row[j] as number) + (v[i] as number) * (v[j] as number);
      row[d] = (row[d] as number) + (v[i] as number) * r.y;
    }
  }
  // The intercept is not shrunk.
  for (let i = 0; i < d - 1; i++) (a[i] as Float64Array)[i] = ((a[i] as Float64Array)[i] as number) + l2;
  const w = solve(a, d);
  let se = 0;
  for (const r of rows) {
    let y = w[d - 1] as number;
    for (let i = 0; i < d - 1; i++) y += (w[i] as number) * (r.x[i] as number);
    se += (Math.max(1, Math.min(5, y)) - r.y) ** 2;
  }
  const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    format: 'serviq-satisfaction',
    features: [...SATISFACTION_FEATURES],
    weights: Array.from(w.slice(0, d - 1), round4),
    intercept: round4(w[d - 1] as number),
    rmse: round4(Math.sqrt(se / rows.length)),
    ...(meta ? { meta } : {}),
  };
}

/** Gaussian elimination with partial pivoting on an augmented d × (d+1) system. */
function solve(a: Float64Array[], d: number): Float64Array {
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++)
      if (
        Math.abs((a[r] as Float64Array)[col] as number) > Math.abs((a[pivot] as Float64Array)[col] as number)
      )
        pivot = r;
    [a[col], a[pivot]] = [a[pivot] as Float64Array, a[col] as Float64Array];
    const p = a[col] as Float64Array;
    const div = (p[col] as number) || 1e-12;
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const row = a[r] as Float64Array;
      const f = (row[col] as number) / div;
      if (f === 0) continue;
      for (let c = col; c <= d; c++) row[c] = (row[c] as number) - f * (p[c] as number);
    }
  }
  return Float64Array.from({ length: d }, (_, i) => {
    const row = a[i] as Float64Array;
    return (row[d] as number) / ((row[i] as number) || 1e-12);
  });
}

/** Rank correlation, ties given their mean rank: how the estimate is judged against raters. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length < 2) return 0;
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const x = (ra[i] as number) - ma;
    const y = (rb[i] as number) - mb;
    cov += x * y;
    va += x * x;
    vb += y * y;
  }
  return va === 0 || vb === 0 ? 0 : Math.round((cov / Math.sqrt(va * vb)) * 10_000) / 10_000;
}

function ranks(values: readonly number[]): number[] {
  const order = [...values.keys()].sort((i, j) => (values[i] as number) - (values[j] as number));
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number]) j++;
    for (let k = i; k <= j; k++) out[order[k] as number] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** The coefficients `npm run train:models` fitted (docs/accuracy.md says on what). */
export function getDefaultSatisfactionModel(): SatisfactionModel {
  return shipped as SatisfactionModel;
}
