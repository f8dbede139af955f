import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type { Database } from '@serviq/storage';
import { openTestDatabase, TEST_DRIVERS, type TestDriver } from '@serviq/storage/testing';
import { AnalysisConfigSchema } from '../src/analysis-config.ts';
import { importConversations } from '../src/conversations/import-conversations.ts';
import { compileRuleFiles, readRuleFiles } from '../src/rule-files.ts';
import { dryRunRuleSet } from '../src/rules-admin/dry-run-rule-set.ts';
import { getJob } from '../src/rules-admin/get-job.ts';
import { getRuleSet } from '../src/rules-admin/get-rule-set.ts';
import { listJobs } from '../src/rules-admin/list-jobs.ts';
import { listRuleSets } from '../src/rules-admin/list-rule-sets.ts';
import { publishRuleSet } from '../src/rules-admin/publish-rule-set.ts';
import { runRescoreJob } from '../src/rules-admin/run-rescore-job.ts';
import { saveRuleSetDraft } from '../src/rules-admin/save-rule-set-draft.ts';
import { seedShippedRuleSets } from '../src/rules-admin/seed-rule-sets.ts';
import { setRuleSetActive } from '../src/rules-admin/set-rule-set-active.ts';
import type { Actor } from '../src/service/actor.ts';
import {
  type AnalysisRuntime,
  AnalysisRuntimes,
  readPublishedRules,
} from '../src/service/analysis-runtime.ts';
import { AppError } from '../src/service/app-error.ts';
import type { ServiceContext } from '../src/service/service-context.ts';

const SYSTEM: Actor = { kind: 'system' };
const MANAGER: Actor = { kind: 'user', userId: 7, role: 'qa_manager', agentId: null, teamIds: [] };
const REVIEWER: Actor = { kind: 'user', userId: 8, role: 'reviewer', agentId: null, teamIds: [] };
const AGENT: Actor = { kind: 'user', userId: 9, role: 'agent', agentId: 'a2', teamIds: [] };
const CONFIG = AnalysisConfigSchema.parse({});
const MINUTE = 60_000;

/** Asserts an AppError of the code, like `assert.rejects` with a predicate. */
const isAppError =
  (code: AppError['code'], message?: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  };

/**
 * The runtime analysis would use now. A new AnalysisRuntimes each time: the class caches compiled
 * rules by generation number, and every test database starts counting at 1.
 */
const runtimeOf = (db: Database): Promise<AnalysisRuntime> => new AnalysisRuntimes(CONFIG).current(db, 0);

/** A Chinese chat: the agent's first reply greets the customer or not; agent a1 (team t1) or a2 (team t2). */
function chat(id: string, isGreeting: boolean, agent = 'a1') {
  const at = (sec: number) => new Date(Date.UTC(2026, 0, 1, 10) + sec * 1000).toISOString();
  return {
    id,
    channel: 'chat',
    language: 'zh',
    agents: [{ id: agent, team: agent === 'a1' ? 't1' : 't2' }],
    messages: [
      { at: at(0), role: 'customer', text: '我的订单还没到，怎么回事' },
      { at: at(20), role: 'agent', authorId: agent, text: `${isGreeting ? '您好，' : ''}请提供一下订单号` },
      { at: at(60), role: 'customer', text: '订单号是 88990011' },
      {
        at: at(90),
        role: 'agent',
        authorId: agent,
        text: '已经帮您查到了，明天送达。请问还有其他问题吗？感谢您的耐心，再见',
      },
    ],
  };
}

/** A fresh database with the shipped packs seeded and three chats stored: c1 and c2 lack a greeting (95), c3 has one (100). */
async function open(driver: TestDriver) {
  const db = await openTestDatabase(driver);
  let time = Date.UTC(2026, 0, 2, 9);
  const ctx: ServiceContext = { db, now: () => time };
  await seedShippedRuleSets(ctx);
  const jsonl = [chat('c1', false), chat('c2', false, 'a2'), chat('c3', true)]
    .map((c) => `${JSON.stringify(c)}\n`)
    .join('');
  // Buffer chunks: readByteChunks calls buf.subarray, which a string chunk does not have.
  const report = await importConversations(ctx, SYSTEM, Readable.from([Buffer.from(jsonl)]), {
    runtime: await runtimeOf(db),
  });
  assert.equal(report.inserted, 3);
  return { db, ctx, advance: (ms: number) => (time += ms) };
}

