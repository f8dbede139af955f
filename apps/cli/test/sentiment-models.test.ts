import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jsonl, resultsOf, runCli, tempDir } from './run-cli.ts';

type Result = {
  sentiment: {
    customer: { start: number; end: number; min: number; trend: string; startEmotion: string } | null;
    messages: { index: number; label: string; emotion: string; polarity: number; flags?: string[] }[];
  };
  agentConduct: { rude: number; impatient: number };
  satisfaction: { predicted: number; confidence: number; actual?: number };
  flags: string[];
};

const at = (minute: number) => `2026-03-02T10:${String(minute).padStart(2, '0')}:00+08:00`;

const CONVERSATIONS = [
  {
    id: 'angry-then-calm',
    channel: 'chat',
    resolved: true,
    rating: { csat: 4 },
    messages: [
      { role: 'customer', text: '等了三天还没发货，太差劲了，我要投诉！', at: at(0) },
      { role: 'agent', text: '非常抱歉让您久等了，我马上帮您催促仓库', at: at(1) },
      { role: 'customer', text: '订单号是2108151872231484215', at: at(2) },
      { role: 'agent', text: '已经为您加急处理，今天就能发出', at: at(3) },
      { role: 'customer', text: '好的，谢谢你，辛苦了', at: at(4) },
    ],
  },
  {
    id: 'rude-agent',
    channel: 'chat',
    resolved: false,
    rating: { csat: 1 },
    messages: [
      {
        role: 'customer',
        text: 'I have been waiting for my refund for two weeks, this is ridiculous',
        at: at(0),
      },
      { role: 'agent', text: 'As I already told you, read the FAQ. Not my problem.', at: at(20) },
      { role: 'customer', text: 'Unbelievable. Worst service ever, I will report you.', at: at(21) },
    ],
  },
];

describe('analyze with the shipped sentiment and emotion models', () => {
  const dir = tempDir();
  const input = join(dir, 'conversations.jsonl');
  writeFileSync(input, jsonl(CONVERSATIONS));

  it('reads each customer message, the trajectory, agent conduct and a satisfaction estimate', async () => {
    const run = await runCli(['analyze', input, '--rules', 'none', '-q']);
    assert.equal(run.code, 0, run.stderr);
    const [calm, rude] = resultsOf(run.stdout) as Result[];
    assert.ok(calm && rude);
    const labels = calm.sentiment.messages.map((m) => m.label);
    assert.deepEqual(labels, ['negative', 'neutral', 'positive']);
    assert.equal(calm.sentiment.messages[0]?.emotion, 'anger');
    assert.ok(calm.sentiment.messages[0]?.flags?.includes('complaint-threat'));
    assert.equal(calm.sentiment.customer?.trend, 'improved');
    assert.deepEqual(calm.agentConduct, { rude: 0, impatient: 0 });
    assert.equal(calm.satisfaction.actual, 4);

    assert.deepEqual(
      rude.sentiment.messages.map((m) => m.label),
      ['negative', 'negative'],
    );
    assert.ok(rude.agentConduct.rude + rude.agentConduct.impatient >= 1);
    assert.ok(rude.flags.includes('complaint-threat'));
    assert.ok(rude.satisfaction.predicted < calm.satisfaction.predicted);
    assert.ok(rude.satisfaction.predicted >= 1 && calm.satisfaction.predicted <= 5);
  });

  it('runs on the lexicon alone with --models none, and refuses a models directory that does not exist', async () => {
    const lexicon = await runCli(['analyze', input, '--rules', 'none', '--models', 'none', '-q']);
    assert.equal(lexicon.code, 0, lexicon.stderr);
    assert.equal(resultsOf(lexicon.stdout).length, 2);
    const missing = await runCli(['analyze', input, '--models', join(dir, 'nowhere'), '-q']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere: no such models directory/);
  });

  it('refuses a broken model file naming the file', async () => {
    const models = join(dir, 'models');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(models);
    writeFileSync(join(models, 'zh-sentiment.json'), '{"format":"something-else"}');
    const run = await runCli(['analyze', input, '--models', models, '-q']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /zh-sentiment\.json: .*not a serviq-linear model/);
  });
});

describe('serviq sentiment', () => {
  const LINES = [
    '你们这是什么破服务，我要投诉！',
    '谢谢，问题解决了，非常满意',
    '',
    'This is the worst service ever, I want my money back',
    'thank you so much, you were super helpful 😊',
  ];

  it('prints one JSON line per input line, in order, with label, polarity, emotion, confidence and flags', async () => {
    const run = await runCli(['sentiment'], { stdin: `${LINES.join('\n')}\n` });
    assert.equal(run.code, 0, run.stderr);
    const out = resultsOf(run.stdout) as {
      label: string;
      polarity: number;
      emotion: string;
      confidence: number;
      flags: string[];
    }[];
    assert.equal(out.length, LINES.length);
    assert.deepEqual(
      out.map((o) => o.label),
      ['negative', 'positive', 'neutral', 'negative', 'positive'],
    );
    assert.equal(out[0]?.emotion, 'anger');
    assert.deepEqual(out[0]?.flags, ['complaint-threat']);
    assert.equal(out[1]?.emotion, 'joy');
    for (const o of out) {
      assert.ok(o.polarity >= -1 && o.polarity <= 1);
      assert.ok(o.confidence >= 0 && o.confidence <= 1);
    }
    assert.ok((out[0]?.polarity ?? 0) < -0.5 && (out[4]?.polarity ?? 0) > 0.5);
  });

  it('reads agent lines for conduct flags, runs on the lexicon alone, and refuses a bad --lang', async () => {
    const agent = await runCli(['sentiment', '--role', 'agent'], { stdin: '我已经说过了，你听不懂吗\n' });
    assert.equal(agent.code, 0, agent.stderr);
    assert.deepEqual(resultsOf(agent.stdout)[0]?.flags, ['impatient']);
    const lexicon = await runCli(['sentiment', '--models', 'none', '--lang', 'zh'], { stdin: '太差了\n' });
    assert.equal(lexicon.code, 0, lexicon.stderr);
    assert.equal(resultsOf(lexicon.stdout)[0]?.label, 'negative');
    const bad = await runCli(['sentiment', '--lang', 'fr'], { stdin: 'x\n' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--lang must be auto, zh or en/);
  });
});
