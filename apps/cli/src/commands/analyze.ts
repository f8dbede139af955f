import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { findPii, formatSummary, redactPii, reportSummary } from '@serviq/core';
import {
  analyzeFiles,
  type FileIssue,
  INPUT_ENCODINGS,
  INPUT_FORMATS,
  type InputEncoding,
  type InputFormat,
} from '@serviq/services';
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, UsageError } from '../cli-error.ts';
import { loadAnalysisConfig, resolveLocale } from '../load-config.ts';
import { loadRules } from '../load-rules.ts';
import { createOutputSink, type OutputSink, writeOutputFile } from '../output-sink.ts';
import { createProgressBar } from '../progress-bar.ts';

// Below this much input, starting worker threads (each loads jieba) costs more than it saves.
const PARALLEL_FROM_BYTES = 8 << 20;

const OPTIONS = {
  format: { type: 'string', default: 'auto' },
  encoding: { type: 'string', default: 'auto' },
  out: { type: 'string', short: 'o' },
  summary: { type: 'boolean', default: false },
  'summary-json': { type: 'string' },
  errors: { type: 'string' },
  redact: { type: 'boolean', default: false },
  threads: { type: 'string', default: 'auto' },
  config: { type: 'string' },
  rules: { type: 'string' },
  models: { type: 'string' },
  'satisfaction-model': { type: 'string' },
  timezone: { type: 'string' },
  locale: { type: 'string' },
  'max-message-chars': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const ANALYZE_HELP = `serviq analyze <files…|-> [options]
  Analyse conversations; one JSON result per conversation (JSONL) in input order.

  --format F          auto (by extension, else by content) | jsonl (= canonical) | json | csv | chatwoot |
                      chatwoot-webhook | zendesk; .gz files are decompressed
  --encoding E        auto (UTF-8, or UTF-16 with a byte-order mark) | utf-8 | gb18030 | utf-16le | utf-16be
  -o, --out FILE      write results here instead of stdout
  --summary           print a summary report to stderr
  --summary-json FILE write the summary figures as JSON
  --errors FILE       also write every rejected record as JSONL {file,line,field,reason}
  --redact            mask PII (phones, ID numbers, cards, e-mails) in every output
  --threads N|auto    worker threads (auto: all cores for inputs over 8 MB)
  --rules R           scorecards: a rule file, a directory of them, a shipped pack (zh-chat, en-chat, voice)
                      or none (analyse without scoring); default: the shipped packs (docs/rule-packs.md)
  --models DIR|none   sentiment and emotion models (zh-/en-sentiment.json, zh-/en-emotion.json); default:
                      the shipped ones (docs/accuracy.md); none: the lexicon alone
  --satisfaction-model FILE  coefficients from serviq train --task satisfaction (default: shipped)
  --config FILE       JSON config: timeZone, sla (per channel, business hours), emoji overrides, piiKinds …
  --timezone TZ       zone for timestamps written without an offset (default UTC)
  --locale zh|en      language of the summary (default zh; LANG=en… switches)
  --max-message-chars N  longest message accepted (default 100000)
  -q, --quiet         no progress bar

  Exit code: 0 all records good, 1 some rejected, 2 usage error or unreadable input.`;

export const VALIDATE_HELP = `serviq validate <files…|-> [--format F] [--encoding E] [--errors FILE] [--timezone TZ]
  Check records as analyze would (file:line: field: reason on stderr) without analysing them.
  Exit code: 0 all records good, 1 some rejected, 2 usage error or unreadable input.`;

function parseThreads(value: string, totalBytes: number, hasStdin: boolean): number {
  if (value === 'auto') return !hasStdin && totalBytes < PARALLEL_FROM_BYTES ? 1 : availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`--threads must be a whole number from 1 to 256, or auto; got ${value}`);
  return n;
}

function formatIssue(i: FileIssue): string {
  return `${i.file}:${i.line ?? 0}: ${i.field}: ${i.reason}`;
}