/** zh-chat with the greeting rule costing 30 points instead of 5. */
async function harsherGreeting(ctx: ServiceContext): Promise<string> {
  const { version } = await getRuleSet(ctx, SYSTEM, 'zh-chat');
  const text = version.source.replace(/(- id: greeting\n(?: {4}.*\n)*? {4}points: )-5\n/, '$1-30\n');
  assert.notEqual(text, version.source);
  return text;
}

type Scored = {
  external_id: string;
  score: number;
  hit_rules: string[];
  analysed_at: Date;
  rule_set_version: number;
};

async function scores(db: Database): Promise<Scored[]> {
  const { rows } = await db.query<Scored>(
    `SELECT c.external_id, c.score, c.hit_rules, a.analysed_at, a.rule_set_version::int AS rule_set_version
     FROM conversations c JOIN analyses a ON a.conversation_id = c.id ORDER BY c.external_id`,
  );
  return rows;
}

async function audit(db: Database): Promise<{ actor: string; action: string; entity_id: string }[]> {
  const { rows } = await db.query<{ actor: string; action: string; entity_id: string }>(
    'SELECT actor, action, entity_id FROM audit_log ORDER BY id',
  );
  return rows;
}

const PACKS = ['emoji-norms', 'en-chat', 'voice', 'zh-chat'];

