// Trains the default sentiment and emotion models from ../shared/data and measures them.
// Usage: npm run train:models [-- --only zh-emotion] [--no-write]
// Every figure is on dev/validation rows the model being measured did not train on: each
// in-domain set is cut into 4 seeded folds; per fold the model trains on the borrowed rows plus
// two folds, stops early and tunes its class biases on the third, and is measured on the fourth.
// The shipped model trains on three folds and tunes on the fourth, so the figures estimate it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BiasObjective,
  type EvaluationReport,
  evaluateClassifier,
  type FeatureSpec,
  generateDemo,
  type LabelledVector,
  type LinearClassifier,
  normalizeConversation,
  Prng,
  serializeLinearClassifier,
  textFeatureVector,
  trainLinearClassifier,
  tuneClassBias,
} from '@serviq/core';
import { DEFAULT_MODELS_DIR, fitSatisfaction, type LabelledText, sentimentScorerFor } from '@serviq/services';
import { enEmotion, enPolarity, zhEmotion, zhNeutralChat, zhPolarity } from './model-data.ts';

type Row = LabelledText & { source: string };

type ModelSpec = {
  name: string;
  language: 'zh' | 'en';
  task: 'sentiment' | 'emotion';
  /** Rows only ever trained on (other domains, or the training split of a benchmark). */
  borrowed: () => Row[];
  /** Rows of the target domain: cut into folds for training, tuning and measuring. */
  inDomain: () => Row[];
  /** How much an in-domain training row counts against a borrowed one. */
  inDomainWeight: number;
  /** How much a borrowed row of a source counts (default 1): tweets count more than Reddit for tweets. */
  sourceWeights?: Record<string, number>;
  objective: BiasObjective;
  isBalanced: boolean;
  bits: number;
  learningRate: number;
  /** Other spellings of the labels in benchmark files, so `serviq eval` reads them. */
  aliases: Record<string, string>;
};

const tag = (source: string, rows: LabelledText[]): Row[] => rows.map((r) => ({ ...r, source }));

/** A seeded share of the rows, and the rest. */
function cut(rows: Row[], share: number, seed: number): [Row[], Row[]] {
  const order = [...rows];
  new Prng(seed).shuffle(order);
  const n = Math.round(order.length * share);
  return [order.slice(0, n), order.slice(n)];
}

const NEUTRAL_ROWS = 8000;

let zhPolarityRows: { borrowed: Row[]; inDomain: Row[] } | undefined;

/**
 * Each review and chat set lends 90 % of its rows to training and keeps 10 % for measuring, and
 * the JD chat neutral segments likewise; read and cut once for both sides of the spec.
 */
function zhPolaritySplit(): { borrowed: Row[]; inDomain: Row[] } {
  if (zhPolarityRows) return zhPolarityRows;
  const sets = Object.entries(zhPolarity).map(([name, read]) => cut(tag(name, read()), 0.1, 11));
  const neutral = tag('jddc-neutral', zhNeutralChat(NEUTRAL_ROWS, 5));
  zhPolarityRows = {
    borrowed: [...sets.flatMap(([, rest]) => rest), ...neutral.slice(NEUTRAL_ROWS / 10)],
    inDomain: [...sets.flatMap(([held]) => held), ...neutral.slice(0, NEUTRAL_ROWS / 10)],
  };
  return zhPolarityRows;
}

const SPECS: ModelSpec[] = [
  {
    name: 'zh-sentiment',
    language: 'zh',
    task: 'sentiment',
    borrowed: () => zhPolaritySplit().borrowed,
    inDomain: () => zhPolaritySplit().inDomain,
    inDomainWeight: 1,
    objective: 'accuracy',
    isBalanced: false,
    bits: 18,
    learningRate: 0.1,
    aliases: { '0': 'negative', '1': 'positive', neg: 'negative', pos: 'positive' },
  },
  {
    name: 'zh-emotion',
    language: 'zh',
    task: 'emotion',
    borrowed: () => [
      ...tag('smp-virus', [...zhEmotion.virusTrain(), ...zhEmotion.virusEval()]),
      ...tag('clue', zhEmotion.clue()),
    ],
    inDomain: () => tag('smp-usual-eval', zhEmotion.usualEval()),
    inDomainWeight: 5,
    objective: 'macroF1',
    isBalanced: false,
    bits: 18,
    learningRate: 0.1,
    aliases: { happy: 'joy', angry: 'anger', sad: 'sadness', happiness: 'joy' },
  },
  {
    name: 'en-sentiment',
    language: 'en',
    task: 'sentiment',
    borrowed: () => [
      ...tag('goemotions-train', enPolarity.reddit()),
      ...tag('tweeteval-emotion', enPolarity.tweetEmotion()),
    ],
    inDomain: () => tag('tweeteval-sentiment-val', enPolarity.tweetsVal()),
    inDomainWeight: 10,
    objective: 'macroRecall',
    isBalanced: false,
    bits: 18,
    learningRate: 0.1,
    // Tweets labelled by emotion are the closest thing to the target tweets among the borrowed rows.
    sourceWeights: { 'tweeteval-emotion': 3 },
    aliases: { '0': 'negative', '1': 'neutral', '2': 'positive' },
  },
  {
    name: 'en-emotion',
    language: 'en',
    task: 'emotion',
    borrowed: () => tag('goemotions-train', enEmotion.train()),
    inDomain: () => tag('goemotions-dev', enEmotion.dev()),
    inDomainWeight: 1,
    objective: 'macroF1',
    isBalanced: false,
    bits: 18,
    learningRate: 0.1,
    aliases: {},
  },
];

