import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { cp, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Data of the suite's servers (git-ignored): the seeded template and each run's copy of it. */
const DATA_ROOT = join(ROOT, 'e2e/.data');
/** Screenshots, timings and the server's log (git-ignored). */
export const ARTIFACTS = join(ROOT, 'e2e/screenshots');

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' } as const;
/** The target data: the overview must load in 2 s over this many conversations. */
export const DEMO_CONVERSATIONS = 10_000;

/** Everything the demo data depends on: a template seeded from other sources is never reused. */
const SEED_INPUTS = [
  'packages/core',
  'packages/contracts',
  'packages/storage',
  'packages/services',
  'apps/server',
  'apps/cli',
  'package-lock.json',
];

export type Product = {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  /** Milliseconds to seed the template (0 when a cached one was copied) and to boot the server. */
  seedMs: number;
  bootMs: number;
  stop(): Promise<void>;
};

type Server = { url: string; stop(): Promise<void> };

/**
 * Builds the dashboard when stale, then starts `serviq serve --demo` on a free port over a fresh
 * copy of a database seeded with the demo conversations. The template is seeded once and reused
 * while the same day (the demo ends yesterday) and the same sources would seed the same data;
 * E2E_FRESH=1 seeds anew. SERVIQ_WEB_DIR serves a dashboard built elsewhere instead of building.
 */
export async function startProduct(): Promise<Product> {
  mkdirSync(DATA_ROOT, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  reapOrphans();
  const webDir = process.env.SERVIQ_WEB_DIR || buildDashboard();
  if (!existsSync(join(webDir, 'index.html'))) throw new Error(`no dashboard in ${webDir}`);
  const log = join(ARTIFACTS, 'server.log');
  await writeFile(log, '');

  const seedStarted = Date.now();
  const template = await seededTemplate(webDir, log);
  const seedMs = template.isNew ? Date.now() - seedStarted : 0;

  const runDir = join(DATA_ROOT, `run-${process.pid}`);
  await rm(runDir, { recursive: true, force: true });
  await cp(template.dir, runDir, { recursive: true });
  const bootStarted = Date.now();
  const server = await boot(runDir, webDir, log);
  const bootMs = Date.now() - bootStarted;
  return {
    url: server.url,
    seedMs,
    bootMs,
    async stop() {
      await server.stop();
      await rm(runDir, { recursive: true, force: true });
    },
  };
}

function buildDashboard(): string {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the dashboard failed');
  return join(ROOT, 'apps/web/dist');
}

function seedKey(): string {
  const hash = createHash('sha256');
  hash.update(`${Math.floor(Date.now() / 86_400_000)} ${DEMO_CONVERSATIONS}\n`);
  const visit = (path: string) => {
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (!['node_modules', 'test', 'dist'].includes(name)) visit(join(path, name));
      }
    } else hash.update(`${relative(ROOT, path)} ${info.size} ${info.mtimeMs}\n`);
  };
  for (const input of SEED_INPUTS) if (existsSync(join(ROOT, input))) visit(join(ROOT, input));
  return hash.digest('hex').slice(0, 16);
}

async function seededTemplate(webDir: string, log: string): Promise<{ dir: string; isNew: boolean }> {
  const dir = join(DATA_ROOT, `template-${seedKey()}`);
  if (process.env.E2E_FRESH === '1') await rm(dir, { recursive: true, force: true });
  if (existsSync(dir)) return { dir, isNew: false };

  const seedDir = join(DATA_ROOT, `seed-${process.pid}`);
  await rm(seedDir, { recursive: true, force: true });
  const server = await boot(seedDir, webDir, log, 10 * 60_000);
  try {
    await waitForIdleJobs(server.url);
  } finally {
    await server.stop();
  }
  try {
    await rename(seedDir, dir);
  } catch (error) {
    // Another run seeded the same template meanwhile: theirs is as good.
    if (!existsSync(dir)) throw error;
    await rm(seedDir, { recursive: true, force: true });
  }
  for (const name of readdirSync(DATA_ROOT)) {
    if (name.startsWith('template-') && join(DATA_ROOT, name) !== dir)
      rmSync(join(DATA_ROOT, name), { recursive: true, force: true });
  }
  return { dir, isNew: true };
}

