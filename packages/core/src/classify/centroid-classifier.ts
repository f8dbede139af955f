import { minimiseTemperature } from './fit-temperature.ts';
import type { SparseVector } from './hashed-features.ts';
import type { LabelledVector, Prediction } from './linear-classifier.ts';

export type CentroidTrainOptions = {
  labels: readonly string[];
  bits: number;
  /**
   * Exponent of each class's mean weights (default 0.25). Below 1 it counts *that* a class uses a
   * feature more than *how often*: with few examples per class, which phrasing of the same
   * request a class happened to get matters less than the words that name it.
   */
  power?: number;
  /**
   * Weights of a unit-length centroid below this are dropped (default 0.01): they add little to
   * any similarity but put the class on the posting lists of common features.
   */
  minWeight?: number;
  /**
   * Features weighing less than this (default 0.05: spread almost evenly over the classes) are
   * ignored, on both sides: they would touch most classes on every prediction for next to nothing.
   */
  minFeatureWeight?: number;
  /** At most this many buckets per class, the heaviest (default 400). */
  maxFeatures?: number;
  /**
   * Passes that pull each class towards the training examples it loses and push the class that
   * won them away (default 3); the pass with the best dev accuracy is kept.
   */
  refinePasses?: number;
  /** Weight of one pull or push, where a training example weighs 1 (default 0.25). */
  refineRate?: number;
  /** An example counts as lost also when another class comes within this similarity (default 0.02). */
  refineMargin?: number;
};

export type CentroidTrainReport = {
  temperature: number;
  /** Centroid weights stored over all classes. */
  weights: number;
  /** The refining pass kept (0: the plain centroids) and the dev accuracy after each pass. */
  bestPass: number;
  passes: { pass: number; devAccuracy: number }[];
};

/** The state of a centroid model: what a model file stores. */
export type CentroidParts = {
  labels: readonly string[];
  bits: number;
  /** Per bucket (1 << bits of them), how much the feature tells the classes apart, in [0, 1]. */
  featureWeight: Float32Array;
  /** Class c's centroid: buckets/weights[classOffsets[c] .. classOffsets[c + 1]], buckets ascending. */
  classOffsets: Int32Array;
  buckets: Int32Array;
  weights: Float32Array;
  /** Per class, the step of its weights' byte grid: every weight is `quantiseWeight(w, scale)`. */
  scales: Float64Array;
  temperature: number;
};

/**
 * Weights are kept on a grid of one byte per weight (per class for centroids, in [0, 1] for
 * features), so a trained model predicts exactly as its model file does.
 */
export const CENTROID_WEIGHT_STEPS = 255;

/** A centroid weight on its class's byte grid; `scale` is the class's largest weight / 255. */
const quantiseWeight = (w: number, scale: number) => Math.fround(Math.round(w / scale) * scale);

/** A feature weight on the byte grid of [0, 1]. */
export const quantiseFeatureWeight = (q: number) => Math.fround(q / CENTROID_WEIGHT_STEPS);

/**
 * A nearest-centroid classifier for very many classes. Features are weighted by how much they
 * tell the classes apart; a class is the mean of its examples' unit vectors, each weight raised
 * to `power`, pruned and re-normalised; a text goes to the most cosine-similar class. An
 * inverted index (bucket → classes) makes a prediction touch only the classes that share a
 * feature with the text. Confidences are a softmax over the similarities with a temperature
 * fitted on the dev split.
 */
export class CentroidClassifier {
  readonly labels: readonly string[];
  readonly bits: number;
  readonly featureWeight: Float32Array;
  readonly classOffsets: Int32Array;
  readonly buckets: Int32Array;
  readonly weights: Float32Array;
  readonly scales: Float64Array;
  temperature: number;
  // The classes with a weight for bucket b: postClass/postWeight[postOffsets[b] .. postOffsets[b + 1]].
  private readonly postOffsets: Int32Array;
  private readonly postClass: Int32Array;
  private readonly postWeight: Float32Array;
  // Scratch of the last scoring: similarity per class (0 where untouched) and the classes touched.
  private readonly similarity: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  // The classes of the last `among` asked for: evaluation asks with the same set for every row.
  private amongLabels: ReadonlySet<string> | undefined;
  private amongClasses: number[] = [];