const FOLDS = 4;

function vectorize(rows: readonly Row[], spec: ModelSpec, index: Map<string, number>): LabelledVector[] {
  const features: FeatureSpec = { bits: spec.bits, features: 'text+cues', language: spec.language };
  return rows.map((r) => ({ x: textFeatureVector(r.text, features), y: index.get(r.label) as number }));
}

/**
 * Trains on `train`, picks the epoch, temperature and class biases on `tune`, then trains again on
 * both for that many epochs and keeps the calibration: the tuning rows are in-domain, too few to
 * leave out of the final weights.
 */
function fit(spec: ModelSpec, labels: string[], train: LabelledVector[], tune: LabelledVector[]) {
  const options = {
    labels,
    bits: spec.bits,
    seed: 1,
    learningRate: spec.learningRate,
    isBalanced: spec.isBalanced,
  };
  const { model: chosen, report } = trainLinearClassifier(train, tune, options);
  const offsets = tuneClassBias(chosen, tune, spec.objective);
  const { model } = trainLinearClassifier([...train, ...tune], [], { ...options, epochs: report.bestEpoch });
  model.temperature = chosen.temperature;
  offsets.forEach((offset, c) => {
    model.bias[c] = (model.bias[c] as number) + offset;
  });
  return { model, report };
}

function measure(model: LinearClassifier, rows: readonly Row[], vectors: readonly LabelledVector[]) {
  const predicted = vectors.map((v) => model.predict(v.x).label);
  return evaluateClassifier(
    rows.map((r) => r.label),
    predicted,
    model.labels,
  );
}

