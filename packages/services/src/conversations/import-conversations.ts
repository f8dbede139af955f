import type { Readable } from 'node:stream';
import type { ImportIssue, NormalizeOptions } from '@serviq/core';
import { type ByteChunk, readByteChunks } from '../read-lines.ts';
import { SeenKeys } from '../seen-keys.ts';
import { type Actor, authorize } from '../service/actor.ts';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { WorkerPool } from '../worker-pool.ts';
import type { ImportJob, ImportWorkerInit } from './import-worker.ts';
import {
  type PreparedConversation,
  type PrepareOptions,
  type PrepareResult,
  prepareChunk,
} from './prepare-conversations.ts';
import { reanalyseConversations } from './reanalyse-conversations.ts';
import { storePrepared } from './store-prepared.ts';

const IMPORT_WORKER = new URL('./import-worker.mjs', import.meta.url);

export type ImportReport = {
  /** Lines that held a conversation, stored or not. */
  records: number;
  inserted: number;
  updated: number;
  rejected: number;
  /** Every problem with its line; the first `MAX_ISSUES` are kept, `issueCount` counts them all. */
  issues: ImportIssue[];
  issueCount: number;
  messages: number;
  /** UTC hour starts (epoch ms) of the conversations stored: the report rollups to refresh. */
  hours: number[];
};

export const MAX_ISSUES = 1000;
// Chunks from a socket are small; a worker gets at least this much to amortise the hand-off.
const MIN_JOB_BYTES = 256 << 10;
// One transaction per this many conversations: large enough for COPY to pay, small enough that a
// crash loses little work.
const STORE_BATCH = 2_000;

type PoolLease = {
  pool: WorkerPool<ImportJob, PrepareResult>;
  generation: number | null;
  /** The runtime's config, new when the SLA settings change. */
  config: AnalysisRuntime['config'];
  users: number;
  isRetired: boolean;
};

/**
 * Worker threads that prepare imports with one rule generation and config. When either changes a new pool
 * starts; the old one closes once the imports still using it have finished.
 */
export class ImportPool {
  private current: PoolLease | undefined;

  constructor(private readonly threads: number) {}

  /** The pool for this runtime's rules, held until `release`; none without threads. */
  acquire(runtime: AnalysisRuntime): PoolLease | undefined {
    if (this.threads < 1) return undefined;
    if (
      !this.current ||
      this.current.generation !== runtime.generation ||
      this.current.config !== runtime.config
    ) {
      const old = this.current;
      const init: ImportWorkerInit = { config: runtime.config, rules: runtime.files };
      this.current = {
        pool: new WorkerPool<ImportJob, PrepareResult>(this.threads, init, IMPORT_WORKER),
        generation: runtime.generation,
        config: runtime.config,
        users: 0,
        isRetired: false,
      };
      if (old) this.retire(old);
    }
    this.current.users++;
    return this.current;
  }

  release(lease: PoolLease | undefined): void {
    if (!lease) return;
    lease.users--;
    if (lease.isRetired && lease.users === 0) void lease.pool.close();
  }

  private retire(lease: PoolLease): void {
    lease.isRetired = true;
    if (lease.users === 0) void lease.pool.close();
  }

  async close(): Promise<void> {
    const lease = this.current;
    this.current = undefined;
    await lease?.pool.close();
  }
}

export type ImportOptions = {
  runtime: AnalysisRuntime;
  /** Worker threads; none (undefined or size 0) prepares on this thread. */
  pool?: ImportPool;
  onProgress?: (report: ImportReport) => void;
};

async function* wholeChunks(input: Readable): AsyncGenerator<ByteChunk> {
  let parts: ByteChunk[] = [];
  let size = 0;
  const flush = (): ByteChunk => {
    const bytes =
      parts.length === 1 ? (parts[0] as ByteChunk).bytes : Buffer.concat(parts.map((p) => p.bytes));
    const chunk = {
      bytes: new Uint8Array(bytes),
      hasSkippedLongLine: parts.some((p) => p.hasSkippedLongLine),
    };
    parts = [];
    size = 0;
    return chunk;
  };
  for await (const chunk of readByteChunks(input)) {
    // A skipped line is reported at the start of its chunk: keep it first.
    if (chunk.hasSkippedLongLine && parts.length > 0) yield flush();
    parts.push(chunk);
    size += chunk.bytes.length;
    if (size >= MIN_JOB_BYTES) yield flush();
  }
  if (parts.length > 0) yield flush();
}

/**
 * Imports canonical JSONL conversations: each is validated, analysed with the published rules,
 * redacted and stored; bad lines are reported with their line and field while the good ones land.
 * Idempotent by (source, conversation id, message id): running it again, after a crash or with
 * the same file, adds nothing twice and loses nothing.
 */