for (const driver of TEST_DRIVERS) {
  describe(`rule set management on ${driver.name}`, () => {
    it('seeds the shipped packs once, even when two processes start together', async () => {
      const db = await openTestDatabase(driver);
      const ctx: ServiceContext = { db, now: () => Date.UTC(2026, 0, 1) };
      const both = await Promise.all([seedShippedRuleSets(ctx), seedShippedRuleSets(ctx)]);
      assert.deepEqual(both.map((o) => o.seeded.length).sort(), [0, 4]);
      assert.deepEqual(await seedShippedRuleSets(ctx), { seeded: [], generation: null });
      const generations = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rule_generations');
      assert.equal(generations.rows[0]?.n, 1);

      const sets = await listRuleSets(ctx, REVIEWER);
      assert.deepEqual(
        sets.map((s) => [s.id, s.publishedVersion, s.latestVersion, s.isActive]),
        PACKS.map((id) => [id, 1, 1, true]),
      );
      const zh = sets.find((s) => s.id === 'zh-chat');
      assert.equal(zh?.name, '在线客服标准质检');
      assert.deepEqual(
        zh?.scorecards.map((c) => [c.id, c.name]),
        [['zh-chat', '在线客服标准质检']],
      );
      // zh-chat's scorecard includes the emoji norms of another rule set: all its rules are counted.
      const shipped = compileRuleFiles(readRuleFiles(undefined)).ruleSet.scorecards.find(
        (c) => c.id === 'zh-chat',
      );
      assert.equal(zh?.scorecards[0]?.ruleCount, shipped?.rules.length);
      assert.deepEqual(sets.find((s) => s.id === 'emoji-norms')?.scorecards, []);

      const published = await readPublishedRules(db);
      assert.equal(published.generation, 1);
      assert.deepEqual(
        published.files.filter((f) => !f.isLibrary).map((f) => f.file),
        PACKS.map((id) => `${id}.yaml`),
      );
      assert.deepEqual(
        (await audit(db)).map((a) => [a.actor, a.action, a.entity_id]),
        PACKS.map((id) => ['system', 'rule_set.seed', id]),
      );
    });

    it('refuses a draft that does not compile, naming line and column, and one from a reviewer', async () => {
      const { db, ctx } = await open(driver);
      const yamlError =
        'scorecard:\n  id: broken\n  name: Broken\nrules:\n  - id: r1\n    detect: { role: agent, keywords: { any: [a, b }\n';
      await assert.rejects(
        saveRuleSetDraft(ctx, MANAGER, { id: 'broken', name: 'Broken', source: yamlError }),
        (e) => {
          assert.ok(e instanceof AppError && e.code === 'invalid', String(e));
          assert.equal(e.field, 'source');
          assert.ok(e.details.length > 0);
          for (const d of e.details) {
            assert.equal(d.field, 'source');
            assert.equal(d.line, 6);
            assert.match(d.reason, /^broken\.yaml:6:\d+: error: YAML/);
          }
          return true;
        },
      );
      const unknown =
        'scorecard:\n  id: typo\nrules:\n  - id: r1\n    points: -5\n    detect:\n      role: agent\n      keyword: { any: [退款] }\n';
      await assert.rejects(
        saveRuleSetDraft(ctx, MANAGER, { id: 'typo', name: 'Typo', source: unknown, fileName: 'typo.yml' }),
        (e) => {
          assert.ok(e instanceof AppError && e.code === 'invalid', String(e));
          assert.deepEqual(
            e.details.map((d) => [d.field, d.line]),
            [['source', 8]],
          );
          assert.match(e.details[0]?.reason ?? '', /^typo\.yml:8:7: error: .*keyword/);
          return true;
        },
      );
      // A scorecard id another published rule set already uses.
      const clash =
        'scorecard:\n  id: zh-chat\nrules:\n  - id: r1\n    points: -5\n    detect: { role: agent, keywords: { any: [退款] } }\n';
      await assert.rejects(
        saveRuleSetDraft(ctx, MANAGER, { id: 'clash', name: 'Clash', source: clash }),
        isAppError('invalid', /duplicate id "zh-chat"/),
      );
      await assert.rejects(
        saveRuleSetDraft(ctx, REVIEWER, {
          id: 'mine',
          name: 'Mine',
          source: clash.replace('zh-chat', 'mine'),
        }),
        isAppError('forbidden'),
      );
      await assert.rejects(
        saveRuleSetDraft(ctx, MANAGER, { id: 'Bad Id', name: 'x', source: clash }),
        isAppError('invalid', /^id:/),
      );
      await assert.rejects(
        saveRuleSetDraft(ctx, MANAGER, { id: 'big', name: 'Big', source: `# ${'x'.repeat(1 << 20)}\n` }),
        isAppError('too_large'),
      );
      const sets = await db.query<{ id: string }>('SELECT id FROM rule_sets ORDER BY id');
      assert.deepEqual(
        sets.rows.map((r) => r.id),
        PACKS,
      );
      assert.equal((await audit(db)).length, PACKS.length);
    });

    it('saves a draft as a new version that analysis ignores until it is published', async () => {
      const { db, ctx, advance } = await open(driver);
      const before = await readPublishedRules(db);
      const source = await harsherGreeting(ctx);
      advance(MINUTE);
      const saved = await saveRuleSetDraft(ctx, MANAGER, {
        id: 'zh-chat',
        name: '在线客服标准质检',
        source,
        note: 'greeting costs more',
      });
      assert.deepEqual(
        { ...saved, warnings: [] },
        { id: 'zh-chat', version: 2, isNewVersion: true, publishedVersion: 1, warnings: [] },
      );
      // The same text again is no new version.
      const again = await saveRuleSetDraft(ctx, MANAGER, { id: 'zh-chat', name: '在线客服标准质检', source });
      assert.deepEqual([again.version, again.isNewVersion], [2, false]);
      assert.deepEqual(await readPublishedRules(db), before);

      const detail = await getRuleSet(ctx, REVIEWER, 'zh-chat');
      assert.equal(detail.publishedVersion, 1);
      assert.equal(detail.latestVersion, 2);
      assert.equal(detail.version.source, source);
      assert.equal(detail.version.fileName, 'zh-chat.yaml');
      assert.deepEqual(
        detail.versions.map((v) => [v.version, v.note, v.createdBy, v.createdAt]),
        [
          [2, 'greeting costs more', 7, new Date(Date.UTC(2026, 0, 2, 9, 1)).toISOString()],
          [1, 'shipped pack', null, new Date(Date.UTC(2026, 0, 2, 9)).toISOString()],
        ],
      );
      const first = await getRuleSet(ctx, REVIEWER, 'zh-chat', { version: 1 });
      assert.equal(first.version.source, before.files.find((f) => f.file === 'zh-chat.yaml')?.text);
      await assert.rejects(getRuleSet(ctx, REVIEWER, 'zh-chat', { version: 3 }), isAppError('not_found'));
      await assert.rejects(getRuleSet(ctx, REVIEWER, 'nope'), isAppError('not_found'));

      const saves = await db.query<{ actor: string; before: unknown; after: Record<string, unknown> }>(
        "SELECT actor, before, after FROM audit_log WHERE action = 'rule_set.save'",
      );
      assert.equal(saves.rows.length, 1);
      assert.equal(saves.rows[0]?.actor, 'user:7');
      assert.deepEqual(saves.rows[0]?.before, { version: 1, name: '在线客服标准质检' });
      assert.equal(saves.rows[0]?.after.version, 2);
      assert.equal(saves.rows[0]?.after.note, 'greeting costs more');
      assert.match(String(saves.rows[0]?.after.sha256), /^[0-9a-f]{64}$/);

      // A brand-new rule set starts at version 1, unpublished, and lists no scorecards yet.
      const own =
        'pack:\n  id: refunds\n  name: Refunds\nrules:\n  - id: refund-refusal\n    points: -5\n    detect: { role: agent, keywords: { any: [不能退款] } }\n';
      const created = await saveRuleSetDraft(ctx, MANAGER, { id: 'refunds', name: 'Refunds', source: own });
      assert.deepEqual([created.version, created.publishedVersion], [1, null]);
      const listed = (await listRuleSets(ctx, MANAGER)).find((s) => s.id === 'refunds');
      assert.deepEqual(listed && [listed.publishedVersion, listed.latestVersion, listed.scorecards], [
        null,
        1,
        [],
      ]);
    });

    it('publishes under a new generation, and the rescore job re-scores each conversation once', async () => {
      const { db, ctx, advance } = await open(driver);
      const source = await harsherGreeting(ctx);
      await saveRuleSetDraft(ctx, MANAGER, { id: 'zh-chat', name: '在线客服标准质检', source });
      const stored = await scores(db);
      assert.deepEqual(
        stored.map((s) => [s.external_id, s.score, s.rule_set_version]),
        [
          ['c1', 95, 1],
          ['c2', 95, 1],
          ['c3', 100, 1],
        ],
      );
      await assert.rejects(publishRuleSet(ctx, REVIEWER, 'zh-chat'), isAppError('forbidden'));

      advance(MINUTE);
      const published = await publishRuleSet(ctx, MANAGER, 'zh-chat');
      assert.deepEqual(published, { id: 'zh-chat', version: 2, previousVersion: 1, generation: 2, jobId: 1 });
      const rules = await readPublishedRules(db);
      assert.equal(rules.generation, 2);
      assert.equal(rules.files.find((f) => f.file === 'zh-chat.yaml')?.text, source);
      // Publishing what is published already changes nothing.
      assert.deepEqual(await publishRuleSet(ctx, MANAGER, 'zh-chat', { version: 2 }), {
        id: 'zh-chat',
        version: 2,
        previousVersion: 2,
        generation: null,
        jobId: null,
      });

      const queued = await getJob(ctx, REVIEWER, 1);
      assert.deepEqual(
        [queued.kind, queued.status, queued.params, queued.total, queued.done, queued.createdBy],
        ['rescore', 'queued', { generation: 2 }, 3, 0, 'user:7'],
      );
      const stale = await runtimeOf(db);
      advance(MINUTE);
      const progress: number[] = [];
      const report = await runRescoreJob(ctx, 1, stale, {
        batchSize: 2,
        onProgress: (p) => progress.push(p.done),
      });
      assert.deepEqual(progress, [2, 3]);
      assert.deepEqual(report, {
        jobId: 1,
        generation: 2,
        examined: 3,
        reanalysed: 3,
        hours: [Date.UTC(2026, 0, 1, 10)],
        wasDone: false,
      });
      const rescored = await scores(db);
      assert.deepEqual(
        rescored.map((s) => [s.external_id, s.score, s.hit_rules, s.rule_set_version]),
        [
          ['c1', 70, ['greeting'], 2],
          ['c2', 70, ['greeting'], 2],
          ['c3', 100, [], 2],
        ],
      );
      const done = await getJob(ctx, REVIEWER, '1');
      assert.deepEqual(
        [done.status, done.done, done.total, done.error, done.finishedAt],
        ['done', 3, 3, null, new Date(ctx.now()).toISOString()],
      );

      // A second run does nothing: the job stays done and no conversation is analysed again.
      advance(MINUTE);
      const second = await runRescoreJob(ctx, 1, stale);
      assert.deepEqual([second.examined, second.reanalysed, second.hours, second.wasDone], [0, 0, [], true]);
      assert.deepEqual(await scores(db), rescored);
      assert.deepEqual((await getJob(ctx, SYSTEM, 1)).done, 3);

      assert.deepEqual(
        (await audit(db)).slice(PACKS.length).map((a) => [a.actor, a.action, a.entity_id]),
        [
          ['user:7', 'rule_set.save', 'zh-chat'],
          ['user:7', 'rule_set.publish', 'zh-chat'],
        ],
      );
      const jobs = await listJobs(ctx, REVIEWER, { kind: 'rescore' });
      assert.deepEqual(
        jobs.map((j) => [j.id, j.status]),
        [[1, 'done']],
      );
      await assert.rejects(listJobs(ctx, AGENT), isAppError('forbidden'));
      await assert.rejects(getJob(ctx, AGENT, 1), isAppError('forbidden'));
      await assert.rejects(getJob(ctx, SYSTEM, 99), isAppError('not_found'));
    });

    it('resumes a failed rescore without analysing anything twice, and refuses a stale runtime', async () => {
      const { db, ctx, advance } = await open(driver);
      const old = await runtimeOf(db);
      await saveRuleSetDraft(ctx, MANAGER, {
        id: 'zh-chat',
        name: '在线客服标准质检',
        source: await harsherGreeting(ctx),
      });
      const { jobId } = await publishRuleSet(ctx, MANAGER, 'zh-chat');
      assert.ok(jobId);
      await assert.rejects(runRescoreJob(ctx, jobId, old), isAppError('conflict', /generation 2.*holds 1/));
      const refused = await getJob(ctx, SYSTEM, jobId);
      assert.equal(refused.status, 'failed');
      assert.match(refused.error ?? '', /refresh the runtime/);

      const runtime = await runtimeOf(db);
      advance(MINUTE);
      const crash = new Error('worker stopped');
      await assert.rejects(
        runRescoreJob(ctx, jobId, runtime, {
          batchSize: 1,
          onProgress: () => {
            throw crash;
          },
        }),
        (e) => e === crash,
      );
      const failed = await getJob(ctx, SYSTEM, jobId);
      assert.deepEqual([failed.status, failed.done, failed.error], ['failed', 1, 'worker stopped']);
      const partly = await scores(db);
      const first = partly.filter((s) => s.rule_set_version === 2);
      assert.equal(first.length, 1);

      advance(MINUTE);
      const resumed = await runRescoreJob(ctx, jobId, runtime, { batchSize: 1 });
      assert.deepEqual([resumed.examined, resumed.reanalysed], [3, 2]);
      const after = await scores(db);
      assert.ok(after.every((s) => s.rule_set_version === 2));
      // The conversation the first run re-scored kept its analysis time.
      const kept = after.find((s) => s.external_id === first[0]?.external_id);
      assert.deepEqual(kept?.analysed_at, first[0]?.analysed_at);
      assert.equal(after.filter((s) => s.analysed_at.getTime() === ctx.now()).length, 2);
      const finished = await getJob(ctx, SYSTEM, jobId);
      assert.deepEqual([finished.status, finished.done, finished.error], ['done', 3, null]);
    });

    it('refuses to publish or deactivate what would leave the published rules broken', async () => {
      const { db, ctx } = await open(driver);
      const pack = (id: string) =>
        `pack:\n  id: ${id}\n  name: Team pack\nrules:\n  - id: no-refund\n    points: -5\n    detect: { role: agent, keywords: { any: [不能退款] } }\n`;
      const card =
        'scorecard:\n  id: team-card\n  appliesTo: { queues: [vip] }\n  priority: 5\ninclude: [team-pack]\nrules: []\n';
      await saveRuleSetDraft(ctx, MANAGER, { id: 'team-pack', name: 'Team pack', source: pack('team-pack') });
      await publishRuleSet(ctx, MANAGER, 'team-pack');
      // Compiles now, since team-pack is published ...
      await saveRuleSetDraft(ctx, MANAGER, { id: 'team-card', name: 'Team card', source: card });
      // ... but no longer once team-pack's published version renames the pack.
      await saveRuleSetDraft(ctx, MANAGER, { id: 'team-pack', name: 'Team pack', source: pack('renamed') });
      await publishRuleSet(ctx, MANAGER, 'team-pack', { version: 2 });
      await assert.rejects(
        publishRuleSet(ctx, MANAGER, 'team-card'),
        isAppError('invalid', /include "team-pack": no scorecard or pack has this id/),
      );
      await publishRuleSet(ctx, MANAGER, 'team-pack', { version: 1 });
      const card1 = await publishRuleSet(ctx, MANAGER, 'team-card');
      assert.equal(card1.version, 1);
      assert.ok(
        (await listRuleSets(ctx, MANAGER))
          .find((s) => s.id === 'team-card')
          ?.scorecards.some((c) => c.id === 'team-card' && c.ruleCount === 1),
      );

      await assert.rejects(setRuleSetActive(ctx, MANAGER, 'team-pack', false), (e) => {
        assert.ok(e instanceof AppError && e.code === 'invalid');
        assert.match(e.message, /include "team-pack"/);
        // The error is in another rule set's file: no line of the file being changed.
        assert.equal(e.details[0]?.line, undefined);
        return true;
      });
      const generation = (await readPublishedRules(db)).generation;
      const off = await setRuleSetActive(ctx, MANAGER, 'team-card', false);
      assert.deepEqual([off.isActive, off.generation], [false, (generation ?? 0) + 1]);
      assert.ok(!(await readPublishedRules(db)).files.some((f) => f.file === 'team-card.yaml'));
      assert.deepEqual(await setRuleSetActive(ctx, MANAGER, 'team-card', false), {
        id: 'team-card',
        isActive: false,
        generation: null,
        jobId: null,
      });
      const on = await setRuleSetActive(ctx, MANAGER, 'team-card', true);
      assert.equal(on.generation, (generation ?? 0) + 2);
      assert.ok(on.jobId);
      assert.ok((await readPublishedRules(db)).files.some((f) => f.file === 'team-card.yaml'));
      await assert.rejects(setRuleSetActive(ctx, REVIEWER, 'team-card', false), isAppError('forbidden'));
      await assert.rejects(publishRuleSet(ctx, MANAGER, 'missing'), isAppError('not_found'));
      await assert.rejects(
        publishRuleSet(ctx, MANAGER, 'team-card', { version: 9 }),
        isAppError('not_found'),
      );
      const actions = (await audit(db)).slice(PACKS.length).map((a) => `${a.action} ${a.entity_id}`);
      assert.deepEqual(actions.slice(-3), [
        'rule_set.publish team-card',
        'rule_set.deactivate team-card',
        'rule_set.activate team-card',
      ]);
    });

    it('dry-runs a draft on stored conversations without storing anything', async () => {
      const { db, ctx } = await open(driver);
      const runtime = await runtimeOf(db);
      const stored = await scores(db);
      const source = await harsherGreeting(ctx);
      const report = await dryRunRuleSet(ctx, REVIEWER, { id: 'zh-chat', source }, runtime);
      assert.equal(report.examined, 3);
      assert.deepEqual(report.before, {
        scored: 3,
        mean: 96.67,
        passed: 3,
        passRate: 1,
        histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1],
      });
      assert.deepEqual(report.after, {
        scored: 3,
        mean: 80,
        passed: 1,
        passRate: 0.33,
        histogram: [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1],
      });
      assert.deepEqual(report.changed, { score: 2, nowPassed: 0, nowFailed: 2, scorecard: 0 });
      const greeting = report.rules.find((r) => r.rule === 'greeting');
      assert.deepEqual(
        greeting && [greeting.scorecard, greeting.name, greeting.conversations, greeting.conversationsBefore],
        ['zh-chat', '首句问候', 2, 2],
      );
      assert.deepEqual(greeting?.examples.map((x) => x.externalId).sort(), ['c1', 'c2']);
      assert.ok(greeting?.examples.every((x) => x.evidence.length > 0 && x.conversationId.length === 36));
      assert.deepEqual(await scores(db), stored);

      // The published rules themselves change nothing; an agent sees only their own conversations.
      const same = await dryRunRuleSet(
        ctx,
        AGENT,
        { id: 'zh-chat', source: (await getRuleSet(ctx, SYSTEM, 'zh-chat')).version.source },
        runtime,
      );
      assert.equal(same.examined, 1);
      assert.deepEqual(same.changed, { score: 0, nowPassed: 0, nowFailed: 0, scorecard: 0 });
      assert.deepEqual(
        same.rules[0]?.examples.map((x) => x.externalId),
        ['c2'],
      );

      // Filters: a time window and a list of conversation ids.
      const none = await dryRunRuleSet(
        ctx,
        REVIEWER,
        { id: 'zh-chat', source, filters: { from: '2026-01-02T00:00:00Z' } },
        runtime,
      );
      assert.equal(none.examined, 0);
      const ids = await db.query<{ id: string }>("SELECT id FROM conversations WHERE external_id = 'c3'");
      const one = await dryRunRuleSet(
        ctx,
        REVIEWER,
        { id: 'zh-chat', source, limit: 10, filters: { conversationIds: ids.rows.map((r) => r.id) } },
        runtime,
      );
      assert.deepEqual([one.examined, one.rules.length], [1, 0]);

      // Without an id the draft is tried as a new rule set beside the published ones.
      const strict =
        'scorecard:\n  id: strict\n  name: Strict\n  priority: 5\n  appliesTo: { channels: [chat] }\nrules:\n  - id: thanks\n    points: -50\n    require: { role: agent, keywords: { any: [谢谢] } }\n';
      const added = await dryRunRuleSet(ctx, REVIEWER, { source: strict }, runtime);
      assert.deepEqual(added.changed, { score: 3, nowPassed: 0, nowFailed: 3, scorecard: 3 });
      assert.deepEqual(
        added.rules.map((r) => [r.scorecard, r.rule, r.conversations, r.conversationsBefore]),
        [
          ['strict', 'thanks', 3, 0],
          ['zh-chat', 'greeting', 0, 2],
        ],
      );

      await assert.rejects(
        dryRunRuleSet(ctx, REVIEWER, { id: 'zh-chat', source, limit: 5001 }, runtime),
        isAppError('invalid', /^limit:/),
      );
      await assert.rejects(
        dryRunRuleSet(ctx, REVIEWER, { id: 'zh-chat', source: 'rules: [' }, runtime),
        isAppError('invalid', /zh-chat\.yaml:1:\d+/),
      );
      assert.equal((await audit(db)).length, PACKS.length);
      const jobs = await db.query('SELECT 1 FROM jobs');
      assert.equal(jobs.rows.length, 0);
    });
  });
}
