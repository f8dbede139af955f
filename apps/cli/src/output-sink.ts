import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** A byte writer that respects back-pressure, to a file or stdout. */
export type OutputSink = { write(bytes: Uint8Array): Promise<void>; close(): Promise<void> };

export function createOutputSink(path: string | undefined): OutputSink {
  const stream: Writable = path && path !== '-' ? createWriteStream(path) : process.stdout;
  const isOwned = stream !== process.stdout;
  return {
    async write(bytes) {
      if (!stream.write(bytes)) await new Promise<void>((resolve) => stream.once('drain', resolve));
    },
    async close() {
      if (isOwned)
        await new Promise<void>((resolve, reject) =>
          stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
    },
  };
}
