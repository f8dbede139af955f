import { CENTROID_WEIGHT_STEPS, CentroidClassifier, quantiseFeatureWeight } from './centroid-classifier.ts';
import { LinearClassifier } from './linear-classifier.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = DECODE[clean.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error(`model file: invalid base64 at ${i}`);
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** The serialised form: compact JSON, weights quantised to 8 bits per class over the used buckets. */
export type LinearModelFile = {
  format: 'serviq-linear';
  version: 1;
  task: string;
  labels: string[];
  bits: number;
  temperature: number;
  bias: number[];
  /** Per class: the factor that turns a stored byte back into a weight. */
  scales: number[];
  /** Used buckets as base64 of varint deltas. */
  buckets: string;
  /** For each used bucket, one signed byte per class, base64. */
  weights: string;
  meta?: Record<string, unknown>;
};

export function serializeLinearClassifier(
  model: LinearClassifier,
  task: string,
  meta?: Record<string, unknown>,
): LinearModelFile {
  const size = 1 << model.bits;
  const scales = model.labels.map((_, c) => {
    let max = 0;
    for (let i = c << model.bits; i < (c + 1) << model.bits; i++)
      max = Math.max(max, Math.abs(model.weights[i] as number));
    return max === 0 ? 1 : max / 127;
  });
  const used: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < size; i++) {
    const q = model.labels.map((_, c) =>
      Math.round((model.weights[(c << model.bits) + i] as number) / (scales[c] as number)),
    );
    if (q.every((v) => v === 0)) continue;
    used.push(i);
    for (const v of q) bytes.push(v & 0xff);
  }
  const varints: number[] = [];
  let prev = 0;
  for (const i of used) {
    let d = i - prev;
    prev = i;
    while (d >= 0x80) {
      varints.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    varints.push(d);
  }
  return {
    format: 'serviq-linear',
    version: 1,
    task,
    labels: [...model.labels],
    bits: model.bits,
    temperature: model.temperature,
    bias: Array.from(model.bias, (b) => Math.round(b * 1e6) / 1e6),
    scales: scales.map((s) => Number(s.toPrecision(7))),
    buckets: toBase64(Uint8Array.from(varints)),
    weights: toBase64(Uint8Array.from(bytes)),
    ...(meta ? { meta } : {}),
  };
}

