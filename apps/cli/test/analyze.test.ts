import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jsonl, resultsOf, runCli, tempDir } from './run-cli.ts';

const RULES = join(import.meta.dirname, 'fixtures', 'basic-rules.yaml');

type Result = {
  id: string;
  language: string;
  score: number;
  passed: boolean;
  fatal: boolean;
  hits: { rule: string; evidence: { message: number; start: number; end: number; text: string }[] }[];
  notApplicable: string[];
  metrics: {
    firstResponseSec: number | null;
    maxResponseSec: number | null;
    slaMet: boolean | null;
    messages: Record<string, number>;
  };
  sentiment: {
    customer: { trend: string; endEmotion: string } | null;
    messages: { index: number; label: string }[];
  };
  emoji: {
    agent: { count: number; items: Record<string, number>; categories: Record<string, number> };
    customer: { count: number };
  };
  pii: { customer: number; agent: number };
};

const at = (sec: number) => new Date(Date.UTC(2025, 2, 3, 2, 0, sec)).toISOString().replace('Z', '+00:00');

const zhPolite = {
  id: 'zh-1',
  channel: 'chat',
  agents: [{ id: 'a-1', name: '王芳', team: 't-1' }],
  messages: [
    { id: 'm1', at: at(0), role: 'customer', text: '你好，我的快递怎么还没到' },
    {
      id: 'm2',
      at: at(12),
      role: 'agent',
      authorId: 'a-1',
      text: '您好，很高兴为您服务[微笑]，请提供订单号',
    },
    { id: 'm3', at: at(40), role: 'customer', text: '订单号[ORDERID_10005629]，手机13812345678' },
    { id: 'm4', at: at(70), role: 'agent', authorId: 'a-1', text: '已为您催促，预计明天10:30前送达👍🏽' },
    { id: 'm5', at: at(90), role: 'customer', text: '好的谢谢' },
  ],
};

const zhRude = {
  id: 'zh-2',
  channel: 'chat',
  messages: [
    { at: at(0), role: 'customer', text: '退款到底什么时候到账！！！我要投诉' },
    { at: at(200), role: 'agent', authorId: 'a-2', text: '这不归我管😂😂' },
    { at: at(230), role: 'customer', text: '什么态度，差评' },
  ],
};

const enNoReply = {
  id: 'en-1',
  channel: 'email',
  messages: [{ at: '2025-03-03T10:00:00-05:00', role: 'customer', text: 'Where is my refund? :(' }],
};

