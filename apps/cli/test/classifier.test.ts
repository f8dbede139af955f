import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resultsOf, runCli, tempDir } from './run-cli.ts';

const POSITIVE = [
  '谢谢，处理得很快',
  '非常满意，态度很好',
  '问题解决了，谢谢',
  'great, thanks a lot',
  'perfect, very helpful',
];
const NEGATIVE = [
  '太慢了，还没到',
  '什么破服务，我要投诉',
  '退款还没到账，太差了',
  'this is ridiculous',
  'worst service ever',
];

describe('serviq train / eval / classify', () => {
  const dir = tempDir();
  const csv = join(dir, 'train.csv');
  const rows = [
    ...POSITIVE.map((t) => `pos,"${t}"`),
    ...NEGATIVE.map((t) => `neg,"${t}"`),
    'neg,', // empty text: reported, skipped
  ];
  writeFileSync(csv, `label,text\n${rows.join('\n')}\n`);
  const model = join(dir, 'model.json');

  it('trains on CSV, reporting bad rows by line and the dev figures', async () => {
    const run = await runCli(['train', '--task', 'sentiment', '--data', csv, '--dev', csv, '--out', model]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /train\.csv:12: text: missing or empty text/);
    assert.match(run.stderr, /trained sentiment: 2 labels/);
    assert.match(run.stderr, /accuracy 1 /);
    const file = JSON.parse(readFileSync(model, 'utf8'));
    assert.equal(file.format, 'serviq-linear');
    assert.deepEqual(file.labels, ['neg', 'pos']);
  });

  it('evaluates a model on labelled JSONL, as text or JSON', async () => {
    const jsonl = join(dir, 'dev.jsonl');
    writeFileSync(
      jsonl,
      `${JSON.stringify({ text: '客服态度太差了', label: 'neg' })}\n${JSON.stringify({ text: 'thanks, great help', label: 'pos' })}\n`,
    );
    const run = await runCli(['eval', '--model', model, '--data', jsonl, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.examples, 2);
    assert.equal(report.accuracy, 1);
    assert.deepEqual(report.confusion, [
      [1, 0],
      [0, 1],
    ]);
  });

  it('classifies stdin lines in order with the top labels', async () => {
    const run = await runCli(['classify', '--model', model, '--top', '2'], {
      stdin: '退款太慢了，差评\nthank you, perfect\n',
    });
    assert.equal(run.code, 0, run.stderr);
    const out = resultsOf(run.stdout) as {
      label: string;
      emotion: string;
      flags: string[];
      polarity: number;
      confidence: number;
      top: unknown[];
    }[];
    assert.deepEqual(
      out.map((o) => o.label),
      ['neg', 'pos'],
    );
    assert.equal(out[0]?.top.length, 2);
    const confidence = out[0]?.confidence ?? 0;
    assert.ok(confidence > 0.5 && confidence <= 1);
  });

  it('refuses a missing model with a usage error', async () => {
    const run = await runCli(['classify', '--model', join(dir, 'nope.json')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nope\.json: ENOENT|nope\.json: .*no such file/);
  });

  it('serviq sentiment scores each stdin line, in order', async () => {
    const run = await runCli(['sentiment'], { stdin: '你们太过分了，我要投诉！！\n谢谢，很满意😊\n' });
    assert.equal(run.code, 0, run.stderr);
    const out = resultsOf(run.stdout) as {
      label: string;
      emotion: string;
      flags: string[];
      polarity: number;
      confidence: number;
      top: unknown[];
    }[];
    assert.deepEqual(
      out.map((o) => [o.label, o.emotion, o.flags]),
      [
        ['negative', 'anger', ['complaint-threat']],
        ['positive', 'joy', []],
      ],
    );
    assert.ok((out[0]?.polarity ?? 0) < -0.5 && (out[1]?.polarity ?? 0) > 0.5);
    const bad = await runCli(['sentiment', '--lang', 'fr']);
    assert.equal(bad.code, 2);
  });
});
