import { readFileSync } from 'node:fs';
import {
  type CentroidClassifier,
  type CentroidModelFile,
  type CentroidTrainReport,
  type Classifier,
  type ClassifierModelFile,
  DEFAULT_FEATURE_BITS,
  type EvaluationReport,
  evaluateClassifier,
  type FeatureKind,
  type FeatureSpec,
  type LabelledVector,
  type LinearClassifier,
  type LinearModelFile,
  Prng,
  parseClassifierModel,
  serializeCentroidClassifier,
  serializeLinearClassifier,
  type TrainReport,
  textFeatureVector,
  trainCentroidClassifier,
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
  /** Default: the lexicon's cues for sentiment and emotion, n-grams alone for other tasks. */
  features?: FeatureKind;
  /** Default `auto`: nearest centroids above `AUTO_CENTROID_LABELS` labels, logistic regression up to it. */
  mode?: ClassifierMode;
};

export type ClassifierMode = 'linear' | 'centroid' | 'auto';

/**
 * Above this many labels `auto` trains nearest centroids: a linear model holds labels × 2^bits
 * weights (10,000 labels × 2^18 would be 10 GB) and trains in time proportional to the labels.
 */
export const AUTO_CENTROID_LABELS = 200;

/** A linear model with more weights than this (labels × 2^bits) is refused: 512 MB for the weights alone. */
const LINEAR_MAX_WEIGHTS = 2 ** 27;

/** Figures on the dev rows. */
type DevFigures = { dev: EvaluationReport };

export type TrainedClassifier =
  | ({ mode: 'linear'; model: LinearClassifier; file: LinearModelFile; report: TrainReport } & DevFigures)
  | ({
      mode: 'centroid';
      model: CentroidClassifier;
      file: CentroidModelFile;
      report: CentroidTrainReport;
    } & DevFigures);

/** Tasks about how people feel read the lexicon's cues; intents and categories read the words. */
const CUE_TASKS = new Set(['sentiment', 'emotion']);

/** Splits off a seeded share of rows: the same rows and seed always give the same split. */
export function splitRows<T>(rows: readonly T[], share: number, seed: number): [T[], T[]] {
  const order = [...rows.keys()];
  new Prng(seed).shuffle(order);
  const cut = Math.round(rows.length * share);
  const held = new Set(order.slice(0, cut));
  return [rows.filter((_, i) => !held.has(i)), rows.filter((_, i) => held.has(i))];
}

const HAN = /[\u3400-\u9fff]/;

/** Chinese when most texts hold Chinese characters: Chinese models also read the emotion words. */
function majorityLanguage(rows: readonly LabelledText[]): 'zh' | 'en' {
  let zh = 0;
  for (const r of rows) if (HAN.test(r.text)) zh++;
  return zh * 2 > rows.length ? 'zh' : 'en';
}

/** How a model file says its texts become features (files without `meta.features` read n-grams). */
export function featureSpecOf(file: ClassifierModelFile): FeatureSpec {
  const meta = file.meta ?? {};
  const features: FeatureKind = meta.features === 'text+cues' ? 'text+cues' : 'text';
  return {
    bits: file.bits,
    features,
    ...(typeof meta.language === 'string' ? { language: meta.language } : {}),
  };
}

