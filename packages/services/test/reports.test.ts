import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ReportQuery, ReportRow } from '@serviq/contracts';
import {
  type Actor,
  getReport,
  hourOf,
  isAppError,
  refreshAllRollups,
  refreshRollups,
} from '@serviq/services';
import type { Database } from '@serviq/storage';
import { openTestDatabase, TEST_DRIVERS } from '@serviq/storage/testing';

const ADMIN: Actor = { kind: 'user', userId: 1, role: 'admin', agentId: null, teamIds: [] };
const supervisorOf = (...teamIds: string[]): Actor => ({
  kind: 'user',
  userId: 2,
  role: 'supervisor',
  agentId: null,
  teamIds,
});
const agentUser = (agentId: string | null): Actor => ({
  kind: 'user',
  userId: 3,
  role: 'agent',
  agentId,
  teamIds: [],
});

type Conversation = {
  n: number;
  startedAt: string;
  agent?: string | null;
  team?: string | null;
  channel?: string;
  queue?: string | null;
  tags?: string[];
  messages?: number;
  score?: number | null;
  maxScore?: number;
  isPassed?: boolean | null;
  isFatal?: boolean;
  firstResponseMs?: number | null;
  isSlaMet?: boolean | null;
  csat?: number | null;
  endEmotion?: string | null;
  endPolarity?: number | null;
  agentMessages?: number;
  agentEmoji?: number;
  agentEmojiMessages?: number;
  agentEmojiWhileNegative?: number;
  hits?: string[];
};

/** Per agent, straight from conversations: what the rollup-based report must agree with. */
type Expected = { key: string } & Record<
  | 'conversations'
  | 'messages'
  | 'scored'
  | 'score_sum'
  | 'passed'
  | 'fatal'
  | 'first_responses'
  | 'sla_judged'
  | 'sla_met'
  | 'csat_count'
  | 'csat_sum'
  | 'satisfied'
  | 'ended'
  | 'negative'
  | 'joy'
  | 'anger'
  | 'agent_messages'
  | 'agent_emoji'
  | 'with_emoji'
  | 'while_negative'
  | 'top_decile',
  number
>;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Stores a conversation with the analysis columns reports read, and its rule hits. */
async function insertConversation(db: Database, c: Conversation): Promise<void> {
  const started = Date.parse(c.startedAt);
  await db.query(
    `INSERT INTO conversations (id, source, external_id, channel, queue, tags, agent_id, team_id, started_at,
       ended_at, message_count, score, max_score, is_passed, is_fatal, first_response_ms, is_sla_met, csat,
       customer_end_emotion, customer_end_polarity, agent_messages, agent_emoji, agent_emoji_messages,
       agent_emoji_while_negative)
     VALUES ($1, 'test', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
       $21, $22, $23)`,
    [
      uuid(c.n),
      `c${c.n}`,
      c.channel ?? 'chat',
      c.queue ?? null,
      c.tags ?? [],
      c.agent ?? null,
      c.team ?? null,
      new Date(started).toISOString(),
      new Date(started + 600_000).toISOString(),
      c.messages ?? 0,
      c.score ?? null,
      c.score === undefined || c.score === null ? null : (c.maxScore ?? 100),
      c.isPassed ?? null,
      c.isFatal ?? false,
      c.firstResponseMs ?? null,
      c.isSlaMet ?? null,
      c.csat ?? null,
      c.endEmotion ?? null,
      c.endPolarity ?? null,
      c.agentMessages ?? 0,
      c.agentEmoji ?? 0,
      c.agentEmojiMessages ?? 0,
      c.agentEmojiWhileNegative ?? 0,
    ],
  );
  for (const rule of c.hits ?? [])
    await db.query(
      `INSERT INTO rule_hits (conversation_id, rule, name, category, severity, points, agent_id, started_at)
       VALUES ($1, $2, $2, 'c', 'minor', -5, $3, $4)`,
      [uuid(c.n), rule, c.agent ?? null, new Date(started).toISOString()],
    );
}

