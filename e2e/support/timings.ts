import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './product.ts';

type Timing = { ms: number; targetMs?: number; measuredAt: string };

const FILE = join(ARTIFACTS, 'timings.json');
const measured = new Map<string, Timing>();

/** Keeps a measured duration (and the target for it, if any) for the report at the end of the run. */
export function recordTiming(name: string, ms: number, targetMs?: number): void {
  measured.set(name, {
    ms: Math.round(ms),
    ...(targetMs === undefined ? {} : { targetMs }),
    measuredAt: new Date().toISOString(),
  });
}

/** Measures an action: `const ms = await timed('conversations.filter', () => …, 500)`. */
export async function timed(
  name: string,
  action: () => Promise<unknown>,
  targetMs?: number,
): Promise<number> {
  const started = performance.now();
  await action();
  const ms = performance.now() - started;
  recordTiming(name, ms, targetMs);
  return ms;
}

/**
 * Writes e2e/screenshots/timings.json, with what the run's other test files wrote (they are
 * children of the same `node --test`), and prints this file's timings, marking those over target.
 */
export function reportTimings(): void {
  if (measured.size === 0) return;
  const runId = process.ppid;
  const earlier = existsSync(FILE)
    ? (JSON.parse(readFileSync(FILE, 'utf8')) as { runId: number; timings: Record<string, Timing> })
    : undefined;
  const timings = { ...(earlier?.runId === runId ? earlier.timings : {}), ...Object.fromEntries(measured) };
  writeFileSync(FILE, `${JSON.stringify({ runId, timings }, null, 2)}\n`);
  const width = Math.max(...[...measured.keys()].map((k) => k.length));
  const lines = [...measured].map(([name, t]) => {
    const target =
      t.targetMs === undefined ? '' : ` (target ≤ ${t.targetMs} ms${t.ms > t.targetMs ? ', OVER' : ''})`;
    return `  ${name.padEnd(width)} ${String(t.ms).padStart(6)} ms${target}`;
  });
  console.log(`timings (${FILE}):\n${lines.join('\n')}`);
}