/** A model file's JSON; errors name the file. */
export function readModelJson(path: string): ClassifierModelFile {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ClassifierModelFile;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

/** A model file read from disk: the model and how its texts become features; errors name the file. */
export function readClassifierFile(path: string): { model: Classifier; evaluation: EvaluationOptions } {
  const file = readModelJson(path);
  try {
    return {
      model: parseClassifierModel(file),
      evaluation: { spec: featureSpecOf(file), aliases: labelAliasesOf(file) },
    };
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

/** Other spellings of a model's labels in benchmark files (`0`/`1`, `happy`), from its file. */
export function labelAliasesOf(file: ClassifierModelFile): Record<string, string> {
  const aliases = file.meta?.aliases;
  return aliases && typeof aliases === 'object' ? (aliases as Record<string, string>) : {};
}

export type EvaluationOptions = { spec: FeatureSpec; aliases?: Record<string, string> };

/**
 * The model's figures on labelled rows. Labels are read through the model's aliases; rows with
 * labels the model does not know are left out (and counted). A model with a neutral class judged
 * on rows without one — a two-way polarity benchmark for a three-way sentiment model — answers with
 * the more probable of the rows' labels, as that benchmark asks.
 */
export function evaluateRows(
  model: Classifier,
  rows: readonly LabelledText[],
  options: EvaluationOptions,
): EvaluationReport & { unknownLabels: number; among?: string[] } {
  const known = new Set(model.labels);
  const aliases = options.aliases ?? {};
  const usable = rows.flatMap((r) => {
    const label = known.has(r.label) ? r.label : aliases[r.label];
    return label && known.has(label) ? [{ text: r.text, label }] : [];
  });
  const present = new Set(usable.map((r) => r.label));
  // Only polarity data without a neutral class is judged this way: an intent file that lacks a few
  // of a model's intents is still judged over all of them.
  const isTwoWayPolarity = known.has('neutral') && !present.has('neutral') && present.size > 1;
  const among = isTwoWayPolarity ? present : undefined;
  const predicted = usable.map((r) => model.predict(textFeatureVector(r.text, options.spec), 1, among).label);
  const labels = among ? model.labels.filter((l) => among.has(l)) : [...model.labels];
  return {
    ...evaluateClassifier(
      usable.map((r) => r.label),
      predicted,
      labels,
    ),
    unknownLabels: rows.length - usable.length,
    ...(among ? { among: labels } : {}),
  };
}

/**
 * Trains a classifier on labelled texts: hashed features, then logistic regression with dev early
 * stopping or, for very many labels, nearest centroids (see `mode`).
 */
export function trainClassifier(options: TrainClassifierOptions): TrainedClassifier {
  const seed = options.seed ?? 1;
  const bits = options.bits ?? DEFAULT_FEATURE_BITS;
  const [train, dev] = options.dev ? [options.train, options.dev] : splitRows(options.train, 0.1, seed);
  const labels = [...new Set(train.map((r) => r.label))].sort();
  if (labels.length < 2) throw new Error(`training needs at least two labels, found ${labels.length}`);
  const requested = options.mode ?? 'auto';
  const mode =
    requested === 'auto' ? (labels.length > AUTO_CENTROID_LABELS ? 'centroid' : 'linear') : requested;
  if (mode === 'linear' && labels.length * 2 ** bits > LINEAR_MAX_WEIGHTS) {
    const gb = ((labels.length * 2 ** bits * 4) / 2 ** 30).toFixed(1);
    throw new Error(
      `a linear model of ${labels.length} labels × 2^${bits} buckets needs ${gb} GB for its weights: ` +
        'train nearest centroids (mode centroid) or use fewer bits',
    );
  }
  const features = options.features ?? (CUE_TASKS.has(options.task) ? 'text+cues' : 'text');
  const spec: FeatureSpec = { bits, features, language: majorityLanguage(train) };
  const index = new Map(labels.map((l, i) => [l, i]));
  const vectors = (rows: readonly LabelledText[]): LabelledVector[] =>
    rows
      .filter((r) => index.has(r.label))
      .map((r) => ({ x: textFeatureVector(r.text, spec), y: index.get(r.label) as number }));
  const trainVectors = vectors(train);
  const devVectors = vectors(dev);
  const meta = (devReport: EvaluationReport) => ({
    features,
    language: spec.language,
    trainRows: train.length,
    devRows: dev.length,
    seed,
    devAccuracy: devReport.accuracy,
    devMacroF1: devReport.macroF1,
  });
  if (mode === 'centroid') {
    const { model, report } = trainCentroidClassifier(trainVectors, devVectors, { labels, bits });
    const devReport = evaluateRows(model, dev, { spec });
    const file = serializeCentroidClassifier(model, options.task, meta(devReport));
    return { mode, model, file, report, dev: devReport };
  }
  const { model, report } = trainLinearClassifier(trainVectors, devVectors, {
    labels,
    bits,
    seed,
    ...(options.epochs ? { epochs: options.epochs } : {}),
  });
  const devReport = evaluateRows(model, dev, { spec });
  const file = serializeLinearClassifier(model, options.task, meta(devReport));
  return { mode, model, file, report, dev: devReport };
}