  constructor(parts: CentroidParts) {
    const size = 1 << parts.bits;
    const k = parts.labels.length;
    this.labels = parts.labels;
    this.bits = parts.bits;
    this.featureWeight = parts.featureWeight;
    this.classOffsets = parts.classOffsets;
    this.buckets = parts.buckets;
    this.weights = parts.weights;
    this.scales = parts.scales;
    this.temperature = parts.temperature;
    const nnz = parts.buckets.length;
    this.postOffsets = new Int32Array(size + 1);
    for (let i = 0; i < nnz; i++) {
      const b = (parts.buckets[i] as number) + 1;
      this.postOffsets[b] = (this.postOffsets[b] as number) + 1;
    }
    for (let b = 0; b < size; b++)
      this.postOffsets[b + 1] = (this.postOffsets[b + 1] as number) + (this.postOffsets[b] as number);
    this.postClass = new Int32Array(nnz);
    this.postWeight = new Float32Array(nnz);
    const next = this.postOffsets.slice(0, size);
    for (let c = 0; c < k; c++) {
      for (let i = parts.classOffsets[c] as number; i < (parts.classOffsets[c + 1] as number); i++) {
        const b = parts.buckets[i] as number;
        const at = next[b] as number;
        next[b] = at + 1;
        this.postClass[at] = c;
        this.postWeight[at] = parts.weights[i] as number;
      }
    }
    this.similarity = new Float64Array(k);
    this.touched = new Int32Array(k);
  }

  /** Cosine similarities of `x` to the classes that share a feature with it, into the scratch arrays. */
  private score(x: SparseVector): void {
    const similarity = this.similarity;
    // Clearing all classes and listing the touched ones afterwards costs less than a check per
    // posting when thousands of classes share a text's features.
    similarity.fill(0);
    const fw = this.featureWeight;
    let norm = 0;
    for (let i = 0; i < x.indices.length; i++) {
      const v = (x.values[i] as number) * (fw[x.indices[i] as number] as number);
      norm += v * v;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      const offsets = this.postOffsets;
      const postClass = this.postClass;
      const postWeight = this.postWeight;
      for (let i = 0; i < x.indices.length; i++) {
        const b = x.indices[i] as number;
        const q = (x.values[i] as number) * (fw[b] as number) * inv;
        if (q === 0) continue;
        const end = offsets[b + 1] as number;
        for (let p = offsets[b] as number; p < end; p++) {
          const c = postClass[p] as number;
          similarity[c] = (similarity[c] as number) + q * (postWeight[p] as number);
        }
      }
    }
    const touched = this.touched;
    let count = 0;
    for (let c = 0; c < similarity.length; c++) if (similarity[c] !== 0) touched[count++] = c;
    this.touchedCount = count;
  }

  /** Cosine similarity of `x` to each class (0 for the classes sharing no feature with it). */
  similarities(x: SparseVector): Float64Array {
    this.score(x);
    return this.similarity.slice();
  }

  /** The index of the most similar class. */
  bestClass(x: SparseVector): number {
    this.score(x);
    return this.bestClasses(1)[0] as number;
  }

  /** The class other than `y` that is most similar to `x` if it beats `y` or comes within `margin`; else -1. */
  rival(x: SparseVector, y: number, margin: number): number {
    this.score(x);
    const [a, b] = this.bestClasses(2);
    const other = a === y ? b : a;
    if (other === undefined) return -1;
    return (this.similarity[other] as number) + margin >= (this.similarity[y] as number) ? other : -1;
  }

  /**
   * The most similar classes with their softmax confidences. `among` restricts the answer to some
   * labels, renormalised, as `LinearClassifier.predict` does.
   */
  predict(x: SparseVector, top = 1, among?: ReadonlySet<string>): Prediction {
    this.score(x);
    if (among) return this.predictAmong(top, among);
    const k = this.labels.length;
    const best = this.bestClasses(Math.min(Math.max(1, top), k));
    // Softmax over all classes; those sharing no feature have similarity 0 and are summed at once.
    // A class more than 20 temperatures below the best adds < 2e-9 each: skipping its exp changes no
    // rounded confidence and saves most of them among thousands of classes.
    const t = this.temperature;
    const max = this.similarity[best[0] as number] as number;
    const floor = max - 20 * t;
    let sum = floor > 0 ? 0 : (k - this.touchedCount) * Math.exp(-max / t);
    for (let i = 0; i < this.touchedCount; i++) {
      const s = this.similarity[this.touched[i] as number] as number;
      if (s > floor) sum += Math.exp((s - max) / t);
    }
    const ranked = best.map((c) => ({
      label: this.labels[c] as string,
      confidence: Math.round((Math.exp(((this.similarity[c] as number) - max) / t) / sum) * 1000) / 1000,
    }));
    const first = ranked[0] as { label: string; confidence: number };
    return { label: first.label, confidence: first.confidence, top: ranked };
  }

