import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from './cli-error.ts';

/** A byte writer that respects back-pressure, to a file or stdout. */
export type OutputSink = { write(bytes: Uint8Array): Promise<void>; close(): Promise<void> };

/** Opens `path` (creating its folder) or stdout; a write failure surfaces as a UsageError naming the file. */
export function createOutputSink(path: string | undefined): OutputSink {
  const isFile = path !== undefined && path !== '-';
  let stream: Writable = process.stdout;
  let failure: Error | undefined;
  if (isFile) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new UsageError(`${path}: cannot create its folder: ${(error as Error).message}`);
    }
    stream = createWriteStream(path);
  }
  stream.on('error', (error) => {
    failure = new UsageError(`${isFile ? path : 'stdout'}: cannot write: ${error.message}`);
  });
  const check = () => {
    // `errored` is set before the 'error' event is emitted.
    if (!failure && stream.errored)
      failure = new UsageError(`${isFile ? path : 'stdout'}: cannot write: ${stream.errored.message}`);
    if (failure) throw failure;
  };
  return {
    async write(bytes) {
      check();
      if (!stream.write(bytes)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off('drain', done);
            stream.off('error', done);
            resolve();
          };
          stream.on('drain', done);
          stream.on('error', done);
        });
      }
      check();
    },
    async close() {
      check();
      if (!isFile) return;
      await new Promise<void>((resolve) =>
        stream.end((error?: Error | null) => {
          if (error) failure ??= new UsageError(`${path}: cannot write: ${error.message}`);
          resolve();
        }),
      );
      check();
    },
  };
}

/**
 * Writes a whole small file (errors, summary), creating its folder; call it once with '' before
 * a long run so an unwritable path fails at the start, not after the work is done.
 */
export function writeOutputFile(path: string, content: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  } catch (error) {
    throw new UsageError(`${path}: cannot write: ${(error as Error).message}`);
  }
}
