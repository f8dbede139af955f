import { parentPort, workerData } from 'node:worker_threads';
import type { NormalizeOptions } from '@serviq/core';
import { type AnalysisConfig, buildAnalysisContext } from './analysis-config.ts';
import { type Job, runJob } from './process-units.ts';

import type { RuleFileText } from './rule-files.ts';

type WorkerInit = {
  config: AnalysisConfig;
  rules?: RuleFileText[];
  normalize: NormalizeOptions;
  isAnalyzing: boolean;
};

const init = workerData as WorkerInit;
const ctx = init.isAnalyzing ? buildAnalysisContext(init.config, init.rules) : undefined;

parentPort?.on('message', (msg: { seq: number; job: Job }) => {
  const result = runJob(msg.job, init.normalize, ctx);
  parentPort?.postMessage({ seq: msg.seq, result }, [result.output.buffer as ArrayBuffer]);
});