/** Reads a model file back; throws with the field at fault when it is not one. */
export function parseLinearClassifier(file: unknown): LinearClassifier {
  const f = file as Partial<LinearModelFile>;
  if (f?.format !== 'serviq-linear' || f.version !== 1)
    throw new Error('model file: not a serviq-linear model (format, version)');
  if (
    !Array.isArray(f.labels) ||
    typeof f.bits !== 'number' ||
    !Array.isArray(f.bias) ||
    !Array.isArray(f.scales)
  ) {
    throw new Error('model file: labels, bits, bias and scales are required');
  }
  if (typeof f.buckets !== 'string' || typeof f.weights !== 'string')
    throw new Error('model file: buckets and weights are required');
  const model = new LinearClassifier(f.labels, f.bits, undefined, Float32Array.from(f.bias));
  model.temperature = typeof f.temperature === 'number' ? f.temperature : 1;
  const k = f.labels.length;
  const varints = fromBase64(f.buckets);
  const bytes = new Int8Array(fromBase64(f.weights).buffer);
  let bucket = 0;
  let at = 0;
  let row = 0;
  while (at < varints.length) {
    let d = 0;
    let shift = 0;
    for (;;) {
      const b = varints[at++] as number;
      d |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    bucket += d;
    for (let c = 0; c < k; c++) {
      model.weights[(c << f.bits) + bucket] = (bytes[row * k + c] as number) * (f.scales[c] as number);
    }
    row++;
  }
  return model;
}

/** Appends `value` (≥ 0) as a varint: 7 bits a byte, low bits first. */
function pushVarint(out: number[], value: number): void {
  let d = value;
  while (d >= 0x80) {
    out.push((d & 0x7f) | 0x80);
    d >>>= 7;
  }
  out.push(d);
}

/** Reads varints one after another. */
function varintReader(bytes: Uint8Array, field: string): { done: () => boolean; next: () => number } {
  let at = 0;
  return {
    done: () => at >= bytes.length,
    next: () => {
      let d = 0;
      let shift = 0;
      for (;;) {
        if (at >= bytes.length) throw new Error(`model file: ${field}: truncated`);
        const b = bytes[at++] as number;
        d += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return d;
        shift += 7;
      }
    },
  };
}

/**
 * The serialised centroid model: compact JSON, one byte per weight. Centroids are listed class
 * by class; feature weights only for the buckets weighing less than 1 (every other bucket weighs 1).
 */
export type CentroidModelFile = {
  format: 'serviq-centroid';
  version: 1;
  task: string;
  labels: string[];
  bits: number;
  temperature: number;
  /** Per class: how many buckets its centroid keeps. */
  sizes: number[];
  /** Per class: the factor that turns a stored byte back into a weight. */
  scales: number[];
  /** Each centroid's buckets as varint deltas, starting from 0 at every class, base64. */
  buckets: string;
  /** One unsigned byte per centroid weight, base64. */
  weights: string;
  /** The buckets weighing less than 1, as varint deltas, base64. */
  featureBuckets: string;
  /** Their weights × 255, one byte each, base64. */
  featureWeights: string;
  meta?: Record<string, unknown>;
};

export function serializeCentroidClassifier(
  model: CentroidClassifier,
  task: string,
  meta?: Record<string, unknown>,
): CentroidModelFile {
  const k = model.labels.length;
  const sizes: number[] = [];
  const buckets: number[] = [];
  const weights = new Uint8Array(model.weights.length);
  for (let c = 0; c < k; c++) {
    const start = model.classOffsets[c] as number;
    const end = model.classOffsets[c + 1] as number;
    sizes.push(end - start);
    let prev = 0;
    for (let i = start; i < end; i++) {
      pushVarint(buckets, (model.buckets[i] as number) - prev);
      prev = model.buckets[i] as number;
      weights[i] = Math.round((model.weights[i] as number) / (model.scales[c] as number));
    }
  }
  const featureBuckets: number[] = [];
  const featureWeights: number[] = [];
  let prev = 0;
  model.featureWeight.forEach((w, b) => {
    if (w === 1) return;
    pushVarint(featureBuckets, b - prev);
    prev = b;
    featureWeights.push(Math.round(w * CENTROID_WEIGHT_STEPS));
  });
  return {
    format: 'serviq-centroid',
    version: 1,
    task,
    labels: [...model.labels],
    bits: model.bits,
    temperature: model.temperature,
    sizes,
    scales: Array.from(model.scales),
    buckets: toBase64(Uint8Array.from(buckets)),
    weights: toBase64(weights),
    featureBuckets: toBase64(Uint8Array.from(featureBuckets)),
    featureWeights: toBase64(Uint8Array.from(featureWeights)),
    ...(meta ? { meta } : {}),
  };
}

const isNumberArray = (v: unknown, length: number) =>
  Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Reads a centroid model file back; throws with the field at fault when it is not one. */
export function parseCentroidClassifier(file: unknown): CentroidClassifier {
  const f = file as Partial<CentroidModelFile>;
  if (f?.format !== 'serviq-centroid' || f.version !== 1)
    throw new Error('model file: not a serviq-centroid model (format, version)');
  if (!Array.isArray(f.labels) || f.labels.length < 1 || !f.labels.every((l) => typeof l === 'string'))
    throw new Error('model file: labels: expected a list of label names');
  if (typeof f.bits !== 'number' || !Number.isInteger(f.bits) || f.bits < 1 || f.bits > 30)
    throw new Error('model file: bits: expected an integer from 1 to 30');
  if (typeof f.temperature !== 'number' || !(f.temperature > 0))
    throw new Error('model file: temperature: expected a positive number');
  const k = f.labels.length;
  if (!isNumberArray(f.sizes, k) || !(f.sizes as number[]).every((n) => Number.isInteger(n) && n >= 0))
    throw new Error('model file: sizes: expected one count per label');
  if (!isNumberArray(f.scales, k)) throw new Error('model file: scales: expected one number per label');
  for (const field of ['buckets', 'weights', 'featureBuckets', 'featureWeights'] as const) {
    if (typeof f[field] !== 'string') throw new Error(`model file: ${field}: expected base64 text`);
  }
  const size = 1 << f.bits;
  const sizes = f.sizes as number[];
  const scales = Float64Array.from(f.scales as number[]);
  const classOffsets = new Int32Array(k + 1);
  sizes.forEach((n, c) => {
    classOffsets[c + 1] = (classOffsets[c] as number) + n;
  });
  const nnz = classOffsets[k] as number;
  const stored = fromBase64(f.weights as string);
  if (stored.length !== nnz)
    throw new Error(`model file: weights: expected ${nnz} bytes, found ${stored.length}`);
  const buckets = new Int32Array(nnz);
  const weights = new Float32Array(nnz);
  const bucketReader = varintReader(fromBase64(f.buckets as string), 'buckets');
  for (let c = 0; c < k; c++) {
    let bucket = 0;
    for (let i = classOffsets[c] as number; i < (classOffsets[c + 1] as number); i++) {
      bucket += bucketReader.next();
      if (bucket >= size) throw new Error(`model file: buckets: bucket ${bucket} beyond 2^${f.bits}`);
      buckets[i] = bucket;
      weights[i] = Math.fround((stored[i] as number) * (scales[c] as number));
    }
  }
  if (!bucketReader.done()) throw new Error('model file: buckets: more buckets than sizes count');
  const featureWeight = new Float32Array(size).fill(1);
  const featureBytes = fromBase64(f.featureWeights as string);
  const featureReader = varintReader(fromBase64(f.featureBuckets as string), 'featureBuckets');
  let bucket = 0;
  for (let i = 0; i < featureBytes.length; i++) {
    bucket += featureReader.next();
    if (bucket >= size) throw new Error(`model file: featureBuckets: bucket ${bucket} beyond 2^${f.bits}`);
    featureWeight[bucket] = quantiseFeatureWeight(featureBytes[i] as number);
  }
  if (!featureReader.done()) throw new Error('model file: featureBuckets: more buckets than featureWeights');
  return new CentroidClassifier({
    labels: f.labels,
    bits: f.bits,
    featureWeight,
    classOffsets,
    buckets,
    weights,
    scales,
    temperature: f.temperature,
  });
}

/** Either kind of trained classifier: both map a feature vector to a `Prediction`. */
export type Classifier = LinearClassifier | CentroidClassifier;

export type ClassifierModelFile = LinearModelFile | CentroidModelFile;

/** Reads a model file of either kind. */
export function parseClassifierModel(file: unknown): Classifier {
  const format = (file as { format?: unknown } | null)?.format;
  if (format === 'serviq-linear') return parseLinearClassifier(file);
  if (format === 'serviq-centroid') return parseCentroidClassifier(file);
  throw new Error(
    `model file: format: expected serviq-linear or serviq-centroid, got ${JSON.stringify(format ?? null)}`,
  );
}
