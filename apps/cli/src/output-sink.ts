import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** Buffered line writer that respects back-pressure, to a file or stdout. */
export type OutputSink = { write(line: string): Promise<void>; close(): Promise<void> };

const FLUSH_AT = 1 << 20;

export function createOutputSink(path: string | undefined): OutputSink {
  const stream: Writable = path && path !== '-' ? createWriteStream(path) : process.stdout;
  const isOwned = stream !== process.stdout;
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const chunk = `${parts.join('\n')}\n`;
    parts = [];
    size = 0;
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  return {
    async write(line) {
      parts.push(line);
      size += line.length;
      if (size >= FLUSH_AT) await flush();
    },
    async close() {
      await flush();
      if (isOwned)
        await new Promise<void>((resolve, reject) =>
          stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
    },
  };
}
