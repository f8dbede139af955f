import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jsonl, resultsOf, runCli, tempDir } from './run-cli.ts';

const PACKS = new URL('../../../packages/core/data/rules/', import.meta.url).pathname;
const CASES = join(PACKS, 'cases');

describe('shipped rule packs', () => {
  it('all check without errors or warnings', async () => {
    const run = await runCli(['rules', 'check', PACKS]);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /scorecard zh-chat .*\n/);
    assert.match(run.stdout, /scorecard en-chat /);
    assert.match(run.stdout, /scorecard voice /);
    assert.match(run.stdout, /, 0 errors, 0 warnings\n$/);
  });

  // Each pack's own cases: a conversation snippet and the hits a QA manager expects of it.
  for (const file of readdirSync(CASES).filter((f) => f.endsWith('.cases.yaml'))) {
    it(`pass their cases: ${file}`, async () => {
      const run = await runCli(['rules', 'test', PACKS, '--cases', join(CASES, file)]);
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.stdout, / passed, 0 failed\n$/);
    });
  }
});

const at = (sec: number) => new Date(Date.UTC(2026, 0, 5, 1, 0, sec)).toISOString();

describe('serviq rules', () => {
  const dir = tempDir();
  const rules = join(dir, 'rules.yaml');
  writeFileSync(
    rules,
    `scorecard:
  id: team-a
  name: 团队A质检
  passScore: 90
rules:
  - id: greeting
    name: 首句问候
    points: -5
    require: { role: agent, position: { first: 1 }, keywords: { any: [您好] } }
  - id: refund-refusal
    name: 拒绝退款
    points: -20
    detect: { role: agent, keywords: { near: { words: [退款, [不行, 不能]], within: 4 } } }
  - id: csat-low
    name: 低满意度
    points: -10
    detect: { csat: { lte: 2 } }
`,
  );
  const conversation = {
    id: 'c-1',
    channel: 'chat',
    messages: [
      { at: at(0), role: 'customer', text: '我要退款' },
      { at: at(20), role: 'agent', text: '亲，退款暂时不行哦' },
    ],
  };

  it('analyze --rules scores with the file and records the scorecard version', async () => {
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, jsonl([conversation]));
    const run = await runCli(['analyze', input, '--rules', rules]);
    assert.equal(run.code, 0, run.stderr);
    const [r] = resultsOf(run.stdout) as {
      score: number;
      passed: boolean;
      scorecard: string;
      scorecardVersion: string;
      notApplicable: string[];
      hits: { rule: string; points: number; evidence: { message: number; text: string }[] }[];
    }[];
    assert.equal(r?.scorecard, 'team-a');
    assert.match(r?.scorecardVersion ?? '', /^[0-9a-f]{16}$/);
    assert.deepEqual(
      r?.hits.map((h) => [h.rule, h.points, h.evidence.map((e) => [e.message, e.text])]),
      [
        ['greeting', -5, [[1, '亲，退款暂时不行哦']]],
        [
          'refund-refusal',
          -20,
          [
            [1, '退款'],
            [1, '不行'],
          ],
        ],
      ],
    );
    assert.deepEqual(r?.notApplicable, ['csat-low']);
    assert.equal(r?.score, 75);
    assert.equal(r?.passed, false);
  });

  it('rules check reports every problem at file:line:column and fails', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      `scorecard: { id: bad }
rules:
  - id: a
    points: -5
    detect: { role: agent, keyword: { any: [x] } }
  - id: a
    points: -5
    detect: { regex: '([' }
`,
    );
    const run = await runCli(['rules', 'check', bad]);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      new RegExp(`${bad}:5:28: error: unknown condition "keyword" \\(did you mean "keywords"\\?\\)`),
    );
    assert.match(
      run.stdout,
      new RegExp(`${bad}:6:5: error: duplicate rule id "a" \\(first at rules\\[0\\]\\)`),
    );
    assert.match(run.stdout, /FAILED: .* 2 errors/);
  });

  it('analyze refuses broken rules before reading any input', async () => {
    const bad = join(dir, 'broken.yaml');
    writeFileSync(
      bad,
      'scorecard: { id: x }\nrules:\n  - id: r\n    points: -1\n    detect: { metric: fristResponseSec, gt: 1 }\n',
    );
    const run = await runCli(['analyze', join(dir, 'missing.jsonl'), '--rules', bad]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /broken\.yaml:5:15: error: unknown metric "fristResponseSec" \(did you mean "firstResponseSec"\?\)/,
    );
  });

  it('rules test reports a failing case with the reason and exits 1', async () => {
    const cases = join(dir, 'cases.yaml');
    writeFileSync(
      cases,
      `cases:
  - name: 拒绝退款
    conversation:
      messages:
        - customer: 我要退款
        - agent: 您好，退款不能办理
    expect: { hits: [refund-refusal], notHits: [greeting], score: 80 }
  - name: 礼貌
    conversation:
      messages:
        - customer: 在吗
        - agent: 您好，在的
    expect: { hits: [greeting] }
`,
    );
    const run = await runCli(['rules', 'test', rules, '--cases', cases]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /ok {3}.*#1 拒绝退款/);
    assert.match(run.stdout, /FAIL .*#2 礼貌\n {7}expected a hit of greeting\n/);
    assert.match(run.stdout, /1 passed, 1 failed/);
  });

  it('rules explain shows where each condition held and why a rule was N/A', async () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify(conversation));
    const run = await runCli(['rules', 'explain', rules, file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /scorecard team-a@[0-9a-f]{16}: score 75, failed/);
    assert.match(run.stdout, /HIT {2}refund-refusal · 拒绝退款 -20\n {7}evidence \[1\] 2–4 "退款"/);
    assert.match(run.stdout, /✓ rules\[1\]\.detect .* at \[1\]/);
    assert.match(
      run.stdout,
      /N\/A {2}csat-low · 低满意度 — csat is unavailable: the conversation has no rating/,
    );
  });
});
