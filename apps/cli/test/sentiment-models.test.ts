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
