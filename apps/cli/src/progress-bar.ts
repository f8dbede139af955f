/** A one-line progress bar on stderr, only when stderr is a terminal. */
export type ProgressBar = { update(doneBytes: number): void; done(): void };

export function createProgressBar(totalBytes: number, isEnabled: boolean): ProgressBar {
  if (!isEnabled || totalBytes <= 0) return { update() {}, done() {} };
  const started = performance.now();
  let last = 0;
  let isShown = false;
  return {
    update(doneBytes) {
      const now = performance.now();
      if (now - last < 150) return;
      last = now;
      const share = Math.min(1, doneBytes / totalBytes);
      const width = 28;
      const filled = Math.round(share * width);
      const mbPerSec = doneBytes / 1e6 / Math.max(0.001, (now - started) / 1000);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(1)}%  ${mbPerSec.toFixed(1)} MB/s `,
      );
      isShown = true;
    },
    done() {
      if (isShown) process.stderr.write('\r\x1b[K');
    },
  };
}
