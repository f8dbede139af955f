// Text classifiers (issue 4): logistic regression and nearest centroids on public intent data
// (banking77, clinc150; skipped when ../shared/data is absent), and nearest centroids at scale:
// 10,000 categories trained on 200,000 texts (targets: ≤ 5 min, ≥ 2,000 predictions/s).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { textFeatureVector } from '@serviq/core';
import {
  type ClassifierMode,
  evaluateRows,
  featureSpecOf,
  type LabelledText,
  readLabelledFile,
  splitRows,
  trainClassifier,
} from '@serviq/services';
import { SHARED_DATA } from '../scripts/model-data.ts';

const root = new URL('..', import.meta.url).pathname;

type ModeFigures = {
  mode: ClassifierMode;
  accuracy: number;
  macroF1: number;
  trainSeconds: number;
  predictionsPerSec: number;
};

/** Trains one mode on `train` (its own seeded dev split inside) and measures it on `test`. */
function measureMode(
  mode: 'linear' | 'centroid',
  train: readonly LabelledText[],
  test: readonly LabelledText[],
): ModeFigures {
  const started = performance.now();
  const trained = trainClassifier({ task: 'intent', train, mode });
  const trainSeconds = (performance.now() - started) / 1000;
  const spec = featureSpecOf(trained.file);
  const report = evaluateRows(trained.model, test, { spec });
  const predictStarted = performance.now();
  for (const r of test) trained.model.predict(textFeatureVector(r.text, spec));
  const predictSeconds = (performance.now() - predictStarted) / 1000;
  return {
    mode,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    trainSeconds: Number(trainSeconds.toFixed(1)),
    predictionsPerSec: Math.round(test.length / predictSeconds),
  };
}

function compare(name: string, train: readonly LabelledText[], test: readonly LabelledText[]) {
  const labels = new Set(train.map((r) => r.label)).size;
  process.stderr.write(
    `${name}: ${labels} labels, ${train.length} training texts, ${test.length} held out\n`,
  );
  const figures = (['linear', 'centroid'] as const).map((mode) => {
    const f = measureMode(mode, train, test);
    process.stderr.write(
      `  ${mode.padEnd(8)} accuracy ${f.accuracy}  macro-F1 ${f.macroF1}  train ${f.trainSeconds} s  ` +
        `${f.predictionsPerSec} predictions/s\n`,
    );
    return f;
  });
  return { labels, trainTexts: train.length, testTexts: test.length, figures };
}

/** banking77 has only a train split: a seeded 10 % is held out. */
function banking77() {
  const file = join(SHARED_DATA, 'banking77', 'train.csv');
  const { rows } = readLabelledFile(file, { textCol: 'text', labelCol: 'category' });
  const [train, test] = splitRows(rows, 0.1, 1);
  return compare('banking77 (10 % held out)', train, test);
}

/** clinc150: the 150 in-scope intents, trained on train and measured on val (out-of-scope rows left out). */
function clinc150() {
  const data = JSON.parse(
    readFileSync(join(SHARED_DATA, 'clinc150', 'data_train_val.json'), 'utf8'),
  ) as Record<string, [string, string][]>;
  const rows = (split: string) => (data[split] ?? []).map(([text, label]) => ({ text, label }));
  return compare('clinc150 (train → val)', rows('train'), rows('val'));
}

type ManyClasses = {
  categories: number;
  trainTexts: number;
  testTexts: number;
  mode: string;
  trainSeconds: number;
  predictionsPerSec: number;
  accuracy: number;
  completeShare: number;
  modelMB: number;
  peakRssMB: number;
};

function manyClasses(): ManyClasses {
  process.stderr.write('10,000 categories: generating 220,000 tickets and training (a few minutes)\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', `${root}bench/run-many-classes.ts`], {
    cwd: root,
    encoding: 'utf8',
  });
  const r = JSON.parse(out) as ManyClasses;
  process.stderr.write(
    `  ${r.mode}: train ${r.trainSeconds} s on ${r.trainTexts} texts (target ≤ 300 s), ` +
      `${r.predictionsPerSec} predictions/s (target ≥ 2,000), accuracy ${r.accuracy} on ${r.testTexts} held out ` +
      `(${r.completeShare} of them name series and request), model ${r.modelMB} MB, peak RSS ${r.peakRssMB} MB\n`,
  );
  return r;
}

export async function runClassifierBench(): Promise<void> {
  const hasData = existsSync(join(SHARED_DATA, 'banking77')) && existsSync(join(SHARED_DATA, 'clinc150'));
  if (!hasData)
    process.stderr.write(`classifier bench: ${SHARED_DATA} not found, banking77 and clinc150 skipped\n`);
  const result = {
    date: new Date().toISOString(),
    ...(hasData ? { banking77: banking77(), clinc150: clinc150() } : {}),
    manyClasses: manyClasses(),
  };
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/classifier.json`, `${JSON.stringify(result, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runClassifierBench();
