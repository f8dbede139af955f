// Live ingestion: 500 messages/s for 60 s into a running `serviq serve`, with realtime rules on;
// the end-to-end alert latency (message sent → alert received on the SSE stream), the HTTP
// latency of every message, and a check that no message was lost or stored twice.
// `node --import tsx bench/live-bench.ts [pglite|postgres] [rate] [seconds]`
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const driver = process.argv[2] ?? 'pglite';
const RATE = Number(process.argv[3] ?? 500);
const SECONDS = Number(process.argv[4] ?? 60);
const MESSAGES_PER_CONVERSATION = 20;
// One conversation in ten has an agent snap at the customer: an alert from the realtime rules.
const ALERT_EVERY = 10;
const ADMIN = { email: 'bench@example.com', password: 'bench-password-1' };

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const base = `http://127.0.0.1:${port}`;
const schema = `serviq_bench_live_${process.pid}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3D${schema}`;

async function startServer(): Promise<ChildProcess> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    SERVIQ_ADMIN_EMAIL: ADMIN.email,
    SERVIQ_ADMIN_PASSWORD: ADMIN.password,
    SERVIQ_LOG_LEVEL: 'warn',
    PORT: String(port),
  };
  if (driver === 'postgres') {
    const { createDatabase } = await import('@serviq/storage');
    const admin = await createDatabase({
      driver: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
    });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.close();
    env.DATABASE_URL = databaseUrl;
  } else env.SERVIQ_DATA_DIR = mkdtempSync(join(tmpdir(), 'serviq-live-'));
  const child = spawn(process.execPath, [`${root}apps/cli/bin/serviq.mjs`, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Serviq is running at')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return child;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const round = (x: number) => Math.round(x * 10) / 10;

const server = await startServer();
try {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const tokenRes = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench', scopes: ['ingest', 'read'] }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };

  // Alerts as the admin sees them; the receive time of each, by conversation.
  const alertAt = new Map<string, number>();
  const stream = await fetch(`${base}/api/v1/alerts/stream`, { headers: { cookie } });
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let isReading = true;
  const readingDone = (async () => {
    while (isReading) {
      const { value, done } = await reader.read();
      if (done) break;
      const now = performance.now();
      pending += decoder.decode(value, { stream: true });
      for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
        const data = pending
          .slice(0, end)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        pending = pending.slice(end + 2);
        if (data) {
          const alert = JSON.parse(data.slice(6)) as { conversationId: string; rule: string };
          if (!alertAt.has(alert.conversationId)) alertAt.set(alert.conversationId, now);
        }
      }
    }
  })();

  const sentTrigger = new Map<string, number>();
  const httpMs: number[] = [];
  const failures: string[] = [];
  let sent = 0;
  let duplicatesAnswered = 0;
  let conversationSeq = 0;
  const startedAt = Date.UTC(2026, 10, 1, 9);
  const textOf = (c: number, i: number) =>
    i % 2 === 0
      ? ['我的订单怎么还没到？', '请问退款什么时候到账', '东西坏了，怎么办', 'Where is my parcel?'][
          (c + i) % 4
        ]
      : c % ALERT_EVERY === 0 && i === 7
        ? '急什么，等着吧'
        : [
            '您好，我帮您查一下',
            '非常抱歉让您久等了',
            '已经为您加急处理',
            'Sorry for the wait, checking now',
          ][(c + i) % 4];

  async function post(conv: { id: string; next: number }, index: number, isRepeat = false): Promise<void> {
    const c = Number(conv.id.slice(5));
    const role = index % 2 === 0 ? 'customer' : 'agent';
    const body = {
      source: 'bench',
      conversation: { channel: 'chat', agents: [{ id: `agent-${c % 40}`, team: `team-${c % 5}` }] },
      message: {
        id: `m${index}`,
        at: new Date(startedAt + c * 60_000 + index * 20_000).toISOString(),
        role,
        text: textOf(c, index),
        ...(role === 'agent' ? { authorId: `agent-${c % 40}` } : {}),
      },
    };
    const t0 = performance.now();
    if (!isRepeat && c % ALERT_EVERY === 0 && index === 7) sentTrigger.set(conv.id, t0);
    const res = await fetch(`${base}/api/v1/conversations/${conv.id}/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { isDuplicate?: boolean; conversationId?: string };
    httpMs.push(performance.now() - t0);
    if (res.status >= 300 && !(isRepeat && res.status === 200))
      failures.push(`${res.status} ${JSON.stringify(answer)}`);
    if (isRepeat && answer.isDuplicate) duplicatesAnswered++;
    if (!isRepeat && c % ALERT_EVERY === 0 && index === 7 && answer.conversationId) {
      sentTrigger.delete(conv.id);
      sentTrigger.set(answer.conversationId, t0);
    }
  }

  // A helpdesk's worth of conversations open at once, each sending its next message when the
  // previous one was answered (as a helpdesk does); a finished conversation is replaced by a new
  // one. Messages are paced to RATE; when every open conversation is waiting on the server, the
  // message is late and the achieved rate shows it.
  const inFlight = new Set<Promise<void>>();
  const OPEN = 400;
  const open: { id: string; next: number; isBusy: boolean }[] = Array.from({ length: OPEN }, () => ({
    id: `live-${conversationSeq++}`,
    next: 0,
    isBusy: false,
  }));
  const tickMs = 10;
  let credit = 0;
  let repeats = 0;
  let cursor = 0;
  const began = performance.now();
  let lastTick = began;
  while (performance.now() - began < SECONDS * 1000) {
    // Paced by the clock, not by ticks: timers fire late under load.
    const now = performance.now();
    credit = Math.min(credit + ((now - lastTick) * RATE) / 1000, RATE);
    lastTick = now;
    for (let scanned = 0; credit >= 1 && scanned < OPEN; scanned++) {
      const slot = cursor++ % OPEN;
      let conv = open[slot] as { id: string; next: number; isBusy: boolean };
      if (conv.isBusy) continue;
      if (conv.next >= MESSAGES_PER_CONVERSATION) {
        conv = { id: `live-${conversationSeq++}`, next: 0, isBusy: false };
        open[slot] = conv;
      }
      credit--;
      const target = conv;
      const index = target.next++;
      target.isBusy = true;
      sent++;
      const p = post(target, index)
        .catch((e: Error) => {
          failures.push(e.message);
        })
        .finally(() => {
          target.isBusy = false;
          inFlight.delete(p);
        });
      inFlight.add(p);
      // One message in a hundred is sent again, as a helpdesk retrying a timed-out webhook does.
      if (sent % 100 === 0) {
        repeats++;
        const q = p.then(() => post(target, index, true)).finally(() => inFlight.delete(q));
        inFlight.add(q);
      }
    }
    await new Promise((r) => setTimeout(r, tickMs));
  }
  const sendSeconds = (performance.now() - began) / 1000;
  await Promise.all([...inFlight]);
  await new Promise((r) => setTimeout(r, 1500));
  isReading = false;
  await reader.cancel().catch(() => undefined);
  await readingDone.catch(() => undefined);

  const latencies: number[] = [];
  let missingAlerts = 0;
  for (const [conversationId, t0] of sentTrigger) {
    const at = alertAt.get(conversationId);
    if (at === undefined) missingAlerts++;
    else latencies.push(at - t0);
  }
  latencies.sort((a, b) => a - b);
  httpMs.sort((a, b) => a - b);
  // Every message stored exactly once: the stored counts, page by page.
  let stored = 0;
  let listed = 0;
  for (let offset = 0; ; offset += 1000) {
    const page = (await (
      await fetch(`${base}/api/v1/conversations?source=bench&limit=1000&offset=${offset}`, { headers: auth })
    ).json()) as { items: { messageCount: number }[] };
    for (const c of page.items) stored += c.messageCount;
    listed += page.items.length;
    if (page.items.length < 1000) break;
  }
  const result = {
    driver,
    targetRate: RATE,
    seconds: round(sendSeconds),
    sent,
    achievedRate: Math.round(sent / sendSeconds),
    conversations: listed,
    storedMessages: stored,
    lost: sent - stored,
    repeatsSent: repeats,
    repeatsAnsweredAsDuplicate: duplicatesAnswered,
    failures: failures.length,
    firstFailures: failures.slice(0, 3),
    alerts: { expected: sentTrigger.size, received: latencies.length, missing: missingAlerts },
    alertLatencyMs: {
      p50: round(quantile(latencies, 0.5)),
      p99: round(quantile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? NaN),
    },
    httpLatencyMs: { p50: round(quantile(httpMs, 0.5)), p99: round(quantile(httpMs, 0.99)) },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  if (driver === 'postgres') {
    const { createDatabase } = await import('@serviq/storage');
    const admin = await createDatabase({
      driver: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
    });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS pgboss CASCADE`);
    await admin.close();
  }
}
