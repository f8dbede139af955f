import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  getDefaultEmotionWords,
  type LanguageModels,
  type LinearClassifier,
  parseLinearClassifier,
  type SatisfactionModel,
  type SentimentModels,
  SentimentScorer,
} from '@serviq/core';
import { featureSpecOf, readModelJson } from './train-classifier.ts';

/** The shipped sentiment and emotion models, trained by `npm run train:models`. */
export const DEFAULT_MODELS_DIR = fileURLToPath(
  new URL('../data/models/', import.meta.resolve('@serviq/core')),
);

const LANGUAGES = ['zh', 'en'] as const;
const TASKS = ['sentiment', 'emotion'] as const;

/**
 * A model of the models directory: linear, and trained on the lexicon's cues as the scorer feeds
 * them (`serviq train --task sentiment|emotion` does both).
 */
function readModel(path: string): LinearClassifier {
  const file = readModelJson(path);
  let model: LinearClassifier;
  try {
    model = parseLinearClassifier(file);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  if (featureSpecOf(file).features !== 'text+cues')
    throw new Error(`${path}: trained on text alone; train it with --task sentiment or --task emotion`);
  return model;
}

/**
 * The models of a directory, by file name: `zh-sentiment.json`, `zh-emotion.json`,
 * `en-sentiment.json`, `en-emotion.json`; any may be missing (the lexicon answers instead).
 * A deployment points `--models` at a directory of its own, trained with `serviq train`.
 */
export function loadSentimentModels(dir: string = DEFAULT_MODELS_DIR): SentimentModels {
  if (!existsSync(dir)) throw new Error(`${dir}: no such models directory`);
  const models: SentimentModels = {};
  for (const language of LANGUAGES) {
    const found: LanguageModels = {};
    for (const task of TASKS) {
      const file = join(dir, `${language}-${task}.json`);
      if (existsSync(file)) found[task] = readModel(file);
    }
    if (found.sentiment || found.emotion) models[language] = found;
  }
  if (models.zh) models.emotionWords = getDefaultEmotionWords();
  return models;
}

const scorers = new Map<string, SentimentScorer>();

/**
 * The scorer of a models directory, built once per thread: reading and packing the models costs
 * ~0.2 s, and only the packed tables are kept (the decoded models are four times their size).
 */
export function sentimentScorerFor(dir: string = DEFAULT_MODELS_DIR): SentimentScorer {
  let scorer = scorers.get(dir);
  if (!scorer) {
    scorer = new SentimentScorer({ models: loadSentimentModels(dir) });
    scorers.set(dir, scorer);
  }
  return scorer;
}

/** A satisfaction model file (`serviq train --task satisfaction`); throws naming the file and field. */
export function readSatisfactionModel(file: string): SatisfactionModel {
  const parsed = readModelJson(file) as unknown as Partial<SatisfactionModel>;
  if (parsed?.format !== 'serviq-satisfaction')
    throw new Error(`${file}: not a serviq-satisfaction model (format)`);
  if (
    !Array.isArray(parsed.features) ||
    !Array.isArray(parsed.weights) ||
    typeof parsed.intercept !== 'number'
  )
    throw new Error(`${file}: features, weights and intercept are required`);
  return parsed as SatisfactionModel;
}
