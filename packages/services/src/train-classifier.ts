import {
  DEFAULT_FEATURE_BITS,
  type EvaluationReport,
  evaluateClassifier,
  type FeatureKind,
  type FeatureSpec,
  type LabelledVector,
  type LinearClassifier,
  type LinearModelFile,
  Prng,
  serializeLinearClassifier,
  type TrainReport,
  textFeatureVector,
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
};

export type TrainedClassifier = {
  file: LinearModelFile;
  report: TrainReport;
  /** Figures on the dev rows. */
  dev: EvaluationReport;
};

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
export function featureSpecOf(file: LinearModelFile): FeatureSpec {
  const meta = file.meta ?? {};
  const features: FeatureKind = meta.features === 'text+cues' ? 'text+cues' : 'text';
  return {
    bits: file.bits,
    features,
    ...(typeof meta.language === 'string' ? { language: meta.language } : {}),
  };
}

/** Other spellings of a model's labels in benchmark files (`0`/`1`, `happy`), from its file. */
export function labelAliasesOf(file: LinearModelFile): Record<string, string> {
  const aliases = file.meta?.aliases;
  return aliases && typeof aliases === 'object' ? (aliases as Record<string, string>) : {};
}

export type EvaluationOptions = { spec: FeatureSpec; aliases?: Record<string, string> };

/**
 * The model's figures on labelled rows. Labels are read through the model's aliases; rows with
 * labels the model does not know are left out (and counted). When the rows use only some of the
 * model's labels — a two-way benchmark for a three-way sentiment model — each answer is the most
 * probable among those labels, as that benchmark asks.
 */
export function evaluateRows(
  model: LinearClassifier,
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
  const among = present.size > 1 && present.size < known.size ? present : undefined;
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

/** Trains a classifier on labelled texts: hashed features, logistic regression, dev early stopping. */
export function trainClassifier(
  options: TrainClassifierOptions,
): TrainedClassifier & { model: LinearClassifier } {
  const seed = options.seed ?? 1;
  const bits = options.bits ?? DEFAULT_FEATURE_BITS;
  const [train, dev] = options.dev ? [options.train, options.dev] : splitRows(options.train, 0.1, seed);
  const labels = [...new Set(train.map((r) => r.label))].sort();
  if (labels.length < 2) throw new Error(`training needs at least two labels, found ${labels.length}`);
  const features = options.features ?? (CUE_TASKS.has(options.task) ? 'text+cues' : 'text');
  const spec: FeatureSpec = { bits, features, language: majorityLanguage(train) };
  const index = new Map(labels.map((l, i) => [l, i]));
  const vectors = (rows: readonly LabelledText[]): LabelledVector[] =>
    rows
      .filter((r) => index.has(r.label))
      .map((r) => ({ x: textFeatureVector(r.text, spec), y: index.get(r.label) as number }));
  const { model, report } = trainLinearClassifier(vectors(train), vectors(dev), {
    labels,
    bits,
    seed,
    ...(options.epochs ? { epochs: options.epochs } : {}),
  });
  const devReport = evaluateRows(model, dev, { spec });
  const file = serializeLinearClassifier(model, options.task, {
    features,
    language: spec.language,
    trainRows: train.length,
    devRows: dev.length,
    seed,
    devAccuracy: devReport.accuracy,
    devMacroF1: devReport.macroF1,
  });
  return { model, file, report, dev: devReport };
}
