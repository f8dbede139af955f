import { EMOTIONS } from '@serviq/core';

// The measures of a rollup row: how one conversation contributes to each, how rows add up, and how
// a report reads percentiles back from the first-response histogram.

/** Bucket 0: under 1 s; 1–38: log-spaced from 1 s to 24 h (each ~35 % wider); 39: 24 h or more. */
export const FIRST_RESPONSE_BUCKETS = 40;
const LOG_BUCKETS = FIRST_RESPONSE_BUCKETS - 2;
const MAX_SEC = 86_400;
/** Buckets of score / max_score, 10 % each; a full score lands in the last. */
export const SCORE_BUCKETS = 10;

/**
 * The polarity at or below which a customer's last message counts as negative: where the sentiment
 * scorer's 'negative' label starts (core baseline-sentiment).
 */
export const NEGATIVE_END_POLARITY = -0.2;

/** Scalar columns with what one conversation (alias `c`) adds to each; rows add by sum. */
const SCALARS: [column: string, perConversation: string][] = [
  ['conversations', '1'],
  ['messages', 'c.message_count'],
  ['scored', '(c.score IS NOT NULL)::int'],
  ['score_sum', 'coalesce(c.score::float8, 0)'],
  ['passed', '(c.score IS NOT NULL AND c.is_passed IS TRUE)::int'],
  ['fatal', '(c.is_fatal IS TRUE)::int'],
  ['first_responses', '(c.first_response_ms IS NOT NULL)::int'],
  ['sla_judged', '(c.is_sla_met IS NOT NULL)::int'],
  ['sla_met', '(c.is_sla_met IS TRUE)::int'],
  ['csat_count', '(c.csat IS NOT NULL)::int'],
  ['csat_sum', 'coalesce(c.csat, 0)'],
  ['csat_satisfied', '(c.csat >= 4 IS TRUE)::int'],
  ...EMOTIONS.map((e): [string, string] => [`end_${e}`, `(c.customer_end_emotion = '${e}' IS TRUE)::int`]),
  ['customer_ended', '(c.customer_end_polarity IS NOT NULL)::int'],
  ['negative_end', `(c.customer_end_polarity <= ${NEGATIVE_END_POLARITY} IS TRUE)::int`],
  ['agent_messages', 'c.agent_messages'],
  ['agent_emoji', 'c.agent_emoji'],
  ['agent_emoji_messages', 'c.agent_emoji_messages'],
  ['agent_emoji_while_negative', 'c.agent_emoji_while_negative'],
];
const SCALAR_COLUMNS = SCALARS.map(([column]) => column);

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The histogram columns: fr_00–fr_39 and score_0–score_9 (one per bucket; see the migration). */
export const FIRST_RESPONSE_COLUMNS = range(FIRST_RESPONSE_BUCKETS).map(
  (i) => `fr_${String(i).padStart(2, '0')}`,
);
export const SCORE_COLUMNS = range(SCORE_BUCKETS).map((i) => `score_${i}`);

/** Each histogram's columns with the bucket one conversation falls in (null: not counted). */
const HISTOGRAMS: [columns: string[], bucketOfConversation: string][] = [
  [
    FIRST_RESPONSE_COLUMNS,
    `CASE WHEN c.first_response_ms < 1000 THEN 0
      WHEN c.first_response_ms >= ${MAX_SEC * 1000} THEN ${FIRST_RESPONSE_BUCKETS - 1}
      ELSE 1 + floor(ln(c.first_response_ms::float8 / 1000) * ${LOG_BUCKETS} / ln(${MAX_SEC}))::int END`,
  ],
  [
    SCORE_COLUMNS,
    `CASE WHEN c.max_score > 0
      THEN least(${SCORE_BUCKETS - 1}, greatest(0, floor(c.score::float8 * ${SCORE_BUCKETS} / c.max_score)))::int END`,
  ],
];

/** The measure columns of report_rollups. */
export const MEASURE_COLUMNS = [...SCALAR_COLUMNS, ...FIRST_RESPONSE_COLUMNS, ...SCORE_COLUMNS];

/**
 * What a source subquery over conversations `c` selects for `measuresFromConversations`: the
 * scalars, and for each histogram the bucket (named after the histogram's first column).
 */
export const conversationMeasures = (): string =>
  [
    ...SCALARS.map(([column, expr]) => `${expr} AS ${column}`),
    ...HISTOGRAMS.map(([columns, bucket]) => `${bucket} AS ${columns[0]}`),
  ].join(',\n');

/** Aggregates over `s`, a subquery of `conversationMeasures` rows, in MEASURE_COLUMNS order. */
export const measuresFromConversations = (): string =>
  [
    ...SCALAR_COLUMNS.map((column) => `sum(s.${column})`),
    ...HISTOGRAMS.flatMap(([columns]) =>
      columns.map((_, i) => `count(*) FILTER (WHERE s.${columns[0]} = ${i})`),
    ),
  ].join(',\n');

/** Aggregates over `s`, a subquery of rollup rows, in MEASURE_COLUMNS order. */
export const measuresFromRollups = (): string =>
  MEASURE_COLUMNS.map((column) => `sum(s.${column})`).join(',\n');

/** What a report selects: every measure summed, as float8 so both drivers return numbers. */
export const reportMeasures = (): string =>
  MEASURE_COLUMNS.map((column) => `coalesce(sum(${column}), 0)::float8 AS ${column}`).join(',\n');

/** Lower edge of a first-response bucket, in seconds. */
const lowerEdgeSec = (bucket: number): number => (bucket === 0 ? 0 : MAX_SEC ** ((bucket - 1) / LOG_BUCKETS));

/**
 * The q-quantile of a first-response histogram in seconds (0.1 s), interpolated inside its bucket
 * (geometrically, the buckets being log-spaced), so within a bucket's width of the exact value;
 * 24 h for anything in the open last bucket; null for an empty histogram.
 */
export function histogramQuantileSec(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let seen = 0;
  for (const [bucket, n] of counts.entries()) {
    if (n > 0 && seen + n >= target) {
      if (bucket === FIRST_RESPONSE_BUCKETS - 1) return MAX_SEC;
      const f = (target - seen) / n;
      const lo = lowerEdgeSec(bucket);
      const hi = lowerEdgeSec(bucket + 1);
      const value = bucket === 0 ? hi * f : lo * (hi / lo) ** f;
      return Math.round(value * 10) / 10;
    }
    seen += n;
  }
  return MAX_SEC;
}
