import { Prng } from '../demo/prng.ts';
import { minimiseTemperature } from './fit-temperature.ts';
import type { SparseVector } from './hashed-features.ts';

/** A training example; `weight` (default 1) lets in-domain rows count more than borrowed ones. */
export type LabelledVector = { x: SparseVector; y: number; weight?: number };

export type TrainOptions = {
  labels: readonly string[];
  bits: number;
  /** Passes over the training data at most (default 20). */
  epochs?: number;
  /** AdaGrad step size (default 0.3). */
  learningRate?: number;
  /** L2 penalty per weight, applied where an example touches it (default 1e-6). */
  l2?: number;
  /** Epochs without a better dev loss before stopping (default 2). */
  patience?: number;
  seed?: number;
  /**
   * Weigh each class by the inverse of its share of the training rows, so a rare class counts
   * as much as a common one: what macro-F1 and macro-recall reward.
   */
  isBalanced?: boolean;
};

/** Class probabilities, best first: what `classify --top` prints. */
export type Prediction = { label: string; confidence: number; top: { label: string; confidence: number }[] };

/**
 * A multinomial logistic regression over hashed features: one weight per class and bucket,
 * softmax with a temperature fitted on the dev split so confidences are calibrated.
 */
export class LinearClassifier {
  readonly labels: readonly string[];
  readonly bits: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  temperature = 1;

  constructor(labels: readonly string[], bits: number, weights?: Float32Array, bias?: Float32Array) {
    this.labels = labels;
    this.bits = bits;
    this.weights = weights ?? new Float32Array(labels.length << bits);
    this.bias = bias ?? new Float32Array(labels.length);
  }

  /** Raw class scores (logits) of a feature vector. */
  scores(x: SparseVector): Float64Array {
    const k = this.labels.length;
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const base = c << this.bits;
      let s = this.bias[c] as number;
      for (let i = 0; i < x.indices.length; i++) {
        s += (this.weights[base + (x.indices[i] as number)] as number) * (x.values[i] as number);
      }
      out[c] = s;
    }
    return out;
  }

  probabilities(x: SparseVector, temperature = this.temperature): Float64Array {
    return softmax(this.scores(x), temperature);
  }

  /**
   * The most probable classes. `among` restricts the answer to some labels, renormalised — how
   * a three-way sentiment model is judged on data labelled only negative or positive.
   */
  predict(x: SparseVector, top = 1, among?: ReadonlySet<string>): Prediction {
    const p = this.probabilities(x);
    let candidates = [...p.keys()];
    if (among) {
      candidates = candidates.filter((c) => among.has(this.labels[c] as string));
      const sum = candidates.reduce((s, c) => s + (p[c] as number), 0) || 1;
      for (const c of candidates) p[c] = (p[c] as number) / sum;
    }
    const order = candidates.sort((a, b) => (p[b] as number) - (p[a] as number) || a - b);
    const ranked = order.slice(0, Math.max(1, top)).map((c) => ({
      label: this.labels[c] as string,
      confidence: Math.round((p[c] as number) * 1000) / 1000,
    }));
    const best = ranked[0] as { label: string; confidence: number };
    return { label: best.label, confidence: best.confidence, top: ranked };
  }
}

export function softmax(scores: Float64Array, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, s / temperature);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i] as number) / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** Mean negative log-likelihood of the true classes. */
function meanLoss(model: LinearClassifier, data: readonly LabelledVector[], temperature = 1): number {
  let loss = 0;
  for (const d of data)
    loss -= Math.log(Math.max(1e-12, model.probabilities(d.x, temperature)[d.y] as number));
  return data.length === 0 ? 0 : loss / data.length;
}

/** The temperature that minimises dev loss (golden-section search on [0.25, 8]). */
function fitTemperature(model: LinearClassifier, dev: readonly LabelledVector[]): number {
  if (dev.length === 0) return 1;
  const t = minimiseTemperature((x) => meanLoss(model, dev, x), 0.25, 8, 30);
  return Math.round(t * 1000) / 1000;
}

export type TrainReport = {
  epochs: { epoch: number; trainLoss: number; devLoss: number }[];
  bestEpoch: number;
  temperature: number;
};

/**
 * Trains by AdaGrad SGD in a seeded order (so the same data and seed give the same model), keeps
 * the weights of the epoch with the lowest dev loss, stops after `patience` epochs without
 * improvement, then fits the softmax temperature on dev.
 */