export async function runAnalyze(
  argv: string[],
  env: NodeJS.ProcessEnv,
  isAnalyzing: boolean,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${isAnalyzing ? ANALYZE_HELP : VALIDATE_HELP}\n`);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('no input: give one or more files, or - for stdin');
  if (!(INPUT_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(
      `--format must be one of ${INPUT_FORMATS.join(', ')}, got ${JSON.stringify(values.format)}`,
    );
  }
  if (!(INPUT_ENCODINGS as readonly string[]).includes(values.encoding)) {
    throw new UsageError(
      `--encoding must be one of ${INPUT_ENCODINGS.join(', ')}, got ${JSON.stringify(values.encoding)}`,
    );
  }
  const config = loadAnalysisConfig(values);
  const rules = isAnalyzing ? loadRules(values.rules, config) : undefined;
  const locale = resolveLocale(values.locale, env);
  let totalBytes = 0;
  for (const f of positionals) {
    if (f === '-') continue;
    try {
      totalBytes += statSync(f).size;
    } catch {
      // Reported as unreadable by analyzeFiles, with the reason.
    }
  }
  const threads = parseThreads(values.threads, totalBytes, positionals.includes('-'));
  if (values.errors) writeOutputFile(values.errors, '');
  if (values['summary-json']) writeOutputFile(values['summary-json'], '');
  const sink: OutputSink | undefined = isAnalyzing ? createOutputSink(values.out) : undefined;
  const errorLines: string[] = [];
  const progress = createProgressBar(
    totalBytes,
    !values.quiet && process.stderr.isTTY === true && !positionals.includes('-'),
  );
  let doneBytes = 0;
  let fileBytes = 0;
  let currentFile = '';
  const report = await analyzeFiles({
    files: positionals,
    format: values.format as InputFormat,
    encoding: values.encoding as InputEncoding,
    config,
    ...(rules ? { rules } : {}),
    threads,
    isAnalyzing,
    onResults: async (jsonl) => {
      await sink?.write(jsonl);
    },
    onIssue: (raw) => {
      // A reason may quote the offending value, and that value may be a phone number.
      const issue = config.isRedacting ? { ...raw, reason: redactPii(raw.reason, findPii(raw.reason)) } : raw;
      progress.done();
      process.stderr.write(`${formatIssue(issue)}\n`);
      if (values.errors) errorLines.push(JSON.stringify(issue));
    },
    onProgress: (file, bytesRead) => {
      if (file !== currentFile) {
        doneBytes += fileBytes;
        currentFile = file;
      }
      fileBytes = bytesRead;
      progress.update(doneBytes + bytesRead);
    },
  });
  progress.done();
  await sink?.close();
  if (values.errors) writeOutputFile(values.errors, errorLines.length ? `${errorLines.join('\n')}\n` : '');
  for (const u of report.unreadable) process.stderr.write(`${u.file}: cannot read input: ${u.reason}\n`);
  for (const f of report.emptyFiles) process.stderr.write(`${f}: empty input, no conversations\n`);
  const summary = reportSummary(report.summary);
  if (values.summary) process.stderr.write(formatSummary(summary, locale));
  if (values.summary && values.out && values.out !== '-') {
    process.stderr.write(
      locale === 'zh'
        ? `${report.conversations} 条分析结果已写入 ${values.out}\n`
        : `${report.conversations} results written to ${values.out}\n`,
    );
  }
  if (values['summary-json'])
    writeOutputFile(values['summary-json'], `${JSON.stringify(summary, null, 2)}\n`);
  if (!isAnalyzing) {
    process.stderr.write(
      locale === 'zh'
        ? `${report.conversations} 个会话有效，${report.rejected} 条记录被拒\n`
        : `${report.conversations} conversations valid, ${report.rejected} records rejected\n`,
    );
  }
  if (report.unreadable.length > 0) return EXIT_USAGE;
  return report.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
}
