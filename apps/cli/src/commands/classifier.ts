import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  type Classifier,
  CONFUSION_MAX_LABELS,
  type EvaluationReport,
  SentimentScorer,
  textFeatureVector,
} from '@serviq/core';
import {
  AUTO_CENTROID_LABELS,
  type ClassifierMode,
  DEFAULT_MODELS_DIR,
  type EvaluationOptions,
  evaluateRows,
  fitSatisfaction,
  readClassifierFile,
  readConversationsFile,
  readLabelledFile,
  sentimentScorerFor,
  trainClassifier,
} from '@serviq/services';
import { EXIT_OK, EXIT_REJECTED, UsageError } from '../cli-error.ts';

export const CLASSIFIER_HELP = `serviq train --task T --data FILE [--dev FILE] [--text-col text] [--label-col label]
             [--bits 18] [--seed 1] [--mode auto|linear|centroid] --out model.json
  Train a classifier (sentiment, emotion, intent, category …) on labelled CSV, JSONL or JSON; without
  --dev, 10 % of the data (seeded) is held out for early stopping and calibration. --mode linear is
  logistic regression; centroid is nearest centroids, for thousands of categories (it trains in
  seconds to minutes and its model grows with the categories, not categories × 2^bits); auto
  (default) is centroid above ${AUTO_CENTROID_LABELS} labels. Sentiment and
  emotion models also read the lexicon's cues. Put zh-/en-sentiment.json, zh-/en-emotion.json in a
  directory and run analyze --models DIR.
serviq train --task satisfaction --data conversations.jsonl [--models DIR|none] --out satisfaction.json
  Fit the satisfaction estimate on canonical conversations that carry rating.csat.
serviq eval --model model.json --data FILE [--text-col text] [--label-col label] [--json]
  Accuracy, macro-F1, macro-recall, per-class precision/recall and the confusion matrix. Labels are
  read through the model's aliases (0/1 for negative/positive …); a model with a neutral class
  judged on data without one answers with the more probable of the data's labels.
serviq classify --model model.json [--top 3]
  One JSON line {label, confidence, top} per line of stdin, in order.`;

