import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeTextFeatures,
  getDefaultEmotionWords,
  hashedFeatures,
  type LabelledVector,
  LinearClassifier,
  parseLinearClassifier,
  SentimentScorer,
  scoreSentiment,
  sentimentCues,
  serializeLinearClassifier,
  trainLinearClassifier,
  tuneClassBias,
} from '@serviq/core';

const BITS = 14;

const ROWS: [string, string][] = [
  ['谢谢你们，处理得很快', 'positive'],
  ['非常满意，客服态度很好', 'positive'],
  ['好的，问题解决了，谢谢', 'positive'],
  ['太棒了，已经收到退款', 'positive'],
  ['物流很快，包装也好', 'positive'],
  ['太慢了，等了三天还没到', 'negative'],
  ['什么破服务，我要投诉', 'negative'],
  ['退款到现在还没到账，太差了', 'negative'],
  ['态度很差，问了半天没人理', 'negative'],
  ['东西坏了，质量太差', 'negative'],
  ['订单号是多少', 'neutral'],
  ['我想查一下物流', 'neutral'],
  ['地址是北京市朝阳区', 'neutral'],
  ['请问什么时候发货', 'neutral'],
  ['我用的是白条支付', 'neutral'],
];

/** The features the shipped models are trained on: n-grams plus the lexicon's cues. */
function vector(text: string): LabelledVector['x'] {
  const f = computeTextFeatures(text);
  const cues = sentimentCues(scoreSentiment(f.normalized, f.emoji), f.normalized, getDefaultEmotionWords());
  return hashedFeatures(f.normalized, BITS, f.emoji, cues);
}

function train(rows: [string, string][]): LinearClassifier {
  const labels = [...new Set(rows.map(([, l]) => l))].sort();
  const data = rows.map(([t, l]) => ({ x: vector(t), y: labels.indexOf(l) }));
  // Round-trip through the file format: the scorer sees what a deployment loads.
  const { model } = trainLinearClassifier(data, data, { labels, bits: BITS, seed: 3, epochs: 30 });
  return parseLinearClassifier(serializeLinearClassifier(model, 'sentiment'));
}

describe('SentimentScorer', () => {
  const sentiment = train(ROWS);
  const emotion = train(
    ROWS.map(([t, l]) => [t, l === 'negative' ? 'anger' : l === 'positive' ? 'joy' : 'neutral']),
  );
  const models = { zh: { sentiment, emotion }, emotionWords: getDefaultEmotionWords() };
  const scorer = new SentimentScorer({ models, isEmotionGuarded: false });
  const guarded = new SentimentScorer({ models });

  it('reads polarity, label, emotion and confidence from the packed models exactly as the models do', () => {
    for (const [text] of ROWS) {
      const f = computeTextFeatures(text);
      const s = scorer.score(f.normalized, f.emoji, f.language, 'customer');
      const p = sentiment.probabilities(vector(text));
      const at = (l: string) => p[sentiment.labels.indexOf(l)] as number;
      assert.ok(Math.abs(s.polarity - (at('positive') - at('negative'))) < 0.002, text);
      const best = sentiment.labels[p.indexOf(Math.max(...p))];
      assert.equal(s.label, best, text);
      const e = emotion.probabilities(vector(text));
      assert.equal(s.emotion, emotion.labels[e.indexOf(Math.max(...e))], text);
      assert.ok(s.confidence > 0 && s.confidence <= 1);
    }
  });

  it('guarded, names the model emotion only when it is sure and agrees with the lexicon', () => {
    for (const [text] of ROWS) {
      const f = computeTextFeatures(text);
      const s = guarded.score(f.normalized, f.emoji, f.language, 'customer');
      const lexical = scoreSentiment(f.normalized, f.emoji);
      const e = emotion.probabilities(vector(text));
      const p = Math.max(...e);
      const best = emotion.labels[e.indexOf(p)];
      if (p < 0.5) assert.equal(s.emotion, lexical.emotion, text);
      else if (p >= 0.8) assert.equal(s.emotion, best, text);
      else assert.ok(s.emotion === best || s.emotion === lexical.emotion, text);
    }
  });

  it('scores training-like customer messages by their class', () => {
    const score = (t: string) => {
      const f = computeTextFeatures(t);
      return scorer.score(f.normalized, f.emoji, f.language, 'customer');
    };
    assert.equal(score('质量太差了，等了三天').label, 'negative');
    assert.equal(score('谢谢，处理得很快').label, 'positive');
    assert.equal(score('谢谢，处理得很快').emotion, 'joy');
  });

  it('uses the lexicon for languages without a model, and for agent messages with agent flags', () => {
    const en = computeTextFeatures('this is the worst service, I will report you');
    const s = scorer.score(en.normalized, en.emoji, en.language, 'customer');
    assert.deepEqual(s, { ...scoreSentiment(en.normalized, en.emoji), flags: s.flags });
    assert.ok(s.flags.includes('complaint-threat'));
    const agent = computeTextFeatures('你有病吧，我已经说过了');
    const a = scorer.score(agent.normalized, agent.emoji, agent.language, 'agent');
    assert.ok(a.flags.includes('rude'), 'an insult from the agent is rudeness');
    assert.ok(a.flags.includes('impatient'));
    const customer = scorer.score(agent.normalized, agent.emoji, agent.language, 'customer');
    assert.ok(!customer.flags.includes('rude') && !customer.flags.includes('impatient'));
  });

  it('calls a two-class model unsure on a message the lexicon finds nothing in neutral', () => {
    const binary = train(ROWS.filter(([, l]) => l !== 'neutral'));
    const twoWay = new SentimentScorer({ models: { zh: { sentiment: binary } } });
    const f = computeTextFeatures('我用的是白条支付');
    const s = twoWay.score(f.normalized, f.emoji, f.language, 'customer');
    const p = binary.probabilities(vector('我用的是白条支付'));
    const margin = Math.abs((p[1] as number) - (p[0] as number));
    assert.equal(
      s.label,
      margin < 0.6 ? 'neutral' : (p[1] as number) > (p[0] as number) ? 'positive' : 'negative',
    );
  });

  it('refuses models of one language with different feature sizes', () => {
    const other = new LinearClassifier(['joy', 'anger'], 12);
    assert.throws(
      () => new SentimentScorer({ models: { zh: { sentiment: train(ROWS), emotion: other } } }),
      /same feature bits/,
    );
  });
});

