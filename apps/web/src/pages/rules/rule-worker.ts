/// <reference lib="webworker" />
import { type EngineRequest, RuleAnalysis } from './rule-analysis.ts';

// Compiling every rule set takes 100–200 ms: here, off the page's thread, typing never waits for it.
// The core analysis lives only in this worker's bundle, not in the page's chunks.
const analysis = new RuleAnalysis();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  try {
    for (const reply of analysis.handle(event.data)) scope.postMessage(reply);
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: (error as Error).message });
  }
};
