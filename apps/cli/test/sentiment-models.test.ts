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

describe('eval and classify read a model as it was trained', () => {
  const dir = tempDir();
  const shipped = new URL('../../../packages/core/data/models/', import.meta.url).pathname;

  it('judges the three-way Chinese model on 0/1 data among negative and positive, through its aliases', async () => {
    const csv = join(dir, 'binary.csv');
    writeFileSync(
      csv,
      [
        'label,review',
        '0,送餐太慢了，等了两个小时，饭都凉了',
        '0,味道很差，再也不会点了',
        '0,客服态度恶劣，问题一直没解决',
        '1,很好吃，送得也快，下次还点',
        '1,服务很周到，非常满意',
        '1,分量足，味道不错',
        'maybe,这一行的标签模型不认识',
      ].join('\n'),
    );
    const run = await runCli([
      'eval',
      '--model',
      join(shipped, 'zh-sentiment.json'),
      '--data',
      csv,
      '--text-col',
      'review',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /1 rows have labels the model does not know/);
    assert.match(run.stderr, /the data uses only negative, positive/);
    const report = JSON.parse(run.stdout) as { examples: number; accuracy: number; labels: string[] };
    assert.equal(report.examples, 6);
    assert.deepEqual(report.labels, ['negative', 'positive']);
    assert.equal(report.accuracy, 1);
  });

  it('classifies stdin lines with the shipped emotion model and its cues', async () => {
    const run = await runCli(['classify', '--model', join(shipped, 'en-emotion.json'), '--top', '2'], {
      stdin: 'I am so happy with the help, thank you!\nThis is disgusting and I am furious\n',
    });
    assert.equal(run.code, 0, run.stderr);
    const [happy, furious] = resultsOf(run.stdout) as { label: string; top: { label: string }[] }[];
    assert.equal(happy?.label, 'joy');
    assert.ok(['anger', 'disgust'].includes(furious?.label ?? ''));
    assert.equal(happy?.top.length, 2);
  });

  it('fits satisfaction on rated conversations and analyze uses the fitted file', async () => {
    const demo = join(dir, 'demo.jsonl');
    const made = await runCli([
      'demo',
      '--conversations',
      '300',
      '--seed',
      '4',
      '--lang',
      'zh',
      '--out',
      demo,
    ]);
    assert.equal(made.code, 0, made.stderr);
    const model = join(dir, 'satisfaction.json');
    const run = await runCli(['train', '--task', 'satisfaction', '--data', demo, '--out', model]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /fitted satisfaction on \d+ rated conversations: Spearman 0\.\d+/);
    const file = JSON.parse((await import('node:fs')).readFileSync(model, 'utf8')) as { format: string };
    assert.equal(file.format, 'serviq-satisfaction');
    const analysed = await runCli(['analyze', demo, '--rules', 'none', '--satisfaction-model', model, '-q']);
    assert.equal(analysed.code, 0, analysed.stderr);
    assert.equal(resultsOf(analysed.stdout).length, 300);
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, '{"id":"x","messages":[]}\nnot json\n');
    const bad = await runCli(['train', '--task', 'satisfaction', '--data', broken, '--out', model]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /broken\.jsonl:2: \(record\): invalid JSON/);
    assert.match(bad.stderr, /at least \d+ rated conversations/);
  });
});
