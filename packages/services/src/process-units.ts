import {
  type AnalysisContext,
  analyzeConversation,
  type ImportIssue,
  type MessageSourceMap,
  type NormalizeOptions,
  normalizeConversation,
  type SummaryFacts,
  summaryFactsOf,
} from '@serviq/core';
import { asConversationObject, parseJsonRecord } from './parse-json-record.ts';
import { type ByteChunk, chunkLines, lineIssue } from './read-lines.ts';

/** One record to analyse: a raw canonical JSON line, or a record an importer produced. */
export type Unit = { line: number; json?: string; record?: unknown; source?: MessageSourceMap };

const MESSAGE_FIELD = /^messages\[(\d+)\]\.?(.*)$/;

/** Moves an issue in `messages[i].field` to the line message i came from, under its source name. */
function toSource(issue: ImportIssue, source: MessageSourceMap): ImportIssue {
  const m = MESSAGE_FIELD.exec(issue.field);
  const line = m ? source.lines[Number(m[1])] : undefined;
  if (!m || line === undefined) return issue;
  const field = m[2] ? (source.fields[m[2]] ?? m[2]) : issue.field;
  return { ...issue, line, field };
}

/**
 * Work for one batch: records already mapped, or raw canonical JSONL bytes (whole lines) that
 * the worker decodes itself, so the reading thread does no per-line work. Lines in a chunk are
 * numbered from 1; the caller adds the chunk's offset in the file.
 */
export type Job = { units: Unit[] } | { chunk: ByteChunk };

/**
 * `output` holds every result of the batch as JSONL bytes, in order; each accepted outcome's
 * line ends at its `outputEnd`. Bytes cross back from a worker without a copy, and the reading
 * thread never turns them into strings.
 */
export type JobResult = { outcomes: UnitOutcome[]; lineCount: number; output: Uint8Array };

export type UnitOutcome = {
  line: number;
  /** `source:id`, for the duplicate check that must see every record in input order. */
  key?: string;
  /** Byte offset in the batch's `output` where this record's JSONL line ends. */
  outputEnd?: number;
  facts?: SummaryFacts;
  issues?: ImportIssue[];
};

/**
 * Parses, validates and (unless only validating) analyses a batch. Runs in a worker thread or
 * inline; everything it returns is plain data.
 */
export function processUnits(
  units: readonly Unit[],
  normalize: NormalizeOptions,
  ctx: AnalysisContext | undefined,
): { outcomes: UnitOutcome[]; output: Uint8Array } {
  const out: UnitOutcome[] = [];
  const lines: string[] = [];
  const ends: UnitOutcome[] = [];
  let chars = 0;
  for (const unit of units) {
    let raw = unit.record;
    if (unit.json !== undefined) {
      const parsed = parseJsonRecord(unit.json, unit.line);
      if ('issue' in parsed) {
        out.push({ line: unit.line, issues: [parsed.issue] });
        continue;
      }
      raw = parsed.value;
    }
    const record = asConversationObject(raw, unit.line);
    if ('issue' in record) {
      out.push({ line: unit.line, issues: [record.issue] });
      continue;
    }
    const result = normalizeConversation(record.value, normalize, unit.line);
    if (!result.ok) {
      const { source } = unit;
      out.push({
        line: unit.line,
        issues: source ? result.issues.map((i) => toSource(i, source)) : result.issues,
      });
      continue;
    }
    const conv = result.value;
    const outcome: UnitOutcome = { line: unit.line, key: `${conv.source}:${conv.id}` };
    if (ctx) {
      const analysis = analyzeConversation(conv, ctx);
      const json = JSON.stringify(analysis);
      lines.push(json);
      ends.push(outcome);
      chars += json.length;
      outcome.facts = summaryFactsOf(analysis);
    }
    out.push(outcome);
  }
  return {
    outcomes: out,
    output: encodeLines(lines, ends, chars),
  };
}

const encoder = new TextEncoder();

/** UTF-8 JSONL of `lines` in one buffer, recording where each line ends on its outcome. */
function encodeLines(lines: readonly string[], outcomes: readonly UnitOutcome[], chars: number): Uint8Array {
  // A UTF-16 unit never needs more than 3 UTF-8 bytes; encoding in place avoids a joined copy.
  const out = new Uint8Array(chars * 3 + lines.length);
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    pos += encoder.encodeInto(lines[i] as string, out.subarray(pos)).written;
    out[pos++] = 10;
    (outcomes[i] as UnitOutcome).outputEnd = pos;
  }
  return out.subarray(0, pos);
}

export function runJob(job: Job, normalize: NormalizeOptions, ctx: AnalysisContext | undefined): JobResult {
  if ('units' in job) return { ...processUnits(job.units, normalize, ctx), lineCount: 0 };
  const problems: UnitOutcome[] = [];
  const units: Unit[] = [];
  const lines = chunkLines(job.chunk, 1);
  for (const l of lines) {
    const issue = lineIssue(l);
    if (issue) problems.push({ line: l.line, issues: [issue] });
    else if (l.text !== undefined && l.text.trim() !== '') units.push({ line: l.line, json: l.text });
  }
  const { outcomes, output } = processUnits(units, normalize, ctx);
  if (problems.length > 0) {
    outcomes.push(...problems);
    outcomes.sort((a, b) => a.line - b.line);
  }
  return { outcomes, output, lineCount: lines.length };
}
