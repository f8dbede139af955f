import { parseArgs } from 'node:util';
import { generateDemo } from '@serviq/core';
import { EXIT_OK, UsageError } from '../cli-error.ts';
import { createOutputSink } from '../output-sink.ts';

export const DEMO_HELP = `serviq demo [--conversations N] [--seed S] [--lang zh|en|mixed] [--days D] [--out FILE]
  Write synthetic (clearly fake) customer-service conversations as JSONL: deterministic per seed.`;

function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got ${value}`);
  return n;
}

export async function runDemo(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      conversations: { type: 'string', short: 'n', default: '1000' },
      seed: { type: 'string', default: '1' },
      lang: { type: 'string', default: 'zh' },
      days: { type: 'string', default: '28' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${DEMO_HELP}\n`);
    return EXIT_OK;
  }
  const lang = values.lang;
  if (lang !== 'zh' && lang !== 'en' && lang !== 'mixed')
    throw new UsageError(`--lang must be zh, en or mixed, got ${lang}`);
  const sink = createOutputSink(values.out);
  let lines: string[] = [];
  const flush = async () => {
    await sink.write(Buffer.from(`${lines.join('\n')}\n`));
    lines = [];
  };
  for (const conv of generateDemo({
    conversations: wholeNumber('conversations', values.conversations, 1),
    seed: wholeNumber('seed', values.seed, 0),
    lang,
    days: wholeNumber('days', values.days, 1),
  })) {
    lines.push(JSON.stringify(conv));
    if (lines.length >= 1000) await flush();
  }
  if (lines.length > 0) await flush();
  await sink.close();
  return EXIT_OK;
}
