// `node --import tsx bench/report-bench.ts [--drop] [--conversations N] [--queries-only]`: report latency on PostgreSQL
// at scale (target: ≤ 300 ms p95 per report query at 10M messages, ~500k conversations). Generates
// 90 days of conversations (≥ 20 messages each on average, message rows included), rule hits and
// tags in the schema serviq_bench_reports of DATABASE_URL, rebuilds the rollups (timed), then runs
// varied reports (one warm-up round, then 5 timed rounds) and prints the latencies as JSON. The
// schema is kept for the next run, which skips generation; --drop removes it at the end.

import type { ReportQuery } from '@serviq/contracts';
import { type Actor, getReport, refreshAllRollups, refreshRollups } from '@serviq/services';
import { createDatabase, type Database, migrate } from '@serviq/storage';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'serviq_bench_reports';
const args = process.argv.slice(2);
const isDrop = args.includes('--drop');
// Reuses the rollups already built: for measuring queries again without the 2-minute rebuild.
const isQueriesOnly = args.includes('--queries-only');
const countAt = args.indexOf('--conversations');
const CONVERSATIONS = countAt >= 0 ? Number(args[countAt + 1]) : 500_000;
const ROUNDS = 5;
const DAY = 86_400_000;
// The data covers the 90 days before END.
const END = Date.parse('2026-01-01T00:00:00Z');

const log = (line: string) => process.stderr.write(`${line}\n`);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await fn();
  return [result, performance.now() - t0];
}

/**
 * 200 agents in 20 teams working 5 days a week in 8-hour shifts; each team mostly serves two of
 * the 10 queues; chat dominates the 5 channels; 0–3 of 30 tags and 0–3 of 30 rules (skewed).
 */