// 2026-03-02 is a Monday. c4 starts at 23:30 UTC: 07:30 on 3 March in Asia/Shanghai.
const DATA: Conversation[] = [
  {
    n: 1,
    startedAt: '2026-03-02T09:10:00Z',
    agent: 'a1',
    team: 't1',
    channel: 'chat',
    queue: 'billing',
    tags: ['refund', 'vip'],
    messages: 10,
    score: 90,
    isPassed: true,
    firstResponseMs: 30_000,
    isSlaMet: true,
    csat: 5,
    endEmotion: 'joy',
    endPolarity: 0.6,
    agentMessages: 4,
    agentEmoji: 2,
    agentEmojiMessages: 1,
    hits: ['greeting-missing'],
  },
  {
    n: 2,
    startedAt: '2026-03-02T09:50:00Z',
    agent: 'a1',
    team: 't1',
    channel: 'email',
    queue: 'billing',
    tags: ['refund'],
    messages: 6,
    score: 55,
    isPassed: false,
    isFatal: true,
    firstResponseMs: 600_000,
    isSlaMet: false,
    csat: 2,
    endEmotion: 'anger',
    endPolarity: -0.5,
    agentMessages: 3,
    hits: ['greeting-missing', 'rude'],
  },
  {
    n: 3,
    startedAt: '2026-03-02T10:05:00Z',
    agent: 'a2',
    team: 't1',
    channel: 'chat',
    messages: 4,
    endEmotion: 'neutral',
    endPolarity: 0,
    agentMessages: 2,
    agentEmoji: 1,
    agentEmojiMessages: 1,
    agentEmojiWhileNegative: 1,
    hits: ['hold-too-long'],
  },
  {
    n: 4,
    startedAt: '2026-03-02T23:30:00Z',
    agent: 'a3',
    team: 't2',
    channel: 'voice',
    queue: 'tech',
    tags: ['vip'],
    messages: 8,
    score: 75,
    isPassed: true,
    firstResponseMs: 5_000,
    isSlaMet: true,
    csat: 4,
    endEmotion: 'sadness',
    // Exactly the threshold: negative.
    endPolarity: -0.2,
    agentMessages: 4,
    hits: ['rude'],
  },
  { n: 5, startedAt: '2026-03-03T01:00:00Z', channel: 'chat', queue: 'billing', messages: 2 },
];

const WHOLE: ReportQuery = { from: '2026-03-02T00:00:00Z', to: '2026-03-04T00:00:00Z' };

/** The estimate of a quantile that falls `f` of the way into log-spaced first-response bucket `k`. */
const inBucket = (k: number, f: number) => Math.round(86_400 ** ((k - 1 + f) / 38) * 10) / 10;

const volumes = (rows: ReportRow[]) => rows.map((r) => [r.key, r.volume.conversations]);

async function expectInvalid(promise: Promise<unknown>, field: string): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.ok(isAppError(error), String(error));
    assert.equal(error.code, 'invalid');
    assert.equal(error.field, field);
    return true;
  });
}

async function seeded(driver: (typeof TEST_DRIVERS)[number]): Promise<Database> {
  const db = await openTestDatabase(driver);
  for (const c of DATA) await insertConversation(db, c);
  await refreshRollups(
    { db, now: () => 0 },
    DATA.map((c) => Date.parse(c.startedAt)),
  );
  return db;
}

