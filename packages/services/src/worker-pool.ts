import { Worker } from 'node:worker_threads';
import type { Job, JobResult } from './process-units.ts';
import type { ByteChunk } from './read-lines.ts';

type Pending<R> = { resolve: (r: R) => void; reject: (e: Error) => void };

const ANALYSIS_WORKER = new URL('./analysis-worker.mjs', import.meta.url);

/**
 * Worker threads running a script's job handler (processUnits by default); batches go
 * round-robin, answers come back by sequence. Raw byte chunks move to a worker without a copy.
 */
export class WorkerPool<J extends object = Job, R = JobResult> {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending<R>>();
  private next = 0;
  private seq = 0;
  private failure: Error | undefined;
  private isClosing = false;

  constructor(size: number, workerData: unknown, script: URL = ANALYSIS_WORKER) {
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(script, { workerData });
      w.on('message', (msg: { seq: number; result: R }) => {
        const p = this.pending.get(msg.seq);
        this.pending.delete(msg.seq);
        p?.resolve(msg.result);
      });
      w.on('error', (error) => this.fail(error));
      w.on('exit', (code) => {
        if (code !== 0 && !this.isClosing) this.fail(new Error(`analysis worker exited with code ${code}`));
      });
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Batches sent and not yet answered. */
  get pendingCount(): number {
    return this.pending.size;
  }

  run(job: J): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq++;
    const worker = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      const chunk = 'chunk' in job ? (job.chunk as ByteChunk) : undefined;
      worker?.postMessage({ seq, job }, chunk ? [chunk.bytes.buffer as ArrayBuffer] : []);
    });
  }

  async close(): Promise<void> {
    this.isClosing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    // Whoever still waits on a batch hears why it will not come.
    this.fail(new Error('the worker pool was closed'));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