  private predictAmong(top: number, among: ReadonlySet<string>): Prediction {
    if (this.amongLabels !== among) {
      this.amongLabels = among;
      this.amongClasses = [...this.labels.keys()].filter((c) => among.has(this.labels[c] as string));
    }
    const candidates = this.amongClasses;
    if (candidates.length === 0) throw new Error('predict: the model knows none of the labels asked for');
    const sim = this.similarity;
    const best = this.bestOf(candidates, Math.min(Math.max(1, top), candidates.length));
    const t = this.temperature;
    const max = sim[best[0] as number] as number;
    let sum = 0;
    for (const c of candidates) sum += Math.exp(((sim[c] as number) - max) / t);
    const ranked = best.map((c) => ({
      label: this.labels[c] as string,
      confidence: Math.round((Math.exp(((sim[c] as number) - max) / t) / sum) * 1000) / 1000,
    }));
    const first = ranked[0] as { label: string; confidence: number };
    return { label: first.label, confidence: first.confidence, top: ranked };
  }

  /** The `n` most similar of `classes` (in class order), ties in class order. */
  private bestOf(classes: ArrayLike<number>, n: number): number[] {
    const sim = this.similarity;
    const before = (a: number, b: number) =>
      (sim[a] as number) > (sim[b] as number) || (sim[a] === sim[b] && a < b);
    const best: number[] = [];
    for (let i = 0; i < classes.length; i++) {
      const c = classes[i] as number;
      if (best.length === n && !before(c, best[n - 1] as number)) continue;
      let at = best.length === n ? n - 1 : best.length;
      while (at > 0 && before(c, best[at - 1] as number)) {
        best[at] = best[at - 1] as number;
        at--;
      }
      best[at] = c;
    }
    return best;
  }

  /** The `n` most similar classes, ties in class order. */
  private bestClasses(n: number): number[] {
    const best = this.bestOf(this.touched.subarray(0, this.touchedCount), n);
    if (best.length === n && (this.similarity[best[n - 1] as number] as number) > 0) return best;
    // Too few classes share a feature, or some score below 0 (cue features can be negative): the
    // classes at 0 compete too.
    return this.bestOf([...this.labels.keys()], n);
  }

  /** For the temperature fit: the similarities of `x` in (value, count) bins, and the true class's. */
  binnedSimilarities(x: SparseVector, y: number): BinnedSimilarities {
    this.score(x);
    let top = 0;
    for (let i = 0; i < this.touchedCount; i++)
      top = Math.max(top, this.similarity[this.touched[i] as number] as number);
    const sums = new Float64Array(FIT_BINS + 1);
    const counts = new Float64Array(FIT_BINS + 1);
    // Fine bins by distance below the top keep each sum of exponentials within a fraction of a per cent.
    const width = top / FIT_BINS || 1;
    for (let i = 0; i < this.touchedCount; i++) {
      const v = this.similarity[this.touched[i] as number] as number;
      const bin = Math.min(FIT_BINS - 1, Math.floor((top - v) / width));
      sums[bin] = (sums[bin] as number) + v;
      counts[bin] = (counts[bin] as number) + 1;
    }
    counts[FIT_BINS] = this.labels.length - this.touchedCount;
    const values = sums.map((s, i) => ((counts[i] as number) > 0 ? s / (counts[i] as number) : 0));
    return { trueScore: this.similarity[y] as number, top, values, counts };
  }
}

const FIT_BINS = 256;

/** An example's similarities for the temperature fit: bin means and counts, and the true class's. */
export type BinnedSimilarities = {
  trueScore: number;
  top: number;
  values: Float64Array;
  counts: Float64Array;
};

