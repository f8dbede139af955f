import {
  DEFAULT_FEATURE_BITS,
  type EvaluationReport,
  evaluateClassifier,
  hashedFeatures,
  type LabelledVector,
  type LinearClassifier,
  type LinearModelFile,
  Prng,
  serializeLinearClassifier,
  type TrainReport,
  trainLinearClassifier,
} from '@serviq/core';
import type { LabelledText } from './labelled-data.ts';

export type TrainClassifierOptions = {
  task: string;
  train: readonly LabelledText[];
  /** Held-out rows for early stopping and calibration; without them 10 % of `train` (seeded). */
  dev?: readonly LabelledText[];
  bits?: number;
  seed?: number;
  epochs?: number;
};

export type TrainedClassifier = {
  file: LinearModelFile;
  report: TrainReport;
  /** Figures on the dev rows. */
  dev: EvaluationReport;
};

/** Splits off a seeded share of rows: the same rows and seed always give the same split. */
export function splitRows<T>(rows: readonly T[], share: number, seed: number): [T[], T[]] {
  const order = [...rows.keys()];
  new Prng(seed).shuffle(order);
  const cut = Math.round(rows.length * share);
  const held = new Set(order.slice(0, cut));
  return [rows.filter((_, i) => !held.has(i)), rows.filter((_, i) => held.has(i))];
}

export function evaluateRows(model: LinearClassifier, rows: readonly LabelledText[]): EvaluationReport {
  const known = new Set(model.labels);
  const usable = rows.filter((r) => known.has(r.label));
  const predicted = usable.map((r) => model.predict(hashedFeatures(r.text, model.bits)).label);
  return evaluateClassifier(
    usable.map((r) => r.label),
    predicted,
    model.labels,
  );
}

/** Trains a classifier on labelled texts: hashed features, logistic regression, dev early stopping. */
export function trainClassifier(
  options: TrainClassifierOptions,
): TrainedClassifier & { model: LinearClassifier } {
  const seed = options.seed ?? 1;
  const bits = options.bits ?? DEFAULT_FEATURE_BITS;
  const [train, dev] = options.dev ? [options.train, options.dev] : splitRows(options.train, 0.1, seed);
  const labels = [...new Set(train.map((r) => r.label))].sort();
  if (labels.length < 2) throw new Error(`training needs at least two labels, found ${labels.length}`);
  const index = new Map(labels.map((l, i) => [l, i]));
  const vectors = (rows: readonly LabelledText[]): LabelledVector[] =>
    rows
      .filter((r) => index.has(r.label))
      .map((r) => ({ x: hashedFeatures(r.text, bits), y: index.get(r.label) as number }));
  const { model, report } = trainLinearClassifier(vectors(train), vectors(dev), {
    labels,
    bits,
    seed,
    ...(options.epochs ? { epochs: options.epochs } : {}),
  });
  const devReport = evaluateRows(model, dev);
  const file = serializeLinearClassifier(model, options.task, {
    trainRows: train.length,
    devRows: dev.length,
    seed,
    devAccuracy: devReport.accuracy,
    devMacroF1: devReport.macroF1,
  });
  return { model, file, report, dev: devReport };
}
