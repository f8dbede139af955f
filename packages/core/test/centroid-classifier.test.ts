import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hashedFeatures,
  type LabelledVector,
  parseCentroidClassifier,
  parseClassifierModel,
  serializeCentroidClassifier,
  serializeLinearClassifier,
  trainCentroidClassifier,
  trainLinearClassifier,
} from '@serviq/core';

const BITS = 14;

// Customer requests of five intents, Chinese and English, as a help desk receives them.
const INTENTS: Record<string, string[]> = {
  refund: [
    '退款什么时候到账？',
    '我申请的退款还没收到',
    '钱怎么还没退回来，都一周了',
    'when will I get my refund',
    'my refund has not arrived yet',
    'I returned it, where is my money back',
  ],
  delivery: [
    '快递到哪了？三天了还没到',
    '物流一直不更新',
    '包裹显示已签收但我没收到',
    'where is my package',
    'the delivery is late, tracking has not moved',
    'courier never came, parcel still not delivered',
  ],
  cancel: [
    '我想取消订单',
    '刚下的单帮我取消一下',
    '不要了，订单取消',
    'please cancel my order',
    'I want to cancel the order I just placed',
    'cancel order please, ordered by mistake',
  ],
  address: [
    '收货地址填错了，能改吗',
    '帮我修改一下收货地址',
    '地址写错了要换成公司地址',
    'I need to change my shipping address',
    'wrong address on the order, can you update it',
    'please update the delivery address to my office',
  ],
  invoice: [
    '麻烦开一张发票',
    '发票抬头写错了要重开',
    '电子发票在哪里下载',
    'can I get an invoice for this order',
    'the invoice has the wrong company name',
    'please send me a VAT invoice',
  ],
};
const LABELS = Object.keys(INTENTS).sort();

/** The examples of each intent whose index `keep` accepts. */
function examples(keep: (i: number) => boolean): LabelledVector[] {
  return LABELS.flatMap((label, y) =>
    (INTENTS[label] as string[]).flatMap((text, i) =>
      keep(i) ? [{ x: hashedFeatures(text, BITS), y }] : [],
    ),
  );
}

// Two examples of each intent are held out to pick the refining pass and fit the temperature.
const isDev = (i: number) => i === 2 || i === 5;

function train() {
  return trainCentroidClassifier(
    examples((i) => !isDev(i)),
    examples(isDev),
    { labels: LABELS, bits: BITS },
  );
}

// Unseen requests built from words the examples use.
const UNSEEN: [string, string][] = [
  ['退款到现在还没到账', 'refund'],
  ['where is my package, tracking not updated', 'delivery'],
  ['订单不要了，帮我取消', 'cancel'],
  ['can you change the address on my order', 'address'],
  ['发票抬头能重开吗', 'invoice'],
  ['I still have not received my refund', 'refund'],
];

