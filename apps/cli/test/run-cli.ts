import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/serviq.mjs', import.meta.url).pathname;

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** Runs the real `serviq` binary in a child process, as a user would. */
export function runCli(
  args: string[],
  options: { stdin?: string | Buffer; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LANG: 'C', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(options.stdin ?? '');
  });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'serviq-test-'));
}

export function jsonl(records: unknown[]): string {
  return `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
}

export function resultsOf(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