describe('tuneClassBias', () => {
  it('shifts biases towards a class the model under-predicts, raising macro-recall', () => {
    const labels = ['a', 'b'];
    // Class b's logit is always a little low: every b row is misread until its bias moves.
    const model = new LinearClassifier(labels, 4);
    model.weights[1] = 1; // class a, bucket 1
    model.weights[16 + 1] = 0.6; // class b, bucket 1
    model.weights[16 + 2] = 1; // class b, bucket 2
    const x1 = { indices: Int32Array.of(1), values: Float32Array.of(1) };
    const x12 = { indices: Int32Array.of(1, 2), values: Float32Array.of(0.8, 0.3) };
    const dev = [
      { x: x1, y: 0 },
      { x: x1, y: 0 },
      { x: x12, y: 1 },
      { x: x12, y: 1 },
    ];
    assert.equal(model.predict(x12).label, 'a');
    const offsets = tuneClassBias(model, dev, 'macroRecall');
    assert.ok((offsets[1] as number) > (offsets[0] as number));
    assert.equal(model.predict(x12).label, 'b');
    assert.equal(model.predict(x1).label, 'a');
  });
});

describe('predict among labels', () => {
  it('answers among the labels asked for, renormalised', () => {
    const model = train(ROWS);
    const p = model.predict(vector('请问什么时候发货'), 3, new Set(['negative', 'positive']));
    assert.ok(p.top.every((t) => t.label !== 'neutral'));
    assert.equal(p.top.length, 2);
    assert.ok(Math.abs(p.top.reduce((s, t) => s + t.confidence, 0) - 1) < 0.002);
  });
});

describe('hashed features', () => {
  it('mark English words after a negator up to the next punctuation', () => {
    const good = hashedFeatures('good', BITS);
    const notGood = hashedFeatures('not good', BITS);
    const notThenGood = hashedFeatures('not. good', BITS);
    const extra = (x: LabelledVector['x']) => new Set(x.indices);
    // "not good" adds the bigram and the negated-good feature; across "." there is neither.
    assert.equal(notGood.indices.length, notThenGood.indices.length + 2);
    const fine = hashedFeatures('not fine good', BITS);
    const fineGood = hashedFeatures('fine good', BITS);
    // Both words after "not" are marked: two negated words, one more bigram than "fine good".
    assert.equal(
      fine.indices.length - fineGood.indices.length,
      hashedFeatures('not', BITS).indices.length + 3,
    );
    for (const k of good.indices) assert.ok(extra(notGood).has(k));
  });

  it('add named cues with their amounts', () => {
    const plain = hashedFeatures('退款', BITS);
    const cued = hashedFeatures('退款', BITS, [], [['lexicon:negative', 2]]);
    assert.equal(cued.indices.length, plain.indices.length + 1);
    assert.deepEqual(hashedFeatures('退款', BITS, [], [['lexicon:negative', 0]]), plain);
  });
});