for (const driver of TEST_DRIVERS) {
  describe(`reports on ${driver.name}`, () => {
    let db: Database;
    const report = (query: ReportQuery, actor: Actor = ADMIN) =>
      getReport({ db, now: () => 0 }, actor, query);
    before(async () => {
      db = await seeded(driver);
    });

    it('sums every figure of the whole range', async () => {
      const r = await report(WHOLE);
      assert.equal(r.from, '2026-03-02T00:00:00.000Z');
      assert.equal(r.to, '2026-03-04T00:00:00.000Z');
      assert.equal(r.groupBy, 'none');
      assert.equal(r.timeZone, 'UTC');
      // First responses of 5 s, 30 s and 600 s fall in buckets 6, 12 and 22: the median (rank 1.5 of 3)
      // lies half-way into bucket 12, p90 (rank 2.7) 70 % into bucket 22.
      assert.deepEqual(r.rows, [
        {
          key: null,
          volume: { conversations: 5, messages: 30 },
          firstResponse: { p50Sec: inBucket(12, 0.5), p90Sec: inBucket(22, 0.7), count: 3 },
          slaMetRate: 0.667,
          csat: { avg: 3.67, satisfiedRate: 0.667, count: 3 },
          avgScore: 73.3,
          passRate: 0.667,
          scored: 3,
          fatal: 1,
          scoreDistribution: [0, 0, 0, 0, 0, 1, 0, 1, 0, 1],
          emotionMix: { anger: 1, disgust: 0, fear: 0, joy: 1, sadness: 1, surprise: 0, neutral: 1 },
          negativeEndRate: 0.5,
          emoji: { perAgentMessage: 0.231, messagesWithEmojiRate: 0.154, whileNegative: 1 },
          topHits: [
            { rule: 'greeting-missing', count: 2 },
            { rule: 'rude', count: 2 },
            { rule: 'hold-too-long', count: 1 },
          ],
        },
      ]);
      assert.equal(inBucket(12, 0.5), 31.2);
    });

    it('widens the range to whole hours and joins day rows with the hours at either end', async () => {
      // 09:30 → 09:00 (c1 counts), 00:30 → 01:00 (c5 at 01:00 does not).
      const partial = await report({ from: '2026-03-02T09:30:00Z', to: '2026-03-03T00:30:00Z' });
      assert.equal(partial.from, '2026-03-02T09:00:00.000Z');
      assert.equal(partial.to, '2026-03-03T01:00:00.000Z');
      assert.equal(partial.rows[0]?.volume.conversations, 4);
      // Hours of 1 March, the day of 2 March, hours of 3 March.
      const spanning = await report({ from: Date.parse('2026-03-01T22:00:00Z'), to: '1772503200000' });
      assert.equal(spanning.to, '2026-03-03T02:00:00.000Z');
      assert.deepEqual(spanning.rows[0]?.volume, { conversations: 5, messages: 30 });
      const empty = await report({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00+08:00' });
      assert.equal(empty.rows.length, 1);
      assert.equal(empty.rows[0]?.volume.conversations, 0);
      assert.equal(empty.rows[0]?.avgScore, null);
      assert.equal(empty.rows[0]?.firstResponse.p50Sec, null);
      assert.deepEqual(empty.rows[0]?.topHits, []);
    });

    it('groups by agent, team, channel, queue and tag, biggest first and the unassigned last', async () => {
      const byAgent = await report({ ...WHOLE, groupBy: 'agent' });
      assert.deepEqual(volumes(byAgent.rows), [
        ['a1', 2],
        ['a2', 1],
        ['a3', 1],
        [null, 1],
      ]);
      const a1 = byAgent.rows[0];
      assert.equal(a1?.volume.messages, 16);
      assert.equal(a1?.avgScore, 72.5);
      assert.equal(a1?.passRate, 0.5);
      assert.equal(a1?.negativeEndRate, 0.5);
      assert.deepEqual(a1?.topHits, [
        { rule: 'greeting-missing', count: 2 },
        { rule: 'rude', count: 1 },
      ]);
      assert.deepEqual(byAgent.rows[3]?.topHits, []);

      assert.deepEqual(volumes((await report({ ...WHOLE, groupBy: 'team' })).rows), [
        ['t1', 3],
        ['t2', 1],
        [null, 1],
      ]);
      assert.deepEqual(volumes((await report({ ...WHOLE, groupBy: 'channel' })).rows), [
        ['chat', 3],
        ['email', 1],
        ['voice', 1],
      ]);
      assert.deepEqual(volumes((await report({ ...WHOLE, groupBy: 'queue' })).rows), [
        ['billing', 3],
        ['tech', 1],
        [null, 1],
      ]);
      const byTag = await report({ ...WHOLE, groupBy: 'tag' });
      assert.deepEqual(volumes(byTag.rows), [
        ['refund', 2],
        ['vip', 2],
      ]);
      assert.deepEqual(byTag.rows[1]?.topHits, [
        { rule: 'greeting-missing', count: 1 },
        { rule: 'rude', count: 1 },
      ]);
      assert.equal(byTag.rows[1]?.avgScore, 82.5);
    });

    it('buckets days, weeks and months in the time zone asked for', async () => {
      assert.deepEqual(volumes((await report({ ...WHOLE, groupBy: 'day' })).rows), [
        ['2026-03-02', 4],
        ['2026-03-03', 1],
      ]);
      const shanghai = await report({ ...WHOLE, groupBy: 'day', timeZone: 'Asia/Shanghai' });
      assert.equal(shanghai.timeZone, 'Asia/Shanghai');
      assert.deepEqual(volumes(shanghai.rows), [
        ['2026-03-02', 3],
        ['2026-03-03', 2],
      ]);
      assert.deepEqual(shanghai.rows[1]?.topHits, [{ rule: 'rude', count: 1 }]);
      // 8 h behind: c1 at 01:10 on Monday 2 March, c5 at 17:00 the same day.
      const pacific = await report({ ...WHOLE, groupBy: 'day', timeZone: 'America/Los_Angeles' });
      assert.deepEqual(volumes(pacific.rows), [['2026-03-02', 5]]);
      // 12 h behind: c1–c3 on Sunday 1 March, in the week starting 23 February.
      const week = await report({ ...WHOLE, groupBy: 'week', timeZone: 'Etc/GMT+12' });
      assert.deepEqual(volumes(week.rows), [
        ['2026-02-23', 3],
        ['2026-03-02', 2],
      ]);
      assert.deepEqual(volumes((await report({ ...WHOLE, groupBy: 'month' })).rows), [['2026-03', 5]]);
    });

    it('filters by agent, team, channel and queue', async () => {
      assert.deepEqual(volumes((await report({ ...WHOLE, groupBy: 'team', channel: 'chat' })).rows), [
        ['t1', 2],
        [null, 1],
      ]);
      const a1 = await report({ ...WHOLE, groupBy: 'day', agent: 'a1', timeZone: 'Asia/Shanghai' });
      assert.deepEqual(volumes(a1.rows), [['2026-03-02', 2]]);
      const billingT1 = await report({ ...WHOLE, team: 't1', queue: 'billing', groupBy: 'channel' });
      assert.deepEqual(volumes(billingT1.rows), [
        ['chat', 1],
        ['email', 1],
      ]);
      const vipT2 = await report({ ...WHOLE, team: 't2', groupBy: 'tag' });
      assert.deepEqual(volumes(vipT2.rows), [['vip', 1]]);
    });

    it('shows supervisors their teams and agents their own conversations', async () => {
      const t2 = await report(WHOLE, supervisorOf('t2'));
      assert.equal(t2.rows[0]?.volume.conversations, 1);
      assert.deepEqual(t2.rows[0]?.topHits, [{ rule: 'rude', count: 1 }]);
      assert.deepEqual(volumes((await report({ ...WHOLE, groupBy: 'agent' }, supervisorOf('t1'))).rows), [
        ['a1', 2],
        ['a2', 1],
      ]);
      assert.deepEqual(
        volumes(
          (await report({ ...WHOLE, groupBy: 'tag', timeZone: 'Asia/Tokyo' }, supervisorOf('t2'))).rows,
        ),
        [['vip', 1]],
      );
      assert.equal((await report(WHOLE, supervisorOf())).rows[0]?.volume.conversations, 0);

      const a2 = await report({ ...WHOLE, groupBy: 'day', timeZone: 'Asia/Shanghai' }, agentUser('a2'));
      assert.deepEqual(volumes(a2.rows), [['2026-03-02', 1]]);
      assert.deepEqual(a2.rows[0]?.topHits, [{ rule: 'hold-too-long', count: 1 }]);
      // No day level keeps both tag and agent: hour rows answer throughout.
      assert.deepEqual(volumes((await report({ ...WHOLE, groupBy: 'tag' }, agentUser('a1'))).rows), [
        ['refund', 2],
        ['vip', 1],
      ]);
      // An agent asking for someone else's figures gets only their own (none of a1's).
      assert.equal(
        (await report({ ...WHOLE, agent: 'a1' }, agentUser('a2'))).rows[0]?.volume.conversations,
        0,
      );
      assert.equal((await report(WHOLE, agentUser(null))).rows[0]?.volume.conversations, 0);
    });

    it('refuses tokens without the read scope and reads with it', async () => {
      await assert.rejects(
        report(WHOLE, { kind: 'token', tokenId: 1, scopes: ['ingest'] }),
        (error) => isAppError(error) && error.code === 'forbidden',
      );
      const r = await report(WHOLE, { kind: 'token', tokenId: 2, scopes: ['read'] });
      assert.equal(r.rows[0]?.volume.conversations, 5);
    });

    it('rejects a bad query naming the field', async () => {
      await expectInvalid(report({ from: WHOLE.to, to: WHOLE.from }), 'to');
      await expectInvalid(report({ ...WHOLE, from: '2026-03-02T00:00:00' }), 'from');
      await expectInvalid(report({ ...WHOLE, to: 'yesterday' }), 'to');
      await expectInvalid(report({ ...WHOLE, groupBy: 'year' as 'day' }), 'groupBy');
      await expectInvalid(report({ ...WHOLE, timeZone: 'Mars/Olympus' }), 'timeZone');
      await expectInvalid(report({ ...WHOLE, timeZone: '+08:00' }), 'timeZone');
      await expectInvalid(report({ ...WHOLE, agent: '' }), 'agent');
      // An unknown key is refused too, not ignored.
      await assert.rejects(
        report({ ...WHOLE, teams: ['t1'] } as ReportQuery),
        (error) => isAppError(error) && error.code === 'invalid',
      );
    });
  });

  describe(`refreshing rollups on ${driver.name}`, () => {
    it('follows deletions and re-scoring, and agrees with a full rebuild', async () => {
      const db = await seeded(driver);
      const ctx = { db, now: () => 0 };
      const whole = async () => (await getReport(ctx, ADMIN, WHOLE)).rows[0];

      await db.query('DELETE FROM conversations WHERE id = $1', [uuid(2)]);
      // Not refreshed yet: the rollups still hold c2.
      assert.equal((await whole())?.volume.conversations, 5);
      await refreshRollups(ctx, [Date.parse('2026-03-02T09:50:00Z')]);
      let r = await whole();
      assert.equal(r?.volume.conversations, 4);
      assert.equal(r?.fatal, 0);
      assert.deepEqual(r?.topHits, [
        { rule: 'greeting-missing', count: 1 },
        { rule: 'hold-too-long', count: 1 },
        { rule: 'rude', count: 1 },
      ]);

      await db.query(`UPDATE conversations SET score = 40, is_passed = false WHERE id = $1`, [uuid(4)]);
      await db.query(
        `INSERT INTO rule_hits (conversation_id, rule, name, category, severity, points, started_at)
        VALUES ($1, 'rude', 'rude', 'c', 'minor', -5, '2026-03-02T09:10:00Z')`,
        [uuid(1)],
      );
      const touched = [hourOf(Date.parse('2026-03-02T23:30:00Z')), Date.parse('2026-03-02T09:10:00Z')];
      await refreshRollups(ctx, touched);
      // Refreshing again, or an hour with nothing in it, changes nothing.
      await refreshRollups(ctx, [...touched, Date.parse('2026-02-01T00:00:00Z')]);
      r = await whole();
      assert.equal(r?.avgScore, 65);
      assert.equal(r?.passRate, 0.5);
      assert.deepEqual(r?.scoreDistribution, [0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
      assert.deepEqual(r?.topHits[0], { rule: 'rude', count: 2 });

      const incremental = await Promise.all(
        (['none', 'agent', 'tag', 'day'] as const).map((groupBy) =>
          getReport(ctx, ADMIN, { ...WHOLE, groupBy, timeZone: 'Asia/Shanghai' }),
        ),
      );
      await refreshAllRollups(ctx);
      const rebuilt = await Promise.all(
        (['none', 'agent', 'tag', 'day'] as const).map((groupBy) =>
          getReport(ctx, ADMIN, { ...WHOLE, groupBy, timeZone: 'Asia/Shanghai' }),
        ),
      );
      assert.deepEqual(rebuilt, incremental);
      const { rows } = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM report_rollups WHERE grain = 'hour' AND dims = 0",
      );
      // Hours 09, 10 and 23 of 2 March and 01 of 3 March.
      assert.equal(rows[0]?.n, 4);
    });

    it('matches figures computed straight from conversations', async () => {
      const db = await openTestDatabase(driver);
      const ctx = { db, now: () => 0 };
      // mulberry32: the same data on every run.
      let seed = 7;
      const random = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
      };
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const start = Date.parse('2026-04-10T00:00:00Z');
      for (let n = 1; n <= 240; n++) {
        const isScored = random() < 0.8;
        await insertConversation(db, {
          n,
          startedAt: new Date(start + Math.floor(random() * 4 * 86_400_000)).toISOString(),
          agent: pick(['a1', 'a2', 'a3', null]),
          team: pick(['t1', 't2', null]),
          channel: pick(['chat', 'email', 'voice']),
          queue: pick(['q1', 'q2', null]),
          tags: pick([[], ['x'], ['x', 'y'], ['y']]),
          messages: 1 + Math.floor(random() * 30),
          score: isScored ? Math.floor(random() * 101) : null,
          isPassed: isScored ? random() < 0.6 : null,
          isFatal: random() < 0.1,
          firstResponseMs: random() < 0.9 ? Math.floor(1000 * 3600 ** random()) : null,
          isSlaMet: pick([true, false, null]),
          csat: pick([1, 2, 3, 4, 5, null]),
          endEmotion: pick(['anger', 'joy', 'neutral', 'sadness', null]),
          endPolarity: random() < 0.9 ? Math.round((random() * 2 - 1) * 100) / 100 : null,
          agentMessages: Math.floor(random() * 10),
          agentEmoji: Math.floor(random() * 3),
          agentEmojiMessages: Math.floor(random() * 2),
          agentEmojiWhileNegative: Math.floor(random() * 2),
          hits: ['r1', 'r2', 'r3', 'r4'].filter(() => random() < 0.3),
        });
      }
      await refreshAllRollups(ctx);
      // Neither range lines up with days: both read hour rows at the ends and day rows between.
      const from = '2026-04-10T05:00:00Z';
      const to = '2026-04-13T17:00:00Z';
      const { rows: expected } = await db.query<Expected>(
        `SELECT coalesce(agent_id, '') AS key, count(*)::int AS conversations, sum(message_count)::int AS messages,
           count(score)::int AS scored, coalesce(sum(score), 0)::float8 AS score_sum,
           count(*) FILTER (WHERE is_passed AND score IS NOT NULL)::int AS passed,
           count(*) FILTER (WHERE is_fatal)::int AS fatal, count(first_response_ms)::int AS first_responses,
           count(is_sla_met)::int AS sla_judged, count(*) FILTER (WHERE is_sla_met)::int AS sla_met,
           count(csat)::int AS csat_count, coalesce(sum(csat), 0)::int AS csat_sum,
           count(*) FILTER (WHERE csat >= 4)::int AS satisfied,
           count(customer_end_polarity)::int AS ended,
           count(*) FILTER (WHERE customer_end_polarity <= -0.2)::int AS negative,
           count(*) FILTER (WHERE customer_end_emotion = 'joy')::int AS joy,
           count(*) FILTER (WHERE customer_end_emotion = 'anger')::int AS anger,
           sum(agent_messages)::int AS agent_messages, sum(agent_emoji)::int AS agent_emoji,
           sum(agent_emoji_messages)::int AS with_emoji, sum(agent_emoji_while_negative)::int AS while_negative,
           count(*) FILTER (WHERE score >= 90)::int AS top_decile
         FROM conversations WHERE started_at >= $1 AND started_at < $2 GROUP BY 1 ORDER BY 1`,
        [from, to],
      );
      const { rows: hits } = await db.query<{ key: string; rule: string; n: number }>(
        `SELECT coalesce(c.agent_id, '') AS key, h.rule, count(*)::int AS n
         FROM rule_hits h JOIN conversations c ON c.id = h.conversation_id
         WHERE c.started_at >= $1 AND c.started_at < $2 GROUP BY 1, 2`,
        [from, to],
      );
      const report = await getReport(ctx, ADMIN, { from, to, groupBy: 'agent' });
      assert.equal(report.rows.length, expected.length);
      const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
      for (const e of expected) {
        const key = e.key || null;
        const row = report.rows.find((r) => r.key === key);
        assert.ok(row, `a row for ${key}`);
        assert.deepEqual(row.volume, { conversations: e.conversations, messages: e.messages });
        assert.equal(row.scored, e.scored);
        assert.equal(row.avgScore, e.scored ? Math.round((e.score_sum / e.scored) * 10) / 10 : null);
        assert.equal(row.passRate, rate(e.passed, e.scored));
        assert.equal(row.fatal, e.fatal);
        assert.equal(row.firstResponse.count, e.first_responses);
        assert.equal(row.slaMetRate, rate(e.sla_met, e.sla_judged));
        assert.equal(row.csat.count, e.csat_count);
        assert.equal(row.csat.avg, e.csat_count ? Math.round((e.csat_sum / e.csat_count) * 100) / 100 : null);
        assert.equal(row.csat.satisfiedRate, rate(e.satisfied, e.csat_count));
        assert.equal(row.negativeEndRate, rate(e.negative, e.ended));
        assert.equal(row.emotionMix.joy, e.joy);
        assert.equal(row.emotionMix.anger, e.anger);
        assert.deepEqual(row.emoji, {
          perAgentMessage: rate(e.agent_emoji, e.agent_messages),
          messagesWithEmojiRate: rate(e.with_emoji, e.agent_messages),
          whileNegative: e.while_negative,
        });
        assert.equal(row.scoreDistribution[9], e.top_decile);
        assert.equal(
          row.scoreDistribution.reduce((a, b) => a + b, 0),
          e.scored,
        );
        const top = hits
          .filter((h) => h.key === e.key)
          .sort((a, b) => b.n - a.n || a.rule.localeCompare(b.rule))
          .map((h) => ({ rule: h.rule, count: h.n }));
        assert.deepEqual(row.topHits, top);
      }

      // The percentile estimate stays within a bucket's width (×1.35) of the exact value.
      const [whole] = (await getReport(ctx, ADMIN, { from, to })).rows;
      const { rows: exact } = await db.query<{ p50: number; p90: number }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_ms / 1000.0) AS p50,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_ms / 1000.0) AS p90
         FROM conversations WHERE started_at >= $1 AND started_at < $2`,
        [from, to],
      );
      for (const [estimate, value] of [
        [whole?.firstResponse.p50Sec, exact[0]?.p50],
        [whole?.firstResponse.p90Sec, exact[0]?.p90],
      ]) {
        const ratio = Number(estimate) / Number(value);
        assert.ok(ratio > 1 / 1.35 && ratio < 1.35, `${estimate} vs ${value}`);
      }
    });
  });
}