describe('centroid classifier', () => {
  it('predicts the intent of unseen requests in both languages', () => {
    const { model, report } = train();
    for (const [text, label] of UNSEEN)
      assert.equal(model.predict(hashedFeatures(text, BITS)).label, label, text);
    assert.ok(report.temperature > 0);
    assert.equal(report.passes[0]?.pass, 0);
  });

  it('ranks the top classes best first, with confidences in (0, 1]', () => {
    const { model } = train();
    const p = model.predict(hashedFeatures('退款还没到，快递也没收到', BITS), 3);
    assert.equal(p.top.length, 3);
    assert.deepEqual(
      p.top
        .slice(0, 2)
        .map((t) => t.label)
        .sort(),
      ['delivery', 'refund'],
    );
    assert.equal(p.label, p.top[0]?.label);
    assert.equal(p.confidence, p.top[0]?.confidence);
    assert.ok(p.confidence > 0 && p.confidence <= 1, String(p.confidence));
    // Lower ranks may round to 0 at three decimals, as the linear model's do.
    for (let i = 1; i < p.top.length; i++) {
      const c = p.top[i]?.confidence ?? 0;
      assert.ok(c >= 0 && c <= (p.top[i - 1]?.confidence ?? 0), String(c));
    }
    const all = model.predict(hashedFeatures('where is my refund', BITS), LABELS.length);
    assert.deepEqual(all.top.map((t) => t.label).sort(), LABELS);
    const sum = all.top.reduce((s, t) => s + t.confidence, 0);
    assert.ok(Math.abs(sum - 1) < 0.01, String(sum));
  });

  it('answers among some labels only when asked, renormalised', () => {
    const { model } = train();
    const x = hashedFeatures('when will I get my refund', BITS);
    const p = model.predict(x, 2, new Set(['cancel', 'invoice']));
    assert.ok(['cancel', 'invoice'].includes(p.label));
    assert.ok(Math.abs((p.top[0]?.confidence ?? 0) + (p.top[1]?.confidence ?? 0) - 1) < 0.01);
  });

  it('gives a text sharing no feature with any class a low confidence', () => {
    const { model } = train();
    const p = model.predict(hashedFeatures('🦄', BITS));
    assert.ok(p.confidence > 0 && p.confidence <= 1 / LABELS.length + 0.01, String(p.confidence));
  });

  it('trains deterministically', () => {
    const a = train();
    const b = train();
    assert.deepEqual(a.model.weights, b.model.weights);
    assert.deepEqual(a.model.buckets, b.model.buckets);
    assert.deepEqual(a.report, b.report);
    assert.deepEqual(
      serializeCentroidClassifier(a.model, 'intent'),
      serializeCentroidClassifier(b.model, 'intent'),
    );
  });

  it('predicts identically after serialising and parsing', () => {
    const { model } = train();
    const file = JSON.parse(JSON.stringify(serializeCentroidClassifier(model, 'intent', { trainRows: 30 })));
    assert.equal(file.format, 'serviq-centroid');
    const back = parseCentroidClassifier(file);
    assert.deepEqual(back.labels, model.labels);
    assert.deepEqual(back.featureWeight, model.featureWeight);
    assert.deepEqual(back.weights, model.weights);
    for (const text of [...UNSEEN.map(([t]) => t), '你好', 'thanks 😊', '']) {
      const x = hashedFeatures(text, BITS);
      assert.deepEqual(back.predict(x, 3), model.predict(x, 3), text);
      assert.deepEqual(back.similarities(x), model.similarities(x), text);
    }
  });

  it('parseClassifierModel reads either kind and names the field at fault', () => {
    const { model } = train();
    const centroidFile = JSON.parse(JSON.stringify(serializeCentroidClassifier(model, 'intent')));
    const data = examples(() => true);
    const linear = trainLinearClassifier(data, data, { labels: LABELS, bits: BITS, seed: 1 }).model;
    const linearFile = JSON.parse(JSON.stringify(serializeLinearClassifier(linear, 'intent')));
    const x = hashedFeatures('please cancel my order', BITS);
    assert.equal(parseClassifierModel(centroidFile).predict(x).label, 'cancel');
    assert.equal(parseClassifierModel(linearFile).predict(x).label, 'cancel');
    assert.throws(
      () => parseClassifierModel({ format: 'other' }),
      /format: expected serviq-linear or serviq-centroid/,
    );
    assert.throws(() => parseClassifierModel(null), /format/);
    assert.throws(() => parseClassifierModel({ ...centroidFile, sizes: [1, 2] }), /sizes/);
    assert.throws(() => parseClassifierModel({ ...centroidFile, scales: 'x' }), /scales/);
    assert.throws(() => parseClassifierModel({ ...centroidFile, bits: 0 }), /bits/);
    assert.throws(() => parseClassifierModel({ ...centroidFile, temperature: -1 }), /temperature/);
    assert.throws(
      () => parseClassifierModel({ ...centroidFile, weights: 'AAAA' }),
      /weights: expected \d+ bytes/,
    );
    assert.throws(() => parseClassifierModel({ ...centroidFile, featureBuckets: 7 }), /featureBuckets/);
  });
});
