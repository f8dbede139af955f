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
