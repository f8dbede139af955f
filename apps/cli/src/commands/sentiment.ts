import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { computeTextFeatures, type Language, SentimentScorer } from '@serviq/core';
import { DEFAULT_MODELS_DIR, loadSentimentModels } from '@serviq/services';
import { EXIT_OK, UsageError } from '../cli-error.ts';

export const SENTIMENT_HELP = `serviq sentiment [--lang auto|zh|en] [--role customer|agent] [--models DIR|none]
  One JSON line {label, polarity, emotion, confidence, flags} per line of stdin, in order: the
  shipped models (or those in DIR, or the lexicon alone with none) and the lexicon's flags. The
  emotion is the model's best guess; analyze names one only when the model is sure (docs/accuracy.md).`;

const OPTIONS = {
  lang: { type: 'string', default: 'auto' },
  role: { type: 'string', default: 'customer' },
  models: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function runSentiment(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  if (values.help) {
    process.stdout.write(`${SENTIMENT_HELP}\n`);
    return EXIT_OK;
  }
  if (!['auto', 'zh', 'en'].includes(values.lang))
    throw new UsageError(`--lang must be auto, zh or en, got ${values.lang}`);
  if (values.role !== 'customer' && values.role !== 'agent')
    throw new UsageError(`--role must be customer or agent, got ${values.role}`);
  const role = values.role;
  let scorer: SentimentScorer;
  try {
    const models = values.models === 'none' ? {} : loadSentimentModels(values.models ?? DEFAULT_MODELS_DIR);
    scorer = new SentimentScorer({ models, isEmotionGuarded: false });
  } catch (error) {
    throw new UsageError(`models: ${(error as Error).message}`);
  }
  const forced = values.lang === 'auto' ? undefined : (values.lang as Language);
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const f = computeTextFeatures(line);
    const s = scorer.score(f.normalized, f.emoji, forced ?? f.language, role);
    process.stdout.write(
      `${JSON.stringify({ label: s.label, polarity: s.polarity, emotion: s.emotion, confidence: s.confidence, flags: s.flags })}\n`,
    );
  }
  return EXIT_OK;
}
