import { parentPort, workerData } from 'node:worker_threads';
import type { NormalizeOptions } from '@serviq/core';
import { type AnalysisConfig, buildAnalysisContext } from './analysis-config.ts';
import { processUnits, type Unit } from './process-units.ts';

type WorkerInit = { config: AnalysisConfig; normalize: NormalizeOptions; isAnalyzing: boolean };

const init = workerData as WorkerInit;
const ctx = init.isAnalyzing ? buildAnalysisContext(init.config) : undefined;

parentPort?.on('message', (msg: { seq: number; units: Unit[] }) => {
  parentPort?.postMessage({ seq: msg.seq, outcomes: processUnits(msg.units, init.normalize, ctx) });
});