describe('serviq analyze (canonical JSONL)', () => {
  const dir = tempDir();
  const file = join(dir, 'chats.jsonl');
  writeFileSync(file, jsonl([zhPolite, zhRude, enNoReply]));

  it('writes one result per conversation, in input order, with metrics, emoji, sentiment and hits', async () => {
    const run = await runCli(['analyze', file, '--rules', RULES]);
    assert.equal(run.code, 0, run.stderr);
    const [polite, rude, email] = resultsOf(run.stdout) as Result[];
    assert.deepEqual([polite?.id, rude?.id, email?.id], ['zh-1', 'zh-2', 'en-1']);
    assert.ok(polite && rude && email);

    assert.equal(polite.language, 'zh');
    assert.equal(polite.metrics.firstResponseSec, 12);
    assert.equal(polite.metrics.maxResponseSec, 30);
    assert.equal(polite.metrics.slaMet, true);
    assert.deepEqual(polite.metrics.messages, { customer: 3, agent: 2, bot: 0, system: 0 });
    assert.deepEqual(polite.emoji.agent.items, { '[微笑]': 1, '👍': 1 });
    assert.equal(polite.emoji.agent.count, 2);
    assert.equal(polite.pii.customer, 1);
    assert.equal(polite.score, 100);
    assert.equal(polite.passed, true);
    assert.deepEqual(polite.hits, []);
    assert.equal(polite.sentiment.customer?.trend, 'improved');
    assert.equal(polite.sentiment.customer?.endEmotion, 'joy');

    assert.equal(rude.fatal, true);
    assert.equal(rude.score, 0);
    const rules = rude.hits.map((h) => h.rule).sort();
    assert.deepEqual(rules, [
      'forbidden-words',
      'greeting',
      'laugh-emoji-while-customer-negative',
      'slow-first-response',
    ]);
    const forbidden = rude.hits.find((h) => h.rule === 'forbidden-words');
    assert.deepEqual(forbidden?.evidence, [{ message: 1, start: 1, end: 5, text: '不归我管' }]);
    const laugh = rude.hits.find((h) => h.rule === 'laugh-emoji-while-customer-negative');
    // The negative customer message, then both laughing emoji of the reply.
    assert.deepEqual(
      laugh?.evidence.map((e) => [e.message, e.text]),
      [
        [0, '退款到底什么时候到账！！！我要投诉'],
        [1, '😂'],
        [1, '😂'],
      ],
    );
    // No agent wrote: nothing to greet with and no first response to time.
    assert.deepEqual(email.notApplicable.sort(), ['greeting', 'slow-first-response']);
    assert.equal(rude.emoji.agent.categories.laugh, 2);
    assert.equal(rude.sentiment.messages[0]?.label, 'negative');

    assert.equal(email.language, 'en');
    assert.equal(email.metrics.firstResponseSec, null);
    assert.equal(email.emoji.customer.count, 1);
  });

  it('is identical across runs and across thread counts', async () => {
    const one = await runCli(['analyze', file, '--threads', '1']);
    const two = await runCli(['analyze', file, '--threads', '2']);
    const again = await runCli(['analyze', file, '--threads', '1']);
    assert.equal(one.stdout, two.stdout);
    assert.equal(one.stdout, again.stdout);
  });

  it('masks PII in evidence with --redact', async () => {
    const leak = {
      id: 'leak',
      messages: [
        { at: at(0), role: 'customer', text: '在吗' },
        { at: at(5), role: 'agent', text: '您的号码13812345678不归我管' },
      ],
    };
    const f = join(dir, 'leak.jsonl');
    writeFileSync(f, jsonl([leak]));
    const plain = await runCli(['analyze', f]);
    assert.match(plain.stdout, /13812345678/);
    const red = await runCli(['analyze', f, '--redact']);
    assert.doesNotMatch(red.stdout, /13812345678/);
    const [r] = resultsOf(red.stdout) as Result[];
    const greeting = r?.hits.find((h) => h.rule === 'greeting');
    assert.equal(greeting?.evidence[0]?.text, '您的号码***********不归我管');
    const forbidden = r?.hits.find((h) => h.rule === 'forbidden-words');
    assert.equal(forbidden?.evidence[0]?.text, '不归我管');
  });

  it('masks PII in identifiers with --redact', async () => {
    const f = join(dir, 'ids.jsonl');
    const conv = {
      id: 'c1',
      queue: '13612345678',
      agents: [{ id: 'agent@corp.com' }],
      messages: [
        { at: at(0), role: 'customer', text: 'hi' },
        { at: at(10), role: 'agent', authorId: '13700001111', text: 'hello' },
      ],
    };
    writeFileSync(f, jsonl([conv]));
    const red = await runCli(['analyze', f, '--redact', '--summary', '--locale', 'en']);
    for (const leaked of ['13612345678', '13700001111', 'agent@corp.com']) {
      assert.ok(!red.stdout.includes(leaked), leaked);
      assert.ok(!red.stderr.includes(leaked), leaked);
    }
    assert.match(red.stdout, /"137\*\*\*\*1111"/);
  });

  it('masks PII quoted in error reasons with --redact', async () => {
    const f = join(dir, 'bad-role.jsonl');
    writeFileSync(f, jsonl([{ id: 'r', messages: [{ at: at(0), role: '13812345678', text: 'x' }] }]));
    const plain = await runCli(['analyze', f]);
    assert.match(plain.stderr, /"13812345678" is not one of/);
    const red = await runCli(['analyze', f, '--redact']);
    assert.equal(red.code, 1);
    assert.doesNotMatch(red.stderr, /13812345678/);
    assert.match(red.stderr, /messages\[0\]\.role: "138\*\*\*\*5678" is not one of/);
  });

  it('prints a readable summary to stderr and its figures as JSON', async () => {
    const summaryJson = join(dir, 'summary.json');
    const run = await runCli([
      'analyze',
      file,
      '--rules',
      RULES,
      '--summary',
      '--summary-json',
      summaryJson,
      '--locale',
      'en',
      '--out',
      join(dir, 'out.jsonl'),
    ]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /Conversations: 3/);
    assert.match(run.stderr, /forbidden-words \(服务禁语\)/);
    const s = JSON.parse(readFileSync(summaryJson, 'utf8'));
    assert.equal(s.conversations, 3);
    assert.equal(s.averageScore, Math.round(((100 + 0 + 100) / 3) * 10) / 10);
    assert.equal(s.noAgentReply, 1);
    // First responses of 12 s and 200 s; the third conversation has no agent reply.
    assert.equal(s.firstResponseP50Sec, 106);
    assert.equal(readFileSync(join(dir, 'out.jsonl'), 'utf8').split('\n').filter(Boolean).length, 3);
  });

  it('reads stdin with -', async () => {
    const run = await runCli(['analyze', '-'], { stdin: jsonl([zhPolite]) });
    assert.equal(run.code, 0);
    assert.equal(resultsOf(run.stdout)[0]?.id, 'zh-1');
  });
});