export function trainLinearClassifier(
  train: readonly LabelledVector[],
  dev: readonly LabelledVector[],
  options: TrainOptions,
): { model: LinearClassifier; report: TrainReport } {
  const { labels, bits } = options;
  const epochs = options.epochs ?? 20;
  const rate = options.learningRate ?? 0.3;
  const l2 = options.l2 ?? 1e-6;
  const patience = options.patience ?? 2;
  const k = labels.length;
  const model = new LinearClassifier(labels, bits);
  const g2 = new Float32Array(model.weights.length);
  const b2 = new Float32Array(k);
  const prng = new Prng(options.seed ?? 1);
  const order = [...train.keys()];
  const classWeight = new Float64Array(k).fill(1);
  if (options.isBalanced) {
    const counts = new Float64Array(k);
    for (const d of train) counts[d.y] = (counts[d.y] as number) + 1;
    for (let c = 0; c < k; c++)
      classWeight[c] = (counts[c] as number) > 0 ? train.length / (k * (counts[c] as number)) : 0;
  }
  let best = {
    loss: Number.POSITIVE_INFINITY,
    epoch: 0,
    weights: model.weights.slice(),
    bias: model.bias.slice(),
  };
  const history: TrainReport['epochs'] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    prng.shuffle(order);
    let trainLoss = 0;
    for (const n of order) {
      const { x, y, weight: rowWeight = 1 } = train[n] as LabelledVector;
      const p = model.probabilities(x, 1);
      trainLoss -= Math.log(Math.max(1e-12, p[y] as number));
      const weight = (classWeight[y] as number) * rowWeight;
      for (let c = 0; c < k; c++) {
        const g = ((p[c] as number) - (c === y ? 1 : 0)) * weight;
        b2[c] = (b2[c] as number) + g * g;
        model.bias[c] = (model.bias[c] as number) - (rate * g) / Math.sqrt((b2[c] as number) + 1e-8);
        const base = c << bits;
        for (let i = 0; i < x.indices.length; i++) {
          const w = base + (x.indices[i] as number);
          const grad = g * (x.values[i] as number) + l2 * (model.weights[w] as number);
          g2[w] = (g2[w] as number) + grad * grad;
          model.weights[w] =
            (model.weights[w] as number) - (rate * grad) / Math.sqrt((g2[w] as number) + 1e-8);
        }
      }
    }
    const devLoss = dev.length > 0 ? meanLoss(model, dev) : trainLoss / Math.max(1, train.length);
    history.push({
      epoch,
      trainLoss: round4(trainLoss / Math.max(1, train.length)),
      devLoss: round4(devLoss),
    });
    if (devLoss < best.loss)
      best = { loss: devLoss, epoch, weights: model.weights.slice(), bias: model.bias.slice() };
    else if (epoch - best.epoch >= patience) break;
  }
  const chosen = new LinearClassifier(labels, bits, best.weights, best.bias);
  chosen.temperature = fitTemperature(chosen, dev);
  return {
    model: chosen,
    report: { epochs: history, bestEpoch: best.epoch, temperature: chosen.temperature },
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export type BiasObjective = 'macroF1' | 'macroRecall' | 'accuracy';

function objectiveOf(confusion: Float64Array, k: number, objective: BiasObjective): number {
  let total = 0;
  let correct = 0;
  let sum = 0;
  let classes = 0;
  for (let a = 0; a < k; a++) {
    let actual = 0;
    let predicted = 0;
    for (let p = 0; p < k; p++) {
      actual += confusion[a * k + p] as number;
      predicted += confusion[p * k + a] as number;
    }
    const tp = confusion[a * k + a] as number;
    total += actual;
    correct += tp;
    if (actual === 0) continue;
    classes++;
    sum += objective === 'macroRecall' ? tp / actual : (2 * tp) / (actual + predicted);
  }
  if (objective === 'accuracy') return total === 0 ? 0 : correct / total;
  return classes === 0 ? 0 : sum / classes;
}

/**
 * Shifts the class biases to maximise a macro measure on dev rows (coordinate search, a few
 * rounds). A model trained where one class is common over-predicts it; macro-F1 and macro-recall
 * weigh every class alike, and a deployment's class mix differs from the training mix anyway.
 * Returns the offsets applied.
 */
export function tuneClassBias(
  model: LinearClassifier,
  dev: readonly LabelledVector[],
  objective: BiasObjective,
): Float64Array {
  const k = model.labels.length;
  const offsets = new Float64Array(k);
  if (dev.length === 0) return offsets;
  const logits = dev.map((d) => model.scores(d.x));
  const confusion = new Float64Array(k * k);
  const measure = () => {
    confusion.fill(0);
    for (let n = 0; n < dev.length; n++) {
      const s = logits[n] as Float64Array;
      let best = 0;
      for (let c = 1; c < k; c++)
        if ((s[c] as number) + (offsets[c] as number) > (s[best] as number) + (offsets[best] as number))
          best = c;
      const i = (dev[n] as LabelledVector).y * k + best;
      confusion[i] = (confusion[i] as number) + 1;
    }
    return objectiveOf(confusion, k, objective);
  };
  let current = measure();
  const steps = [-1, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1];
  for (let round = 0; round < 4; round++) {
    let isImproved = false;
    for (let c = 0; c < k; c++) {
      const start = offsets[c] as number;
      let bestValue = start;
      for (const step of steps) {
        offsets[c] = start + step;
        const m = measure();
        // Demand a clear gain so the offsets do not chase noise in a small dev split.
        if (m > current + 1e-3) {
          current = m;
          bestValue = offsets[c] as number;
          isImproved = true;
        }
      }
      offsets[c] = bestValue;
    }
    if (!isImproved) break;
  }
  for (let c = 0; c < k; c++) model.bias[c] = (model.bias[c] as number) + (offsets[c] as number);
  return offsets;
}