async function generate(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.42)');
    await tx.query(`INSERT INTO teams (id, name)
      SELECT 't' || lpad(i::text, 2, '0'), 'Team ' || i FROM generate_series(1, 20) AS i`);
    await tx.query(`INSERT INTO agents (id, name, team_id)
      SELECT 'a' || lpad(i::text, 3, '0'), 'Agent ' || i, 't' || lpad(((i - 1) / 10 + 1)::text, 2, '0')
      FROM generate_series(1, 200) AS i`);
    await tx.query(
      `INSERT INTO conversations (id, source, external_id, channel, queue, tags, agent_id, agent_ids, team_id,
         started_at, ended_at, message_count, score, max_score, is_passed, is_fatal, first_response_ms,
         is_sla_met, handle_ms, csat, customer_end_emotion, customer_end_polarity, agent_messages, agent_emoji,
         agent_emoji_messages, agent_emoji_while_negative, analysed_at)
       SELECT md5('bench' || g)::uuid, 'bench', 'c' || g, channel, queue, tags,
         CASE WHEN unassigned THEN NULL ELSE 'a' || lpad(agent::text, 3, '0') END,
         CASE WHEN unassigned THEN '{}' ELSE ARRAY['a' || lpad(agent::text, 3, '0')] END,
         CASE WHEN unassigned THEN NULL ELSE 't' || lpad(team::text, 2, '0') END,
         started, started + (messages * interval '40 seconds'), messages,
         score, CASE WHEN score IS NULL THEN NULL ELSE 100 END, score >= 70, fatal, first_response,
         first_response <= 60000, messages * 40000, csat, emotion, polarity,
         messages / 2, emoji, least(emoji, messages / 2), CASE WHEN polarity < -0.2 THEN least(emoji, 1) ELSE 0 END,
         started + interval '1 hour'
       FROM (
         SELECT g, agent, (agent - 1) / 10 + 1 AS team, r_unassigned < 0.02 AS unassigned,
           -- A working day of the agent's week, in its shift (00–08, 04–12 or 08–16 UTC).
           $1::timestamptz - interval '90 days'
             + least(89, 7 * floor(r_week * 13) + (agent + floor(r_day * 5)::int) % 7) * interval '1 day'
             + ((agent % 3) * 4) * interval '1 hour' + r_time * interval '8 hours' AS started,
           CASE WHEN r_channel < 0.5 THEN 'chat' WHEN r_channel < 0.7 THEN 'voice' WHEN r_channel < 0.85 THEN 'email'
             WHEN r_channel < 0.95 THEN 'social' ELSE 'sms' END AS channel,
           'q' || lpad((CASE WHEN r_queue < 0.7 THEN agent / 10 % 10 WHEN r_queue < 0.95 THEN (agent / 10 + 3) % 10
             ELSE floor(r_queue * 1000)::int % 10 END + 1)::text, 2, '0') AS queue,
           ARRAY(SELECT DISTINCT 'tag' || lpad((floor(30 * random() ^ 2) + 1)::int::text, 2, '0')
             FROM generate_series(1, floor(r_tags * 4)::int)) AS tags,
           10 + floor(r_messages * 23)::int AS messages,
           CASE WHEN r_score < 0.85 THEN round(greatest(0, least(100, 50 + 45 * r_score2 + 20 * r_score)))::real END AS score,
           r_fatal < 0.03 AS fatal,
           CASE WHEN r_fr < 0.92 THEN floor(1000 * exp(r_fr2 * 7.5))::bigint END AS first_response,
           CASE WHEN r_csat < 0.3 THEN least(5, 1 + floor(r_csat2 * 5.5))::smallint END AS csat,
           CASE WHEN r_emotion < 0.05 THEN NULL WHEN r_emotion < 0.55 THEN 'neutral' WHEN r_emotion < 0.75 THEN 'joy'
             WHEN r_emotion < 0.85 THEN 'anger' WHEN r_emotion < 0.92 THEN 'sadness' WHEN r_emotion < 0.96 THEN 'surprise'
             WHEN r_emotion < 0.98 THEN 'fear' ELSE 'disgust' END AS emotion,
           CASE WHEN r_emotion >= 0.05 THEN round((r_polarity * 1.6 - 0.6)::numeric, 2)::real END AS polarity,
           floor(r_emoji * r_emoji * 4)::int AS emoji
         FROM (
           SELECT g, 1 + floor(random() * 200)::int AS agent, random() AS r_unassigned, random() AS r_week,
             random() AS r_day, random() AS r_time, random() AS r_channel, random() AS r_queue,
             random() AS r_tags, random() AS r_messages, random() AS r_score, random() AS r_score2,
             random() AS r_fatal, random() AS r_fr, random() AS r_fr2, random() AS r_csat, random() AS r_csat2,
             random() AS r_emotion, random() AS r_polarity, random() AS r_emoji
           FROM generate_series(1, $2::int) AS g
         ) AS r
       ) AS c`,
      [new Date(END).toISOString(), CONVERSATIONS],
    );
    await tx.query(`INSERT INTO rule_hits (conversation_id, rule, name, category, severity, points, agent_id, started_at)
      SELECT c.id, h.rule, h.rule, 'bench', 'minor', -5, c.agent_id, c.started_at
      FROM conversations c
      CROSS JOIN LATERAL (
        SELECT DISTINCT 'rule' || lpad((floor(30 * random() ^ 3) + 1)::int::text, 2, '0') AS rule
        -- 0 * c.message_count ties the subquery to the row, so it runs again for every conversation.
        FROM generate_series(1, floor(random() * 2.6)::int + 0 * c.message_count)
      ) AS h`);
    await tx.query(`UPDATE conversations c SET hit_rules = h.rules
      FROM (SELECT conversation_id, array_agg(rule ORDER BY rule) AS rules FROM rule_hits GROUP BY 1) AS h
      WHERE h.conversation_id = c.id`);
  });
  // Outside the transaction above: 10M rows are best committed in slices.
  for (let slice = 0; slice < 10; slice++) {
    await db.query(
      `INSERT INTO messages (conversation_id, external_id, seq, at, role, author_id, text)
       SELECT c.id, 'm' || s, s, c.started_at + s * interval '40 seconds',
         CASE WHEN s % 2 = 0 THEN 'agent' ELSE 'customer' END,
         CASE WHEN s % 2 = 0 THEN c.agent_id END,
         CASE WHEN s % 2 = 0 THEN '您好，请问还有什么可以帮您？' ELSE '我的订单还没有到，麻烦查一下' END
       FROM conversations c CROSS JOIN LATERAL generate_series(0, c.message_count - 1) AS s
       WHERE get_byte(decode(md5(c.id::text), 'hex'), 0) % 10 = $1`,
      [slice],
    );
    log(`messages: slice ${slice + 1}/10`);
  }
  await db.exec('VACUUM ANALYZE');
}

