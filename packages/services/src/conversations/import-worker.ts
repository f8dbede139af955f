import { parentPort, workerData } from 'node:worker_threads';
import { type AnalysisConfig, buildAnalysisContext } from '../analysis-config.ts';
import type { ByteChunk } from '../read-lines.ts';
import type { RuleFileText } from '../rule-files.ts';
import { type PrepareOptions, prepareChunk } from './prepare-conversations.ts';

export type ImportWorkerInit = { config: AnalysisConfig; rules: RuleFileText[] | undefined };
export type ImportJob = { chunk: ByteChunk; options: PrepareOptions };

const init = workerData as ImportWorkerInit;
const ctx = buildAnalysisContext(init.config, init.rules);

parentPort?.on('message', (msg: { seq: number; job: ImportJob }) => {
  parentPort?.postMessage({ seq: msg.seq, result: prepareChunk(msg.job.chunk, ctx, msg.job.options) });
});
