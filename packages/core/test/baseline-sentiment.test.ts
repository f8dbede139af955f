import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreSentiment } from '../src/sentiment/baseline-sentiment.ts';
import { computeTextFeatures } from '../src/text/text-features.ts';

const score = (text: string) => {
  const f = computeTextFeatures(text);
  return scoreSentiment(f.normalized, f.emoji);
};

describe('baseline sentiment lexicon', () => {
  it('labels clear customer-service cases', () => {
    assert.equal(score('怎么还没到！！！我要投诉').label, 'negative');
    assert.equal(score('怎么还没到！！！我要投诉').emotion, 'anger');
    assert.equal(score('好的，谢谢，非常满意').label, 'positive');
    assert.equal(score('我想查一下订单').label, 'neutral');
    assert.equal(score('This is ridiculous, worst service ever').label, 'negative');
    assert.equal(score('Thanks, that was really helpful!').label, 'positive');
  });

  it('names no emotion on a neutral message with only a weak cue', () => {
    for (const text of ['我想查一下订单', '好的', 'ok, the order number is 123', '担心吗？不用']) {
      const r = score(text);
      if (r.label === 'neutral')
        assert.ok(['neutral', 'surprise'].includes(r.emotion), `${text}: ${r.emotion}`);
    }
  });

  it('handles negation, degree and contrast', () => {
    assert.ok(score('不满意').polarity < 0);
    assert.ok(score('不是很好').polarity < 0);
    assert.ok(score('非常好').polarity > score('好用').polarity - 1);
    assert.ok(score('服务不错，但是物流太慢了').polarity < 0);
    assert.ok(score('not good').polarity < 0);
  });

  it('does not flag compounds that merely contain a cue, nor negated threats and urgency', () => {
    for (const text of [
      '工商银行 账户名',
      '便携头戴式多媒体耳机',
      '滚轮卡卡的声音',
      '不急，你帮我看看',
      '这个就不算投诉了吧',
      "That's not an issue, thanks Sue",
    ]) {
      assert.deepEqual(score(text).flags, [], text);
    }
    assert.deepEqual(score('我要投诉你们').flags, ['complaint-threat']);
    assert.equal(score('我要投诉你们').label, 'negative');
    assert.deepEqual(score('I will sue you').flags, ['complaint-threat']);
    assert.deepEqual(score('催一下，等着用').flags, ['urgency']);
  });

  it('reads emoji polarity and flags threats, urgency and abuse', () => {
    assert.equal(score('[发怒][发怒]').label, 'negative');
    assert.deepEqual(score('再不处理我就打12315投诉').flags.sort(), ['complaint-threat']);
    assert.ok(score('很急，麻烦尽快').flags.includes('urgency'));
    assert.ok(score('你们客服是智障吗').flags.includes('abuse'));
    assert.ok(score('I will report you, you idiot').flags.includes('abuse'));
    // "sue" inside "issue" is not a threat.
    assert.deepEqual(score('there is an issue with my order').flags, []);
  });
});