export async function importConversations(
  ctx: ServiceContext,
  actor: Actor,
  input: Readable,
  options: ImportOptions,
): Promise<ImportReport> {
  authorize(actor, 'conversations:write');
  const lease = options.pool?.acquire(options.runtime);
  try {
    return await importWith(ctx, input, options, lease?.pool);
  } finally {
    options.pool?.release(lease);
  }
}

async function importWith(
  ctx: ServiceContext,
  input: Readable,
  options: ImportOptions,
  pool: WorkerPool<ImportJob, PrepareResult> | undefined,
): Promise<ImportReport> {
  const { runtime } = options;
  const normalize: NormalizeOptions = {
    timeZone: runtime.config.timeZone,
    maxMessageChars: runtime.config.maxMessageChars,
    maxMessages: runtime.config.maxMessages,
  };
  const prepareOptions: PrepareOptions = {
    normalize,
    privacy: runtime.privacy,
    ruleGeneration: runtime.generation,
    analysedAt: ctx.now(),
  };
  const report: ImportReport = {
    records: 0,
    inserted: 0,
    updated: 0,
    rejected: 0,
    issues: [],
    issueCount: 0,
    messages: 0,
    hours: [],
  };
  const hours = new Set<number>();
  const seen = new SeenKeys();
  const stale: string[] = [];
  let pending: PreparedConversation[] = [];
  let lineBase = 0;
  const addIssue = (issue: ImportIssue) => {
    report.issueCount++;
    if (report.issues.length < MAX_ISSUES) report.issues.push(issue);
  };
  // One batch is stored while the workers go on preparing the next; a second full batch waits
  // for the first to be in (memory stays bounded, batches land in input order).
  let storing: Promise<void> = Promise.resolve();
  let storeFailure: unknown;
  const flush = async () => {
    const batch = pending;
    pending = [];
    await storing;
    if (storeFailure !== undefined) throw storeFailure;
    storing = storePrepared(ctx.db, batch).then(
      (outcome) => {
        report.inserted += outcome.inserted;
        report.updated += outcome.updated;
        stale.push(...outcome.stale);
        for (const item of batch) {
          hours.add(item.hour);
          report.messages += item.messageCount;
        }
        options.onProgress?.(report);
      },
      (error: unknown) => {
        // Kept, not left unhandled: the next flush (or the end) throws it.
        storeFailure = error;
      },
    );
  };
  const settle = async (result: PrepareResult) => {
    const offset = lineBase;
    lineBase += result.lineCount;
    const rejected = new Set<number>();
    for (const issue of result.issues) {
      const line = (issue.line ?? 0) + offset;
      addIssue({ ...issue, line });
      rejected.add(line);
    }
    const issueLines = rejected.size;
    for (const item of result.prepared) {
      const line = item.line + offset;
      const first = seen.add(item.key, 0, line);
      if (first !== undefined) {
        addIssue({
          line,
          field: 'id',
          reason: `duplicate conversation id ${JSON.stringify(item.key.slice(item.key.indexOf(':') + 1))} (first at line ${first.line}); kept the first`,
        });
        rejected.add(line);
        continue;
      }
      pending.push(item);
    }
    report.records += result.prepared.length + issueLines;
    report.rejected += rejected.size;
    if (pending.length >= STORE_BATCH) await flush();
  };
  // Results are settled in input order.
  const inFlight: Promise<PrepareResult>[] = [];
  // Deep enough that a worker has work for the whole of a batch's store (PGlite stores on this
  // thread and reads no worker answers meanwhile).
  const depth = pool ? pool.size * 16 : 1;
  try {
    await prepareAll();
  } finally {
    // A failure leaves answers in flight; they are dropped, not left to reject unhandled.
    for (const p of inFlight) p.catch(() => undefined);
  }
  async function prepareAll() {
    for await (const chunk of wholeChunks(input)) {
      // On PostgreSQL this thread waits on the server most of the time: it prepares too whenever
      // the workers have a backlog. On PGlite it is the database, and leaves preparing to them.
      const isInline = !pool || (ctx.db.driver === 'postgres' && pool.pendingCount >= pool.size * 2);
      inFlight.push(
        isInline
          ? Promise.resolve(prepareChunk(chunk, runtime.context, prepareOptions))
          : pool.run({ chunk, options: prepareOptions }),
      );
      if (inFlight.length >= depth) await settle(await (inFlight.shift() as Promise<PrepareResult>));
    }
    while (inFlight.length > 0) await settle(await (inFlight.shift() as Promise<PrepareResult>));
  }
  await flush();
  await storing;
  if (storeFailure !== undefined) throw storeFailure;
  if (stale.length > 0) await reanalyseConversations(ctx, stale, runtime);
  report.hours = [...hours].sort((a, b) => a - b);
  return report;
}