type Figures = {
  model: string;
  folds: { accuracy: number; macroF1: number; macroRecall: number }[];
  mean: { accuracy: number; macroF1: number; macroRecall: number };
  bySource: Record<string, number>;
  /** Accuracy among each source's own labels, for sources without all of the model's labels. */
  bySourceAmongItsLabels: Record<string, number>;
  pooled: EvaluationReport;
  trainRows: number;
  trainSeconds: number;
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function run(spec: ModelSpec, isWriting: boolean): Figures {
  const borrowed = spec.borrowed();
  const inDomain = spec.inDomain();
  const labels = [...new Set([...borrowed, ...inDomain].map((r) => r.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const borrowedVectors = vectorize(borrowed, spec, index).map((v, i) => ({
    ...v,
    weight: spec.sourceWeights?.[(borrowed[i] as Row).source] ?? 1,
  }));
  const order = [...inDomain.keys()];
  new Prng(29).shuffle(order);
  const foldOf = new Int32Array(inDomain.length);
  order.forEach((row, i) => {
    foldOf[row] = i % FOLDS;
  });
  const inVectors = vectorize(inDomain, spec, index).map((v) => ({ ...v, weight: spec.inDomainWeight }));
  const pick = <T>(items: readonly T[], folds: number[]) =>
    items.filter((_, i) => folds.includes(foldOf[i] as number));
  const folds: Figures['folds'] = [];
  const pooledActual: string[] = [];
  const pooledPredicted: string[] = [];
  const sourceHits = new Map<string, [number, number]>();
  // Sources labelled without neutral are also judged as such data is: the answer among their labels.
  const sourceLabels = new Map<string, Set<string>>();
  for (const r of inDomain)
    sourceLabels.set(r.source, (sourceLabels.get(r.source) ?? new Set()).add(r.label));
  const restrictedHits = new Map<string, [number, number]>();
  for (let f = 0; f < FOLDS; f++) {
    const tuneFold = (f + 1) % FOLDS;
    const trainFolds = [0, 1, 2, 3].filter((x) => x !== f && x !== tuneFold);
    const { model } = fit(
      spec,
      labels,
      [...borrowedVectors, ...pick(inVectors, trainFolds)],
      pick(inVectors, [tuneFold]),
    );
    const testRows = pick(inDomain, [f]);
    const report = measure(model, testRows, pick(inVectors, [f]));
    folds.push({ accuracy: report.accuracy, macroF1: report.macroF1, macroRecall: report.macroRecall });
    const testVectors = pick(inVectors, [f]);
    testRows.forEach((r, i) => {
      const predicted = model.predict((testVectors[i] as LabelledVector).x).label;
      pooledActual.push(r.label);
      pooledPredicted.push(predicted);
      const hits = sourceHits.get(r.source) ?? [0, 0];
      hits[0] += predicted === r.label ? 1 : 0;
      hits[1]++;
      sourceHits.set(r.source, hits);
      const among = sourceLabels.get(r.source) as Set<string>;
      if (among.size < labels.length) {
        const restricted = model.predict((testVectors[i] as LabelledVector).x, 1, among).label;
        const rh = restrictedHits.get(r.source) ?? [0, 0];
        rh[0] += restricted === r.label ? 1 : 0;
        rh[1]++;
        restrictedHits.set(r.source, rh);
      }
    });
    console.log(`${spec.name} fold ${f}: ${JSON.stringify(folds.at(-1))}`);
  }
  const mean = {
    accuracy: round4(folds.reduce((s, x) => s + x.accuracy, 0) / FOLDS),
    macroF1: round4(folds.reduce((s, x) => s + x.macroF1, 0) / FOLDS),
    macroRecall: round4(folds.reduce((s, x) => s + x.macroRecall, 0) / FOLDS),
  };
  const started = performance.now();
  const { model, report } = fit(
    spec,
    labels,
    [...borrowedVectors, ...pick(inVectors, [1, 2, 3])],
    pick(inVectors, [0]),
  );
  const trainSeconds = Math.round((performance.now() - started) / 100) / 10;
  const figures: Figures = {
    model: spec.name,
    folds,
    mean,
    bySource: Object.fromEntries([...sourceHits].map(([s, [hit, n]]) => [s, round4(hit / n)])),
    bySourceAmongItsLabels: Object.fromEntries(
      [...restrictedHits].map(([s, [hit, n]]) => [s, round4(hit / n)]),
    ),
    pooled: evaluateClassifier(pooledActual, pooledPredicted, labels),
    trainRows: borrowed.length + inDomain.length,
    trainSeconds,
  };
  if (isWriting) {
    const file = serializeLinearClassifier(model, spec.task, {
      name: spec.name,
      language: spec.language,
      features: 'text+cues',
      aliases: spec.aliases,
      trainedWith: 'npm run train:models',
      sources: [...new Set([...borrowed, ...inDomain].map((r) => r.source))],
      bestEpoch: report.bestEpoch,
      crossValidated: mean,
    });
    mkdirSync(DEFAULT_MODELS_DIR, { recursive: true });
    writeFileSync(join(DEFAULT_MODELS_DIR, `${spec.name}.json`), `${JSON.stringify(file)}\n`);
  }
  return figures;
}

const { values } = parseArgs({ options: { only: { type: 'string' }, 'no-write': { type: 'boolean' } } });
const chosen = SPECS.filter((s) => !values.only || values.only.split(',').includes(s.name));
const all: Figures[] = [];
for (const spec of chosen) {
  const figures = run(spec, !values['no-write']);
  all.push(figures);
  console.log(
    `${spec.name}: accuracy ${figures.mean.accuracy}, macro-F1 ${figures.mean.macroF1}, macro-recall ${figures.mean.macroRecall}` +
      ` (${FOLDS}-fold); by source ${JSON.stringify(figures.bySource)}; among its labels ${JSON.stringify(figures.bySourceAmongItsLabels)}; final model ${figures.trainRows} rows in ${figures.trainSeconds} s`,
  );
}
if (!values.only || values.only.split(',').includes('satisfaction')) {
  // No public data set pairs customer-service dialogues with CSAT, so the shipped coefficients
  // are fitted on demo conversations, whose ratings follow resolution, mood, speed and conduct;
  // a deployment refits them on its own rated history (docs/accuracy.md).
  const demo = [...generateDemo({ conversations: 8000, seed: 41, lang: 'mixed' })].flatMap((raw) => {
    const r = normalizeConversation(raw);
    return r.ok ? [r.value] : [];
  });
  const fitted = fitSatisfaction(
    demo,
    { sentimentScorer: sentimentScorerFor(DEFAULT_MODELS_DIR) },
    {
      meta: {
        fittedOn: 'serviq demo --conversations 8000 --seed 41 --lang mixed',
        trainedWith: 'npm run train:models',
      },
    },
  );
  console.log(
    `satisfaction: Spearman ${fitted.heldOut.spearman} on ${fitted.heldOut.conversations} held-out demo conversations; rmse ${fitted.model.rmse}`,
  );
  if (!values['no-write'])
    writeFileSync(join(DEFAULT_MODELS_DIR, 'satisfaction.json'), `${JSON.stringify(fitted.model)}\n`);
}
mkdirSync(join(import.meta.dirname, '..', 'bench', 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, '..', 'bench', 'results', 'accuracy.json'),
  `${JSON.stringify(all, null, 2)}\n`,
);
