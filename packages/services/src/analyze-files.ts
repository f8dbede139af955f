import {
  addToSummary,
  createSummary,
  type ImportIssue,
  type NormalizeOptions,
  type Summary,
} from '@serviq/core';
import { type AnalysisConfig, buildAnalysisContext } from './analysis-config.ts';
import type { InputEncoding } from './open-input.ts';
import { type Job, type JobResult, runJob } from './process-units.ts';
import { type InputFormat, readRecords, type SourceBatch } from './read-records.ts';
import type { LoadedRules } from './rule-files.ts';
import { SeenKeys } from './seen-keys.ts';
import { WorkerPool } from './worker-pool.ts';

export type FileIssue = ImportIssue & { file: string };

export type AnalyzeFilesOptions = {
  files: string[];
  format: InputFormat;
  encoding?: InputEncoding;
  config: AnalysisConfig;
  /** The rules to score with, compiled for this thread, as files for the workers; undefined: no scoring. */
  rules?: LoadedRules;
  /** 1 analyses in this thread; more starts that many worker threads. */
  threads: number;
  /** false only validates (the checks of import, no analysis). */
  isAnalyzing: boolean;
  /** Analysis results as UTF-8 JSONL (whole lines, input order), in blocks. */
  onResults?: (jsonl: Uint8Array) => void | Promise<void>;
  onIssue?: (issue: FileIssue) => void;
  onProgress?: (file: string, bytesRead: number) => void;
};

export type AnalyzeFilesReport = {
  conversations: number;
  rejected: number;
  unreadable: { file: string; reason: string }[];
  emptyFiles: string[];
  summary: Summary;
};

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file';
  if (e?.code === 'EISDIR') return 'is a directory';
  if (e?.code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(error);
}

/**
 * Reads every file as a stream, rejects bad records with where and why, keeps the first of
 * duplicate conversation ids, and analyses the rest, emitting results in input order.
 */
export async function analyzeFiles(options: AnalyzeFilesOptions): Promise<AnalyzeFilesReport> {
  const normalize: NormalizeOptions = {
    timeZone: options.config.timeZone,
    maxMessageChars: options.config.maxMessageChars,
    maxMessages: options.config.maxMessages,
  };
  // This thread analyses too: with N threads it takes one share beside N − 1 workers, because
  // reading and ordering leave it mostly idle and each worker costs a module load and a JIT warm-up.
  const pool =
    options.threads > 1
      ? new WorkerPool(options.threads - 1, {
          config: options.config,
          ...(options.rules ? { rules: options.rules.files } : {}),
          normalize,
          isAnalyzing: options.isAnalyzing,
        })
      : undefined;
  const ctx = options.isAnalyzing ? buildAnalysisContext(options.config) : undefined;
  if (ctx && options.rules) ctx.ruleSet = options.rules.ruleSet;
  // Workers are kept two batches deep; this thread analyses only what would make them queue
  // deeper, so it never leaves them idle while it reads, orders and writes.
  const run = (job: Job): Promise<JobResult> => {
    if (pool && pool.pendingCount < pool.size * 2) return pool.run(job);
    return Promise.resolve(runJob(job, normalize, ctx));
  };
  const report: AnalyzeFilesReport = {
    conversations: 0,
    rejected: 0,
    unreadable: [],
    emptyFiles: [],
    summary: createSummary(),
  };
  /** `source:id` of every accepted conversation; later ones are duplicates. */
  const seen = new SeenKeys();
  let fileIndex = 0;
  // Bounded so a fast reader cannot pile up results in memory ahead of a slow writer.
  const maxInFlight = pool ? options.threads * 3 : 1;

  // Raw chunks number their lines from 1; this is where each chunk starts in its file.
  let lineBase = 0;
  const settle = async (file: string, resultP: Promise<JobResult>, sourceIssues: ImportIssue[]) => {
    const result = await resultP;
    const offset = lineBase;
    lineBase += result.lineCount;
    const rejectedLines = new Set<number>();
    const issues: ImportIssue[] = [...sourceIssues];
    // Byte ranges of the accepted results; a duplicate's line is cut out of the block.
    const keep: [number, number][] = [];
    let outputStart = 0;
    for (const o of result.outcomes) {
      const start = outputStart;
      if (o.outputEnd !== undefined) outputStart = o.outputEnd;
      const line = o.line + offset;
      if (o.issues) {
        for (const i of o.issues) issues.push(offset ? { ...i, line: (i.line ?? 0) + offset } : i);
        rejectedLines.add(line);
        continue;
      }
      if (o.key === undefined) continue;
      const first = seen.add(o.key, fileIndex, line);
      if (first !== undefined) {
        const id = o.key.slice(o.key.indexOf(':') + 1);
        const where = `${options.files[first.file] ?? file}:${first.line}`;
        issues.push({
          line,
          field: 'id',
          reason: `duplicate conversation id ${JSON.stringify(id)} (first at ${where}); kept the first`,
        });
        rejectedLines.add(line);
        continue;
      }
      report.conversations++;
      if (o.facts) addToSummary(report.summary, o.facts);
      if (o.outputEnd === undefined) continue;
      const last = keep[keep.length - 1];
      if (last && last[1] === start) last[1] = o.outputEnd;
      else keep.push([start, o.outputEnd]);
    }
    if (options.onResults) {
      for (const [from, to] of keep) await options.onResults(result.output.subarray(from, to));
    }
    for (const i of sourceIssues) rejectedLines.add(i.line ?? 0);
    report.rejected += rejectedLines.size;
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const i of issues) options.onIssue?.({ file, ...i });
  };

  try {
    for (const [index, file] of options.files.entries()) {
      fileIndex = index;
      const queue: { p: Promise<JobResult>; issues: ImportIssue[] }[] = [];
      const seenBefore = report.conversations + report.rejected;
      lineBase = 0;
      const batches = readRecords(file, options.format, normalize, options.encoding);
      for (;;) {
        // Only a failure to read is the input's fault; one while writing results propagates.
        let next: IteratorResult<SourceBatch>;
        try {
          next = await batches.next();
        } catch (error) {
          report.unreadable.push({ file, reason: describeError(error) });
          break;
        }
        if (next.done) break;
        const batch = next.value;
        const p = run(batch.job);
        // Keep a rejection from going unhandled while it waits in the queue.
        p.catch(() => undefined);
        queue.push({ p, issues: batch.issues });
        options.onProgress?.(file, batch.bytesRead);
        while (queue.length >= maxInFlight) {
          const oldest = queue.shift();
          if (oldest) await settle(file, oldest.p, oldest.issues);
        }
      }
      for (const next of queue) await settle(file, next.p, next.issues);
      const isEmpty = report.conversations + report.rejected === seenBefore;
      if (isEmpty && !report.unreadable.some((u) => u.file === file)) report.emptyFiles.push(file);
    }
  } finally {
    await pool?.close();
  }
  report.summary.rejected = report.rejected;
  return report;
}