const admin: Actor = { kind: 'system' };
const supervisor: Actor = {
  kind: 'user',
  userId: 2,
  role: 'supervisor',
  agentId: null,
  teamIds: ['t03', 't07'],
};
const agent: Actor = { kind: 'user', userId: 3, role: 'agent', agentId: 'a042', teamIds: [] };
const days = (n: number) => ({ from: END - n * DAY, to: END });

const QUERIES: { name: string; actor: Actor; query: ReportQuery }[] = [
  { name: 'none 90d', actor: admin, query: days(90) },
  { name: 'none 30d', actor: admin, query: days(30) },
  { name: 'none 7d', actor: admin, query: days(7) },
  { name: 'none 1d', actor: admin, query: days(1) },
  { name: 'agent 90d', actor: admin, query: { ...days(90), groupBy: 'agent' } },
  { name: 'agent 90d channel=chat', actor: admin, query: { ...days(90), groupBy: 'agent', channel: 'chat' } },
  { name: 'agent 30d team=t05', actor: admin, query: { ...days(30), groupBy: 'agent', team: 't05' } },
  { name: 'team 90d', actor: admin, query: { ...days(90), groupBy: 'team' } },
  {
    name: 'team 90d unaligned',
    actor: admin,
    query: { from: END - 90 * DAY + 13 * 3_600_000 + 1234, to: END - 5 * 3_600_000, groupBy: 'team' },
  },
  { name: 'channel 90d', actor: admin, query: { ...days(90), groupBy: 'channel' } },
  { name: 'queue 90d', actor: admin, query: { ...days(90), groupBy: 'queue' } },
  {
    name: 'queue 90d channel=chat team=t02',
    actor: admin,
    query: { ...days(90), groupBy: 'queue', channel: 'chat', team: 't02' },
  },
  { name: 'tag 90d', actor: admin, query: { ...days(90), groupBy: 'tag' } },
  { name: 'tag 30d team=t11', actor: admin, query: { ...days(30), groupBy: 'tag', team: 't11' } },
  { name: 'day 90d UTC', actor: admin, query: { ...days(90), groupBy: 'day' } },
  {
    name: 'day 30d Asia/Shanghai',
    actor: admin,
    query: { ...days(30), groupBy: 'day', timeZone: 'Asia/Shanghai' },
  },
  {
    name: 'day 30d Asia/Shanghai channel=voice',
    actor: admin,
    query: { ...days(30), groupBy: 'day', timeZone: 'Asia/Shanghai', channel: 'voice' },
  },
  {
    name: 'week 90d America/New_York',
    actor: admin,
    query: { ...days(90), groupBy: 'week', timeZone: 'America/New_York' },
  },
  {
    name: 'month 90d Europe/Berlin',
    actor: admin,
    query: { ...days(90), groupBy: 'month', timeZone: 'Europe/Berlin' },
  },
  { name: 'none 90d agent=a042', actor: admin, query: { ...days(90), agent: 'a042' } },
  { name: 'supervisor agent 30d', actor: supervisor, query: { ...days(30), groupBy: 'agent' } },
  {
    name: 'supervisor day 90d Asia/Shanghai',
    actor: supervisor,
    query: { ...days(90), groupBy: 'day', timeZone: 'Asia/Shanghai' },
  },
  {
    name: 'agent-user week 90d',
    actor: agent,
    query: { ...days(90), groupBy: 'week', timeZone: 'Asia/Shanghai' },
  },
  { name: 'agent-user tag 90d', actor: agent, query: { ...days(90), groupBy: 'tag' } },
];

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
const ms = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const db = await createDatabase({ driver: 'postgres', url: URL, schema: SCHEMA, maxConnections: 4 });
  const ctx = { db, now: () => Date.now() };
  await migrate(db);
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
  let generateMs: number | null = null;
  if ((rows[0]?.n ?? 0) === 0) {
    log(`generating ${CONVERSATIONS} conversations in ${SCHEMA}…`);
    [, generateMs] = await timed(() => generate(db));
  } else log(`${SCHEMA} holds ${rows[0]?.n} conversations: generation skipped`);

  let refreshMs: number | null = null;
  const { rows: rollups } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_rollups');
  if (!isQueriesOnly || rollups[0]?.n === 0) {
    log('refreshAllRollups…');
    [, refreshMs] = await timed(() => refreshAllRollups(ctx));
  }
  // As autovacuum would in its own time: reclaims rows deleted by rebuilds (this run's or the last
  // run's timed refreshes) and marks pages all-visible for index-only scans.
  await db.exec('VACUUM ANALYZE report_rollups, report_hit_rollups');

  const { rows: sizes } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM conversations)::float8 AS conversations,
       (SELECT sum(message_count) FROM conversations)::float8 AS message_count_sum,
       (SELECT reltuples FROM pg_class WHERE oid = 'messages'::regclass)::float8 AS message_rows_estimate,
       (SELECT count(*) FROM rule_hits)::float8 AS rule_hits,
       (SELECT count(*) FROM report_rollups)::float8 AS rollup_rows,
       (SELECT count(*) FROM report_hit_rollups)::float8 AS hit_rollup_rows,
       round(pg_total_relation_size('report_rollups') / 1048576.0)::float8 AS rollups_mb,
       round(pg_total_relation_size('report_hit_rollups') / 1048576.0)::float8 AS hit_rollups_mb,
       round(pg_total_relation_size('conversations') / 1048576.0)::float8 AS conversations_mb,
       round(pg_total_relation_size('messages') / 1048576.0)::float8 AS messages_mb`,
  );

  for (const { actor, query } of QUERIES) await getReport(ctx, actor, query);
  const all: number[] = [];
  const perQuery = [];
  for (const { name, actor, query } of QUERIES) {
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [report, t] = await timed(() => getReport(ctx, actor, query));
      if (report.rows.length === 0) throw new Error(`${name}: no rows`);
      times.push(t);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    perQuery.push({ name, p50Ms: ms(percentile(times, 0.5)), p95Ms: ms(percentile(times, 0.95)) });
  }
  all.sort((a, b) => a - b);

  // What an import pays: the rollups of one hour, and of a whole day's hours. After the queries,
  // which read the rollups as vacuumed (as autovacuum keeps them), not with these rows just rewritten.
  const [, refreshHourMs] = await timed(() => refreshRollups(ctx, [END - 10 * DAY + 3_600_000]));
  const dayHours = Array.from({ length: 24 }, (_, h) => END - 10 * DAY + h * 3_600_000);
  const [, refreshDayMs] = await timed(() => refreshRollups(ctx, dayHours));
  const result = {
    data: sizes[0],
    generateMs: generateMs === null ? null : Math.round(generateMs),
    refreshAllRollupsMs: refreshMs === null ? null : Math.round(refreshMs),
    refreshOneHourMs: Math.round(refreshHourMs),
    refreshOneDayOfHoursMs: Math.round(refreshDayMs),
    queries: QUERIES.length,
    rounds: ROUNDS,
    p50Ms: ms(percentile(all, 0.5)),
    p95Ms: ms(percentile(all, 0.95)),
    maxMs: ms(all.at(-1) ?? Number.NaN),
    perQuery,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  await db.close();
  if (isDrop) {
    const admin = await createDatabase({ driver: 'postgres', url: URL });
    await admin.exec(`DROP SCHEMA ${SCHEMA} CASCADE`);
    await admin.close();
  }
}

await main();