/**
 * How much each feature tells the classes apart: 1 − the entropy of the classes of the training
 * examples that have it, over the entropy of a uniform spread (log K). A feature in one class
 * weighs 1, one spread evenly over all classes (a greeting, an order number's digits) 0, so
 * common words neither sway similarities nor fill the posting lists. Unseen buckets weigh 1.
 */
function featureWeights(
  train: readonly LabelledVector[],
  members: readonly number[][],
  size: number,
  minFeatureWeight: number,
): Float32Array {
  const k = members.length;
  const frequency = new Int32Array(size);
  const sumNLogN = new Float64Array(size);
  const counts = new Int32Array(size);
  const touched: number[] = [];
  for (const group of members) {
    for (const n of group) {
      for (const b of (train[n] as LabelledVector).x.indices) {
        if (counts[b] === 0) touched.push(b);
        counts[b] = (counts[b] as number) + 1;
      }
    }
    for (const b of touched) {
      const c = counts[b] as number;
      frequency[b] = (frequency[b] as number) + c;
      sumNLogN[b] = (sumNLogN[b] as number) + c * Math.log(c);
      counts[b] = 0;
    }
    touched.length = 0;
  }
  const weight = new Float32Array(size);
  const uniform = Math.log(Math.max(2, k));
  for (let b = 0; b < size; b++) {
    const n = frequency[b] as number;
    const entropy = n === 0 ? 0 : Math.log(n) - (sumNLogN[b] as number) / n;
    const w = Math.min(1, Math.max(0, 1 - entropy / uniform));
    if (w < minFeatureWeight) continue;
    weight[b] = quantiseFeatureWeight(Math.round(w * CENTROID_WEIGHT_STEPS));
  }
  return weight;
}

/** Item indices 0 … n − 1 grouped by `key` (0 … k − 1), in order within a group. */
function groupBy(n: number, k: number, key: (i: number) => number): number[][] {
  const groups: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) (groups[key(i)] as number[]).push(i);
  return groups;
}

/**
 * Trains a nearest-centroid model: feature weights, then per class the mean of its examples'
 * weighted unit vectors raised to `power`, pruned and re-normalised. Refining passes then pull
 * each class towards the examples it loses and push the class that won them away, a perceptron
 * over centroids, keeping the pass with the best dev accuracy; last, the softmax temperature is
 * fitted on dev. No randomness: the same data give the same model.
 */