/** The re-scores and rollups queued by the demo import finish before the template is kept. */
async function waitForIdleJobs(url: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const busy = await Promise.all(
      ['queued', 'running'].map(async (status) => {
        const answer = await fetch(`${url}/api/v1/jobs?status=${status}&limit=1`, { headers: { cookie } });
        if (!answer.ok) throw new Error(`GET /jobs answered ${answer.status}`);
        return ((await answer.json()) as unknown[]).length;
      }),
    );
    if (busy.every((n) => n === 0)) return;
    await sleep(250);
  }
  throw new Error('the demo jobs did not finish in 2 minutes');
}

/** The environment of the server: embedded database, the suite's admin, nothing from the caller's setup. */
function serverEnv(webDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(SERVIQ_|DATABASE_URL$|PORT$|HOST$)/.test(name)) env[name] = value;
  }
  return {
    ...env,
    SERVIQ_ADMIN_EMAIL: ADMIN.email,
    SERVIQ_ADMIN_PASSWORD: ADMIN.password,
    SERVIQ_DEMO_CONVERSATIONS: String(DEMO_CONVERSATIONS),
    SERVIQ_WEB_DIR: webDir,
    SERVIQ_LOG_LEVEL: 'warn',
  };
}

/**
 * Starts the server in a process group of its own on a free port and resolves once /health
 * answers. Its group is killed when this process exits or is interrupted, whatever the tests did.
 */
async function boot(dataDir: string, webDir: string, log: string, timeoutMs = 60_000): Promise<Server> {
  mkdirSync(dataDir, { recursive: true });
  const cli = join(ROOT, 'apps/cli/bin/serviq.mjs');
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--demo', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
    { cwd: ROOT, env: serverEnv(webDir), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('cannot start the server');
  await writeFile(join(dataDir, 'owner.json'), JSON.stringify({ suitePid: process.pid, serverPid: pid }));

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  const onExit = () => killGroup('SIGKILL');
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const output = createWriteStream(log, { flags: 'a' });
  child.stderr?.pipe(output);
  const announced = new Promise<string>((resolve) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      output.write(`${line}\n`);
      const match = /Serviq is running at (http:\/\/\S+?) \(/.exec(line);
      if (match?.[1]) resolve(match[1].replace('://localhost', '://127.0.0.1'));
    });
  });

  let isStopped = false;
  const stop = async () => {
    if (isStopped) return;
    isStopped = true;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    // The group may hold more than the server: nothing of it outlives the suite.
    killGroup('SIGKILL');
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    output.end();
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await Promise.race([
      announced,
      exited.then((code) => {
        throw new Error(`the server exited (${code}) before it was ready: ${tail(log)}`);
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the server was not ready in ${timeoutMs / 1000} s: ${tail(log)}`)),
          timeoutMs,
        );
      }),
    ]);
    await waitForHealth(url);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function waitForHealth(url: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const answer = await fetch(`${url}/api/v1/health`).catch(() => undefined);
    if (answer?.ok) return;
    await sleep(100);
  }
  throw new Error(`${url}/api/v1/health did not answer`);
}

/** Servers and copies left by a suite that was killed outright (SIGKILL leaves no time to clean up). */
function reapOrphans() {
  for (const name of readdirSync(DATA_ROOT)) {
    if (!/^(run|seed)-\d+$/.test(name)) continue;
    const dir = join(DATA_ROOT, name);
    let owner: { suitePid?: number; serverPid?: number } = {};
    try {
      owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8'));
    } catch {
      // A copy that never started a server.
    }
    if (owner.suitePid !== undefined && isAlive(owner.suitePid)) continue;
    const serverPid = owner.serverPid;
    if (serverPid !== undefined && isAlive(serverPid) && commandLine(serverPid).includes(dir)) {
      try {
        process.kill(-serverPid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function tail(log: string): string {
  return readFileSync(log, 'utf8').split('\n').slice(-15).join('\n');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
