import { isUtf8 } from 'node:buffer';
import {
  createChatwootWebhookAccumulator,
  createCsvImporter,
  createCsvParser,
  detectCsvDelimiter,
  detectRecordFormat,
  type ImportBatch,
  type ImportIssue,
  importChatwootDocument,
  importZendeskDocument,
  type NormalizeOptions,
  type RecordFormat,
  splitJsonArray,
} from '@serviq/core';
import { type InputEncoding, type OpenedInput, openInput, sniffFormat } from './open-input.ts';
import { parseJsonRecord } from './parse-json-record.ts';
import type { Job, Unit } from './process-units.ts';
import { chunkLines, lineIssue, readByteChunks, readLineBatches, splitLines } from './read-lines.ts';

export const INPUT_FORMATS = [
  'auto',
  'jsonl',
  'canonical',
  'json',
  'csv',
  'chatwoot',
  'chatwoot-webhook',
  'zendesk',
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Records ready for analysis plus what the reader or importer already rejected. */
export type SourceBatch = { job: Job; issues: ImportIssue[]; bytesRead: number };

const UNITS_PER_BATCH = 500;

function* chunkUnits(units: Unit[], issues: ImportIssue[], bytesRead: number): Generator<SourceBatch> {
  if (units.length === 0) {
    if (issues.length > 0) yield { job: { units }, issues, bytesRead };
    return;
  }
  for (let i = 0; i < units.length; i += UNITS_PER_BATCH) {
    yield { job: { units: units.slice(i, i + UNITS_PER_BATCH) }, issues: i === 0 ? issues : [], bytesRead };
  }
}

function* chunked(batch: ImportBatch, bytesRead: number): Generator<SourceBatch> {
  yield* chunkUnits(
    batch.records.map((r) =>
      r.source ? { line: r.line, record: r.record, source: r.source } : { line: r.line, record: r.record },
    ),
    batch.issues,
    bytesRead,
  );
}

/** The format by name (`.csv`, `.json`, `.jsonl`, `.ndjson`, each optionally `.gz`), else by content. */
function formatOf(file: string, format: InputFormat, head: Buffer): InputFormat {
  if (format === 'canonical') return 'jsonl';
  if (format !== 'auto') return format;
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  return sniffFormat(head);
}

async function readAll(input: OpenedInput): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of input.stream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** One document in a JSON file: an array of records, or one object in a known export shape. */
function importJsonDocument(doc: unknown, forced: InputFormat): ImportBatch {
  const kind = forced === 'chatwoot' || forced === 'zendesk' ? forced : detectRecordFormat(doc);
  if (kind === 'chatwoot') return importChatwootDocument(doc, 1);
  if (kind === 'zendesk') return importZendeskDocument(doc, 1);
  if (kind === 'chatwoot-webhook') {
    const acc = createChatwootWebhookAccumulator();
    const issues = acc.add(doc, 1);
    const done = acc.finish();
    return { records: done.records, issues: [...issues, ...done.issues] };
  }
  return { records: [{ line: 1, record: doc as ImportBatch['records'][number]['record'] }], issues: [] };
}

async function* readJsonFile(input: OpenedInput, format: InputFormat): AsyncGenerator<SourceBatch> {
  const bytes = await readAll(input);
  if (!isUtf8(bytes)) {
    const line = firstInvalidUtf8Line(bytes);
    yield {
      job: { units: [] },
      issues: [{ line, field: '(file)', reason: 'invalid UTF-8 bytes; file not read' }],
      bytesRead: bytes.length,
    };
    return;
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return;
  const isArray = text.trimStart().startsWith('[');
  if (isArray && format !== 'chatwoot' && format !== 'zendesk') {
    const split = splitJsonArray(text);
    const units: Unit[] = [];
    const issues: ImportIssue[] = [];
    const first = split.elements[0];
    const firstValue = first ? parseJsonRecord(first.text, first.line) : undefined;
    const kind = firstValue && 'value' in firstValue ? detectRecordFormat(firstValue.value) : 'canonical';
    if (kind === 'chatwoot' || kind === 'zendesk' || kind === 'chatwoot-webhook') {
      const acc = kind === 'chatwoot-webhook' ? createChatwootWebhookAccumulator() : undefined;
      for (const el of split.elements) {
        const parsed = parseJsonRecord(el.text, el.line);
        if ('issue' in parsed) {
          issues.push(parsed.issue);
          continue;
        }
        if (acc) issues.push(...acc.add(parsed.value, el.line));
        else {
          const b =
            kind === 'chatwoot'
              ? importChatwootDocument(parsed.value, el.line)
              : importZendeskDocument(parsed.value, el.line);
          units.push(...b.records.map((r) => ({ line: r.line, record: r.record })));
          issues.push(...b.issues);
        }
      }
      if (acc) {
        const done = acc.finish();
        units.push(...done.records.map((r) => ({ line: r.line, record: r.record })));
        issues.push(...done.issues);
      }
    } else {
      for (const el of split.elements) units.push({ line: el.line, json: el.text });
    }
    if (split.truncatedAt)
      issues.push({ line: split.truncatedAt.line, field: '(file)', reason: split.truncatedAt.reason });
    yield* chunkUnits(units, issues, bytes.length);
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    yield {
      job: { units: [] },
      issues: [{ line: 1, field: '(file)', reason: `invalid JSON: ${(error as Error).message}` }],
      bytesRead: bytes.length,
    };
    return;
  }
  yield* chunked(importJsonDocument(doc, format), bytes.length);
}

function firstInvalidUtf8Line(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let nl = bytes.indexOf(10); ; nl = bytes.indexOf(10, start)) {
    const end = nl < 0 ? bytes.length : nl;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    if (nl < 0) return line;
    line++;
    start = nl + 1;
  }
}

/**
 * Streams the records of one input. Canonical JSONL lines go to the workers unparsed; helpdesk
 * formats (Chatwoot webhooks, Zendesk, CSV) are mapped here, because grouping messages into
 * conversations needs the whole file in order.
 */
export async function* readRecords(
  file: string,
  format: InputFormat,
  normalize: NormalizeOptions,
  encoding: InputEncoding = 'auto',
): AsyncGenerator<SourceBatch> {
  const opened = await openInput(file, encoding);
  const kind = formatOf(file, format, opened.head);
  const isDocument =
    kind === 'json' || ((kind === 'chatwoot' || kind === 'zendesk') && sniffFormat(opened.head) === 'json');
  if (isDocument) {
    yield* readJsonFile(opened, kind);
    return;
  }
  const input = opened.stream;
  if (kind === 'csv') {
    // An empty export is an empty input (a note, exit 0) in every format, not a missing header.
    if (opened.head.toString('utf8').trim() === '') return;
    const headerLine =
      opened.head.toString('utf8', 0, Math.min(opened.head.length, 1 << 16)).split('\n', 1)[0] ?? '';
    const parser = createCsvParser(1, detectCsvDelimiter(headerLine));
    const importer = createCsvImporter(normalize.timeZone ? { timeZone: normalize.timeZone } : {});
    const issues: ImportIssue[] = [];
    for await (const batch of readLineBatches(input, undefined, true)) {
      const parts: string[] = [];
      for (const l of batch) {
        const problem = lineIssue(l);
        if (problem) issues.push(problem);
        // An unreadable line still ends a line, so later line numbers stay true.
        parts.push(l.text ?? '');
      }
      importer.push(parser.push(`${parts.join('\n')}\n`));
    }
    const end = parser.end();
    importer.push(end.rows);
    const done = importer.finish();
    yield* chunked(
      { records: done.records, issues: [...issues, ...end.issues, ...done.issues] },
      opened.bytesRead(),
    );
    return;
  }
  // JSONL: canonical records, Chatwoot webhook captures or Zendesk tickets, one per line.
  // Canonical lines go to the workers as raw bytes; the others are mapped here, in order.
  let lineKind: LineKind | undefined =
    kind === 'chatwoot-webhook' || kind === 'chatwoot' || kind === 'zendesk' ? kind : undefined;
  const webhooks = createChatwootWebhookAccumulator();
  let nextLine = 1;
  for await (const chunk of readByteChunks(input)) {
    if (lineKind === undefined) lineKind = detectLineKind(chunk.bytes);
    if (lineKind === 'canonical') {
      yield { job: { chunk }, issues: [], bytesRead: opened.bytesRead() };
      continue;
    }
    const lines = chunkLines(chunk, nextLine);
    nextLine += lines.length;
    const units: Unit[] = [];
    const issues: ImportIssue[] = [];
    for (const l of lines) {
      const problem = lineIssue(l);
      if (problem) {
        issues.push(problem);
        continue;
      }
      const text = l.text ?? '';
      if (text.trim() === '') continue;
      const parsed = parseJsonRecord(text, l.line);
      if ('issue' in parsed) {
        issues.push(parsed.issue);
        continue;
      }
      if (lineKind === 'chatwoot-webhook') issues.push(...webhooks.add(parsed.value, l.line));
      else {
        const b =
          lineKind === 'chatwoot'
            ? importChatwootDocument(parsed.value, l.line)
            : importZendeskDocument(parsed.value, l.line);
        for (const r of b.records) units.push({ line: r.line, record: r.record });
        issues.push(...b.issues);
      }
    }
    if (units.length > 0 || issues.length > 0)
      yield { job: { units }, issues, bytesRead: opened.bytesRead() };
  }
  if (lineKind === 'chatwoot-webhook') yield* chunked(webhooks.finish(), opened.bytesRead());
}

/** The format of a JSONL input, from its first line that parses (canonical when unclear). */
type LineKind = Exclude<RecordFormat, 'unknown'>;

function detectLineKind(bytes: Uint8Array): LineKind {
  for (const l of splitLines(bytes, 1)) {
    if (l.text === undefined || l.text.trim() === '') continue;
    const parsed = parseJsonRecord(l.text, l.line);
    // A broken first line must not decide the format of a whole capture.
    if ('issue' in parsed) continue;
    const detected = detectRecordFormat(parsed.value);
    return detected === 'unknown' ? 'canonical' : detected;
  }
  return 'canonical';
}
