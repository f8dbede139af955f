import {
  addToSummary,
  createSummary,
  type ImportIssue,
  type NormalizeOptions,
  type Summary,
} from '@serviq/core';
import { type AnalysisConfig, buildAnalysisContext } from './analysis-config.ts';
import { processUnits, type UnitOutcome } from './process-units.ts';
import { type InputFormat, readRecords } from './read-records.ts';
import { WorkerPool } from './worker-pool.ts';

export type FileIssue = ImportIssue & { file: string };

export type AnalyzeFilesOptions = {
  files: string[];
  format: InputFormat;
  config: AnalysisConfig;
  /** 1 analyses in this thread; more starts that many worker threads. */
  threads: number;
  /** false only validates (the checks of import, no analysis). */
  isAnalyzing: boolean;
  onResult?: (json: string) => void | Promise<void>;
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
  const pool =
    options.threads > 1
      ? new WorkerPool(options.threads, {
          config: options.config,
          normalize,
          isAnalyzing: options.isAnalyzing,
        })
      : undefined;
  const ctx = !pool && options.isAnalyzing ? buildAnalysisContext(options.config) : undefined;
  const report: AnalyzeFilesReport = {
    conversations: 0,
    rejected: 0,
    unreadable: [],
    emptyFiles: [],
    summary: createSummary(),
  };
  const seen = new Set<string>();
  const seenAt = new Map<string, string>();
  // Bounded so a fast reader cannot pile up results in memory ahead of a slow writer.
  const maxInFlight = pool ? pool.size * 3 : 1;

  const settle = async (file: string, outcomesP: Promise<UnitOutcome[]>, sourceIssues: ImportIssue[]) => {
    const outcomes = await outcomesP;
    const rejectedLines = new Set<number>();
    const issues: ImportIssue[] = [...sourceIssues];
    for (const o of outcomes) {
      if (o.issues) {
        issues.push(...o.issues);
        rejectedLines.add(o.line);
        continue;
      }
      if (o.key === undefined) continue;
      if (seen.has(o.key)) {
        const id = o.key.slice(o.key.indexOf(':') + 1);
        issues.push({
          line: o.line,
          field: 'id',
          reason: `duplicate conversation id ${JSON.stringify(id)} (first at ${seenAt.get(o.key)}); kept the first`,
        });
        rejectedLines.add(o.line);
        continue;
      }
      seen.add(o.key);
      seenAt.set(o.key, `${file}:${o.line}`);
      report.conversations++;
      if (o.facts) addToSummary(report.summary, o.facts);
      if (o.output !== undefined && options.onResult) await options.onResult(o.output);
    }
    for (const i of sourceIssues) rejectedLines.add(i.line ?? 0);
    report.rejected += rejectedLines.size;
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const i of issues) options.onIssue?.({ file, ...i });
  };

  try {
    for (const file of options.files) {
      const queue: { p: Promise<UnitOutcome[]>; issues: ImportIssue[] }[] = [];
      let records = 0;
      try {
        for await (const batch of readRecords(file, options.format, normalize)) {
          records += batch.units.length + batch.issues.length;
          const p = pool ? pool.run(batch.units) : Promise.resolve(processUnits(batch.units, normalize, ctx));
          // Keep a rejection from going unhandled while it waits in the queue.
          p.catch(() => undefined);
          queue.push({ p, issues: batch.issues });
          options.onProgress?.(file, batch.bytesRead);
          while (queue.length >= maxInFlight) {
            const next = queue.shift();
            if (next) await settle(file, next.p, next.issues);
          }
        }
      } catch (error) {
        report.unreadable.push({ file, reason: describeError(error) });
      }
      for (const next of queue) await settle(file, next.p, next.issues);
      if (records === 0 && !report.unreadable.some((u) => u.file === file)) report.emptyFiles.push(file);
    }
  } finally {
    await pool?.close();
  }
  report.summary.rejected = report.rejected;
  return report;
}