export function trainCentroidClassifier(
  train: readonly LabelledVector[],
  dev: readonly LabelledVector[],
  options: CentroidTrainOptions,
): { model: CentroidClassifier; report: CentroidTrainReport } {
  const { labels, bits } = options;
  const power = options.power ?? 0.25;
  const minWeight = options.minWeight ?? 0.01;
  const maxFeatures = options.maxFeatures ?? 400;
  const rate = options.refineRate ?? 0.25;
  const margin = options.refineMargin ?? 0.02;
  const k = labels.length;
  const size = 1 << bits;
  const members = groupBy(train.length, k, (n) => (train[n] as LabelledVector).y);
  const featureWeight = featureWeights(train, members, size, options.minFeatureWeight ?? 0.05);
  // 1 / the length of each example's weighted vector, so each example adds a unit vector.
  const inverseNorm = Float64Array.from(train, ({ x }) => {
    let norm = 0;
    for (let i = 0; i < x.indices.length; i++)
      norm += ((x.values[i] as number) * (featureWeight[x.indices[i] as number] as number)) ** 2;
    return 1 / (Math.sqrt(norm) || 1);
  });
  // What refining adds: each example's extra pull on its own class, and per class the examples pushing it.
  const pull = new Float64Array(train.length);
  const pushes: number[][] = labels.map(() => []);
  const sums = new Float64Array(size);
  const touched: number[] = [];
  const accumulate = (n: number, factor: number) => {
    const { x } = train[n] as LabelledVector;
    const f = factor * (inverseNorm[n] as number);
    for (let i = 0; i < x.indices.length; i++) {
      const b = x.indices[i] as number;
      const w = (x.values[i] as number) * (featureWeight[b] as number) * f;
      if (w === 0) continue;
      if (sums[b] === 0) touched.push(b);
      // A sum that cancels to exactly 0 would be listed twice in `touched`.
      sums[b] = (sums[b] as number) + w || Number.MIN_VALUE;
    }
  };
  const build = () => {
    const classOffsets = new Int32Array(k + 1);
    const scales = new Float64Array(k);
    const buckets = new Int32Array(k * maxFeatures);
    const weights = new Float32Array(k * maxFeatures);
    let at = 0;
    for (let c = 0; c < k; c++) {
      for (const n of members[c] as number[]) accumulate(n, 1 + (pull[n] as number));
      for (const n of pushes[c] as number[]) accumulate(n, -rate);
      // The centroid: positive sums raised to `power`, unit length, the heaviest kept, unit length again.
      let kept = touched.filter((b) => (sums[b] as number) > 0);
      for (const b of kept) sums[b] = (sums[b] as number) ** power;
      const w = (b: number) => sums[b] as number;
      let norm = Math.sqrt(kept.reduce((sum, b) => sum + w(b) ** 2, 0)) || 1;
      const floor = minWeight * norm;
      kept = kept.filter((b) => w(b) >= floor);
      if (kept.length > maxFeatures) kept = kept.sort((p, q) => w(q) - w(p) || p - q).slice(0, maxFeatures);
      norm = Math.sqrt(kept.reduce((sum, b) => sum + w(b) ** 2, 0)) || 1;
      const scale = kept.reduce((max, b) => Math.max(max, w(b)), 0) / norm / CENTROID_WEIGHT_STEPS || 1;
      scales[c] = scale;
      for (const b of kept.sort((p, q) => p - q)) {
        const q = quantiseWeight(w(b) / norm, scale);
        if (q === 0) continue;
        buckets[at] = b;
        weights[at++] = q;
      }
      for (const b of touched) sums[b] = 0;
      touched.length = 0;
      classOffsets[c + 1] = at;
    }
    return new CentroidClassifier({
      labels,
      bits,
      featureWeight,
      classOffsets,
      buckets: buckets.slice(0, at),
      weights: weights.slice(0, at),
      scales,
      temperature: 1,
    });
  };
  // Without dev rows the training rows judge the passes and calibrate.
  const judge = dev.length > 0 ? dev : train;
  const accuracy = (model: CentroidClassifier) => {
    let correct = 0;
    for (const d of judge) if (model.bestClass(d.x) === d.y) correct++;
    return judge.length === 0 ? 0 : round4(correct / judge.length);
  };
  let model = build();
  let best = { model, devAccuracy: accuracy(model), pass: 0 };
  const passes: CentroidTrainReport['passes'] = [{ pass: 0, devAccuracy: best.devAccuracy }];
  for (let pass = 1; pass <= (options.refinePasses ?? 3); pass++) {
    let lost = 0;
    train.forEach((d, n) => {
      const c = model.rival(d.x, d.y, margin);
      if (c < 0) return;
      lost++;
      pull[n] = (pull[n] as number) + rate;
      (pushes[c] as number[]).push(n);
    });
    if (lost === 0) break;
    model = build();
    const devAccuracy = accuracy(model);
    passes.push({ pass, devAccuracy });
    if (devAccuracy > best.devAccuracy) best = { model, devAccuracy, pass };
  }
  model = best.model;
  model.temperature = fitTemperature(model, judge);
  return {
    model,
    report: { temperature: model.temperature, weights: model.weights.length, bestPass: best.pass, passes },
  };
}

/** At most this many examples enter the temperature fit: enough for a stable fit, bounded in time. */
const FIT_EXAMPLES = 2000;

/** The softmax temperature that minimises the mean negative log-likelihood of the true classes. */
function fitTemperature(model: CentroidClassifier, data: readonly LabelledVector[]): number {
  if (data.length === 0) return 1;
  const stride = Math.ceil(data.length / FIT_EXAMPLES);
  const examples: BinnedSimilarities[] = [];
  for (let n = 0; n < data.length; n += stride) {
    const d = data[n] as LabelledVector;
    examples.push(model.binnedSimilarities(d.x, d.y));
  }
  const loss = (t: number) => {
    let total = 0;
    for (const e of examples) {
      let sum = 0;
      for (let i = 0; i < e.values.length; i++) {
        const count = e.counts[i] as number;
        if (count > 0) sum += count * Math.exp(((e.values[i] as number) - e.top) / t);
      }
      total += Math.log(sum) - (e.trueScore - e.top) / t;
    }
    return total / examples.length;
  };
  // Cosine similarities differ by hundredths, so T is small.
  return Number(minimiseTemperature(loss, 0.001, 2, 40).toPrecision(4));
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
