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

// Help-desk requests of four categories; the centroid mode is meant for thousands, and works for four.
const CATEGORIES: Record<string, string[]> = {
  refund: [
    '退款什么时候到账',
    '我申请的退款还没收到',
    '钱怎么还没退回来',
    'when will I get my refund',
    'my refund has not arrived yet',
    'where is my money back',
  ],
  delivery: [
    '快递到哪了，三天了还没到',
    '物流一直不更新',
    '包裹显示签收但我没收到',
    'where is my package',
    'tracking has not moved for days',
    'the courier never came',
  ],
  cancel: [
    '我想取消订单',
    '刚下的单帮我取消',
    '订单不要了，取消吧',
    'please cancel my order',
    'I want to cancel the order',
    'cancel it, ordered by mistake',
  ],
  invoice: [
    '麻烦开一张发票',
    '发票抬头写错了要重开',
    '电子发票在哪里下载',
    'can I get an invoice',
    'the invoice has the wrong company name',
    'please send me a VAT invoice',
  ],
};

describe('serviq train --mode centroid / eval / classify', () => {
  const dir = tempDir();
  const csv = join(dir, 'requests.csv');
  const devCsv = join(dir, 'requests-dev.csv');
  const entries = Object.entries(CATEGORIES).flatMap(([category, texts]) =>
    texts.map((t, i) => ({ category, t, i })),
  );
  const line = (e: { category: string; t: string }) => `"${e.t}",${e.category}`;
  writeFileSync(
    csv,
    `text,category\n${entries
      .filter((e) => e.i < 4)
      .map(line)
      .join('\n')}\n`,
  );
  writeFileSync(
    devCsv,
    `text,category\n${entries
      .filter((e) => e.i >= 4)
      .map(line)
      .join('\n')}\n`,
  );
  const model = join(dir, 'centroid.json');
  const cols = ['--label-col', 'category'];

  it('trains nearest centroids and writes a serviq-centroid model', async () => {
    const run = await runCli([
      'train',
      '--task',
      'category',
      '--data',
      csv,
      '--dev',
      devCsv,
      ...cols,
      '--mode',
      'centroid',
      '--out',
      model,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /trained category: 4 labels, nearest centroids, best refining pass \d, temperature /,
    );
    const file = JSON.parse(readFileSync(model, 'utf8'));
    assert.equal(file.format, 'serviq-centroid');
    assert.deepEqual(file.labels, ['cancel', 'delivery', 'invoice', 'refund']);
    assert.equal(file.meta.trainRows, 16);
  });

  it('evaluates the centroid model like a linear one', async () => {
    const jsonl = join(dir, 'eval.jsonl');
    const rows = [
      { text: '退款到现在还没到账', category: 'refund' },
      { text: 'my package has still not been delivered, where is it', category: 'delivery' },
      { text: '订单不要了，帮我取消', category: 'cancel' },
      { text: '发票抬头能重开吗', category: 'invoice' },
    ];
    writeFileSync(jsonl, rows.map((r) => JSON.stringify(r)).join('\n'));
    const run = await runCli(['eval', '--model', model, '--data', jsonl, ...cols, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.examples, 4);
    assert.equal(report.accuracy, 1);
    assert.equal(report.confusion.length, 4);
    const text = await runCli(['eval', '--model', model, '--data', jsonl, ...cols]);
    assert.match(text.stdout, /^examples 4 {2}accuracy 1 /);
  });

  it('classifies stdin with the top 3 categories, best first', async () => {
    const run = await runCli(['classify', '--model', model, '--top', '3'], {
      stdin: '请帮我取消这个订单\nI need an invoice for my order\n',
    });
    assert.equal(run.code, 0, run.stderr);
    const out = resultsOf(run.stdout) as {
      label: string;
      confidence: number;
      top: { confidence: number }[];
    }[];
    assert.deepEqual(
      out.map((o) => o.label),
      ['cancel', 'invoice'],
    );
    for (const o of out) {
      assert.equal(o.top.length, 3);
      assert.ok(o.confidence > 0 && o.confidence <= 1);
      assert.ok(o.top.every((t, i) => i === 0 || t.confidence <= (o.top[i - 1]?.confidence ?? 0)));
    }
  });

  it('refuses an unknown --mode', async () => {
    const run = await runCli(['train', '--task', 'x', '--data', csv, '--mode', 'knn', '--out', model]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--mode must be auto, linear or centroid/);
  });
});
