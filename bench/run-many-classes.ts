// One run of the 10,000-category benchmark in a fresh process, so its peak RSS is its own:
// trains on 200,000 synthetic tickets (20 per category), then classifies 10,000 held-out ones.
// Prints one JSON object.
import { type CentroidTrainReport, type Classifier, textFeatureVector } from '@serviq/core';
import { featureSpecOf, trainClassifier } from '@serviq/services';
import { MANY_CLASSES, manyClassRows } from './many-classes-data.ts';

const PER_CATEGORY = 20;

const train = manyClassRows(PER_CATEGORY, 1);
const dev = manyClassRows(1, 2);
const test = manyClassRows(1, 3);
const started = performance.now();
const trained = trainClassifier({ task: 'category', train, dev, mode: 'auto' });
const trainSeconds = (performance.now() - started) / 1000;
const model: Classifier = trained.model;
const spec = featureSpecOf(trained.file);
const predictStarted = performance.now();
let correct = 0;
for (const r of test) if (model.predict(textFeatureVector(r.text, spec)).label === r.label) correct++;
const predictSeconds = (performance.now() - predictStarted) / 1000;
const round = (x: number, digits: number) => Number(x.toFixed(digits));
process.stdout.write(
  `${JSON.stringify({
    categories: MANY_CLASSES,
    trainTexts: train.length,
    devTexts: dev.length,
    testTexts: test.length,
    mode: trained.mode,
    trainSeconds: round(trainSeconds, 1),
    predictionsPerSec: Math.round(test.length / predictSeconds),
    accuracy: round(correct / test.length, 4),
    // The share of held-out texts that name series and request: what an ideal classifier could tell apart.
    completeShare: round(test.filter((r) => r.isComplete).length / test.length, 4),
    refining: trained.mode === 'centroid' ? (trained.report as CentroidTrainReport).passes : undefined,
    modelMB: round(JSON.stringify(trained.file).length / 1e6, 1),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