const OPTIONS = {
  task: { type: 'string' },
  data: { type: 'string' },
  dev: { type: 'string' },
  model: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'text-col': { type: 'string', default: 'text' },
  'label-col': { type: 'string', default: 'label' },
  bits: { type: 'string', default: '18' },
  seed: { type: 'string', default: '1' },
  mode: { type: 'string', default: 'auto' },
  top: { type: 'string', default: '1' },
  json: { type: 'boolean', default: false },
  models: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function positiveInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} must be an integer from 1 to ${max}, got ${value}`);
  return n;
}

function loadRows(file: string, cols: { textCol: string; labelCol: string }) {
  let data: ReturnType<typeof readLabelledFile>;
  try {
    data = readLabelledFile(file, cols);
  } catch (error) {
    throw new UsageError(`${file}: cannot read: ${(error as Error).message}`);
  }
  for (const issue of data.issues.slice(0, 20)) process.stderr.write(`${issue}\n`);
  if (data.issues.length > 20) process.stderr.write(`… ${data.issues.length - 20} more problems\n`);
  if (data.rows.length === 0) throw new UsageError(`${file}: no usable labelled rows`);
  return data.rows;
}

const MODES: readonly ClassifierMode[] = ['auto', 'linear', 'centroid'];

/** A model of either kind and what its file says about reading texts: the features it was trained on, label aliases. */
function loadModel(file: string | undefined): { model: Classifier; evaluation: EvaluationOptions } {
  if (!file) throw new UsageError('give --model model.json');
  try {
    return readClassifierFile(file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function formatEvaluation(r: EvaluationReport): string {
  const lines = [
    `examples ${r.examples}  accuracy ${r.accuracy}  macro-F1 ${r.macroF1}  macro-recall ${r.macroRecall}`,
    `${'label'.padEnd(16)} precision  recall     F1  support`,
    ...r.classes.map(
      (c) =>
        `${c.label.padEnd(16)} ${String(c.precision).padStart(9)} ${String(c.recall).padStart(7)} ${String(c.f1).padStart(6)} ${String(c.support).padStart(8)}`,
    ),
    ...(r.labels.length > CONFUSION_MAX_LABELS
      ? [`confusion: left out for ${r.labels.length} labels (more than ${CONFUSION_MAX_LABELS})`]
      : [
          'confusion (rows: actual, columns: predicted, in the order above):',
          ...r.confusion.map(
            (row, i) =>
              `${(r.labels[i] as string).padEnd(16)} ${row.map((n) => String(n).padStart(6)).join('')}`,
          ),
        ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** Fits the satisfaction estimate on rated canonical conversations, analysed with the sentiment models. */
function trainSatisfaction(data: string, out: string, modelsDir: string | undefined): number {
  let read: ReturnType<typeof readConversationsFile>;
  try {
    read = readConversationsFile(data);
  } catch (error) {
    throw new UsageError(`${data}: cannot read: ${(error as Error).message}`);
  }
  for (const issue of read.issues.slice(0, 20)) process.stderr.write(`${issue}\n`);
  if (read.issues.length > 20) process.stderr.write(`… ${read.issues.length - 20} more problems\n`);
  let scorer: SentimentScorer;
  try {
    scorer =
      modelsDir === 'none' ? new SentimentScorer() : sentimentScorerFor(modelsDir ?? DEFAULT_MODELS_DIR);
  } catch (error) {
    throw new UsageError(`models: ${(error as Error).message}`);
  }
  let fitted: ReturnType<typeof fitSatisfaction>;
  try {
    fitted = fitSatisfaction(read.conversations, { sentimentScorer: scorer }, { meta: { fittedOn: data } });
  } catch (error) {
    throw new UsageError(`${data}: ${(error as Error).message} (conversations with rating.csat)`);
  }
  writeFileSync(out, `${JSON.stringify(fitted.model)}\n`);
  process.stderr.write(
    `fitted satisfaction on ${fitted.rated} rated conversations: Spearman ${fitted.heldOut.spearman} on ` +
      `${fitted.heldOut.conversations} held out, RMSE ${fitted.model.rmse} stars\nmodel written to ${out}\n`,
  );
  return read.issues.length > 0 ? EXIT_REJECTED : EXIT_OK;
}

export async function runClassifierCommand(
  command: 'train' | 'eval' | 'classify',
  argv: string[],
): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  if (values.help) {
    process.stdout.write(`${CLASSIFIER_HELP}\n`);
    return EXIT_OK;
  }
  const cols = { textCol: values['text-col'], labelCol: values['label-col'] };
  if (command === 'train') {
    if (!values.task || !values.data || !values.out)
      throw new UsageError('serviq train needs --task, --data and --out');
    if (values.task === 'satisfaction') return trainSatisfaction(values.data, values.out, values.models);
    const mode = values.mode as ClassifierMode;
    if (!MODES.includes(mode))
      throw new UsageError(`--mode must be auto, linear or centroid, got ${values.mode}`);
    const trained = trainClassifier({
      mode,
      task: values.task,
      train: loadRows(values.data, cols),
      ...(values.dev ? { dev: loadRows(values.dev, cols) } : {}),
      bits: positiveInt('bits', values.bits, 24),
      seed: positiveInt('seed', values.seed, 2 ** 31),
    });
    writeFileSync(values.out, `${JSON.stringify(trained.file)}\n`);
    const how =
      trained.mode === 'linear'
        ? `best epoch ${trained.report.bestEpoch}`
        : `nearest centroids, best refining pass ${trained.report.bestPass}`;
    process.stderr.write(
      `trained ${values.task}: ${trained.model.labels.length} labels, ${how}, temperature ${trained.report.temperature}\n` +
        `dev: ${formatEvaluation(trained.dev)}model written to ${values.out}\n`,
    );
    return EXIT_OK;
  }
  const { model, evaluation } = loadModel(values.model);
  if (command === 'eval') {
    if (!values.data) throw new UsageError('serviq eval needs --data');
    const report = evaluateRows(model, loadRows(values.data, cols), evaluation);
    if (report.unknownLabels > 0)
      process.stderr.write(`${report.unknownLabels} rows have labels the model does not know: left out\n`);
    if (report.among)
      process.stderr.write(
        `the data uses only ${report.among.join(', ')}: each answer is the most probable of those\n`,
      );
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatEvaluation(report));
    return EXIT_OK;
  }
  const top = positiveInt('top', values.top, model.labels.length);
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const p = model.predict(textFeatureVector(line, evaluation.spec), top);
    process.stdout.write(`${JSON.stringify(p)}\n`);
  }
  return EXIT_OK;
}
