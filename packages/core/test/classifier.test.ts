import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  evaluateClassifier,
  hashedFeatures,
  type LabelledVector,
  parseLinearClassifier,
  serializeLinearClassifier,
  trainLinearClassifier,
} from '@serviq/core';

const BITS = 14;

// Short customer utterances, the kind the shipped models will score.
const POSITIVE = [
  '谢谢你们，处理得很快',
  '非常满意，客服态度很好',
  '好的，问题解决了，谢谢',
  '太棒了，已经收到退款',
  'great, thanks for the quick help',
  'perfect, that solved it',
  'thank you so much, very helpful 😊',
  '物流很快，包装也好👍',
];
const NEGATIVE = [
  '太慢了，等了三天还没到',
  '什么破服务，我要投诉',
  '退款到现在还没到账，太差了',
  '态度很差，问了半天没人理',
  'this is ridiculous, still no refund',
  'worst service ever, cancel my account',
  'terrible, nobody answers 😡',
  '东西坏了，质量太差',
];

function dataset(): LabelledVector[] {
  return [
    ...POSITIVE.map((t) => ({ x: hashedFeatures(t, BITS), y: 0 })),
    ...NEGATIVE.map((t) => ({ x: hashedFeatures(t, BITS), y: 1 })),
  ];
}

describe('hashed features', () => {
  it('are sorted, unique, L2-normalised and the same for the same text', () => {
    const a = hashedFeatures('退款太慢了！！ refund is slow 😡', BITS);
    const b = hashedFeatures('退款太慢了！！ refund is slow 😡', BITS);
    assert.deepEqual(a, b);
    for (let i = 1; i < a.indices.length; i++)
      assert.ok((a.indices[i] as number) > (a.indices[i - 1] as number));
    const norm = Math.sqrt(a.values.reduce((s, v) => s + v * v, 0));
    assert.ok(Math.abs(norm - 1) < 1e-6);
    // 退款太慢了: 5 + 4 + 3 Han n-grams; refund/is/slow and two bigrams; char 3-grams; !!; 😡
    assert.ok(a.indices.length >= 25, String(a.indices.length));
  });

  it('share features between a word and its inflections, and between full- and half-width text', () => {
    const shared = (x: string, y: string) => {
      const a = new Set(hashedFeatures(x, BITS).indices);
      return hashedFeatures(y, BITS).indices.filter((i) => a.has(i)).length;
    };
    assert.ok(shared('refunds', 'refunded') >= 1);
    assert.equal(shared('ＲＥＦＵＮＤ', 'refund'), hashedFeatures('refund', BITS).indices.length);
    assert.equal(shared('您好', 'goodbye'), 0);
  });
});

describe('linear classifier', () => {
  it('learns to separate positive from negative, deterministically for a seed', () => {
    const data = dataset();
    const a = trainLinearClassifier(data, data, { labels: ['positive', 'negative'], bits: BITS, seed: 7 });
    const b = trainLinearClassifier(data, data, { labels: ['positive', 'negative'], bits: BITS, seed: 7 });
    assert.deepEqual(a.model.weights, b.model.weights);
    assert.equal(a.model.temperature, b.model.temperature);
    const predicted = data.map((d) => a.model.predict(d.x).label);
    const actual = data.map((d) => (d.y === 0 ? 'positive' : 'negative'));
    assert.equal(evaluateClassifier(actual, predicted, ['positive', 'negative']).accuracy, 1);
    // Unseen text built from words it has seen.
    assert.equal(a.model.predict(hashedFeatures('客服态度太差，退款还没到', BITS)).label, 'negative');
    assert.equal(a.model.predict(hashedFeatures('thanks, very helpful', BITS)).label, 'positive');
  });

  it('survives serialisation with the same predictions (8-bit weights)', () => {
    const data = dataset();
    const { model } = trainLinearClassifier(data, data, {
      labels: ['positive', 'negative'],
      bits: BITS,
      seed: 3,
    });
    const file = JSON.parse(JSON.stringify(serializeLinearClassifier(model, 'sentiment')));
    const back = parseLinearClassifier(file);
    for (const text of ['退款太慢了', 'thank you', '一般般吧', '😡😡']) {
      const x = hashedFeatures(text, BITS);
      const p = model.predict(x);
      const q = back.predict(x);
      assert.equal(q.label, p.label, text);
      assert.ok(Math.abs(q.confidence - p.confidence) < 0.03, `${text}: ${p.confidence} vs ${q.confidence}`);
    }
    assert.throws(() => parseLinearClassifier({ format: 'other' }), /not a serviq-linear model/);
  });
});

describe('evaluateClassifier', () => {
  it('computes accuracy, macro-F1, macro-recall and the confusion matrix', () => {
    const actual = ['a', 'a', 'a', 'b', 'b', 'c'];
    const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];
    const r = evaluateClassifier(actual, predicted, ['a', 'b', 'c']);
    assert.equal(r.accuracy, 0.6667);
    assert.deepEqual(r.confusion, [
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    // a: P 1, R 2/3, F1 0.8; b: P 0.5, R 0.5, F1 0.5; c: P 0.5, R 1, F1 2/3.
    assert.deepEqual(
      r.classes.map((c) => [c.label, c.precision, c.recall, c.f1, c.support]),
      [
        ['a', 1, 0.6667, 0.8, 3],
        ['b', 0.5, 0.5, 0.5, 2],
        ['c', 0.5, 1, 0.6667, 1],
      ],
    );
    assert.equal(r.macroF1, 0.6556);
    assert.equal(r.macroRecall, 0.7222);
  });
});
