import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileSentimentLexicon,
  explainSentiment,
  MESSAGE_FLAGS,
  scoreSentiment,
} from '../src/sentiment/baseline-sentiment.ts';
import { computeTextFeatures } from '../src/text/text-features.ts';

const score = (text: string) => {
  const f = computeTextFeatures(text);
  return scoreSentiment(f.normalized, f.emoji);
};
const polarity = (text: string) => score(text).polarity;
const explain = (text: string) => {
  const f = computeTextFeatures(text);
  return explainSentiment(f.normalized, f.emoji);
};

function assertLabel(label: 'negative' | 'neutral' | 'positive', texts: string[]): void {
  for (const text of texts) assert.equal(score(text).label, label, text);
}

function assertFlag(flag: (typeof MESSAGE_FLAGS)[number], texts: string[]): void {
  for (const text of texts) assert.ok(score(text).flags.includes(flag), `${text}: ${score(text).flags}`);
}

function assertNoFlag(texts: string[]): void {
  for (const text of texts) assert.deepEqual(score(text).flags, [], text);
}

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

describe('negation', () => {
  it('reaches the next term but not across sentence punctuation or a line break', () => {
    assertLabel('positive', [
      '不，很好',
      '没有，服务很满意',
      '还没有。客服很耐心',
      '不！这次很满意',
      'No, this is great',
    ]);
    assert.ok(polarity('不\n满意') > 0);
    assert.ok(polarity('不满意') < 0);
    // Too far away: the negator is about 发货, not about the threat that follows.
    assert.deepEqual(score('再不发货我就投诉').flags, ['complaint-threat']);
  });

  it('softens with 不太 / 不是很 / not very: milder than a full negation', () => {
    for (const [soft, full] of [
      ['不是很好', '不好'],
      ['不太满意', '不满意'],
      ['不怎么好吃', '不好吃'],
      ['not very helpful', 'not helpful'],
      ['the agent was not really friendly', 'the agent was not friendly'],
    ] as const) {
      assert.ok(polarity(soft) < 0, soft);
      assert.ok(polarity(soft) > polarity(full), `${soft} should be milder than ${full}`);
    }
    assert.ok(
      explain('不是很满意').evidence.some((e) => e.text === '满意' && e.modifiers.includes('softened')),
    );
  });

  it('reads a double negation as a mild positive', () => {
    assert.ok(polarity('不是不好') > 0);
    assert.ok(polarity('不是不好') < polarity('很好'));
    assert.ok(polarity('not bad') > 0);
  });

  it('keeps fixed phrases whole: 没问题, 不错, not bad, no problem, 不客气, 不好意思', () => {
    assertLabel('positive', ['没问题，谢谢', '不错不错', 'not bad at all, thanks', 'no problem, thanks!']);
    assert.ok(polarity('没问题') > 0);
    assert.ok(polarity('不错') > 0);
    // Courtesy formulas are neutral to positive, never a negated bad thing.
    for (const text of ['不客气', '不用谢', '不好意思，我想改一下收货地址']) {
      assert.ok(polarity(text) >= 0, text);
      assert.equal(score(text).emotion, 'neutral', text);
    }
    // A-not-A questions (能不能, 是不是) are questions, not negations.
    assert.deepEqual(score('能不能快点发货').flags, ['urgency']);
  });

  it('keeps a prohibited bad thing bad: 别再拖了 is still a complaint', () => {
    assertLabel('negative', ['别再拖了，赶紧发货', '不要骗人']);
  });
});

describe('degree and contrast', () => {
  it('scales by degree adverbs, both ways', () => {
    assert.ok(polarity('非常满意') > polarity('满意'));
    assert.ok(polarity('太慢了') < polarity('有点慢'));
    assert.ok(polarity('有点慢') < 0);
    assert.ok(polarity('very good') > polarity('good'));
    assert.ok(polarity('good') > polarity('kinda good'));
    assert.ok(polarity('so disappointed') < polarity('disappointed'));
  });

  it('gives what follows a contrast the upper hand', () => {
    assertLabel('negative', [
      '服务不错，但是物流太慢了',
      '味道还可以，不过送得太慢了',
      'The food was great but the delivery was terrible',
    ]);
    assertLabel('positive', [
      '物流很慢，不过客服态度非常好',
      '虽然贵了点，但是很好吃',
      'It took a while, but the agent was very helpful',
    ]);
  });
});

describe('punctuation and emoji', () => {
  it('reads !!! as intensity, ??? and 。。。 as exasperation', () => {
    assert.ok(polarity('怎么还没到！！！') < polarity('怎么还没到'));
    assert.ok(polarity('太棒了！！！') > polarity('太棒了'));
    assert.ok(polarity('why is it still not here???') < polarity('why is it still not here'));
    assert.equal(score('你们怎么回事？？？').label, 'negative');
    assert.equal(score('你们怎么回事？？？').emotion, 'anger');
    assert.ok(polarity('还没到。。。') < polarity('还没到'));
  });

  it('adds emoji polarity and does not count a bracket emoji twice', () => {
    assert.equal(score('谢谢😊').label, 'positive');
    assert.equal(score('[发怒][发怒]').label, 'negative');
    const r = explain('[难过]');
    assert.deepEqual(
      r.evidence.map((e) => e.kind),
      ['emoji'],
    );
  });
});

describe('customer-service phrases', () => {
  it('reads complaints in Chinese', () => {
    assertLabel('negative', [
      '催了好几次了',
      '等了半天还没到',
      '你们是骗子',
      '垃圾服务',
      '又被坑了',
      '没人管吗',
      '太慢了',
      '给差评',
      '申请退款，质量太差',
    ]);
  });

  it('reads complaints in English', () => {
    assertLabel('negative', [
      'worst service ever',
      'this is ridiculous',
      'I want to cancel my account',
      'this is unacceptable',
      'still waiting for my refund',
      'this is a scam',
      'terrible service',
      'never again',
    ]);
  });
});

describe('flags', () => {
  it('flags urgency', () => {
    assertFlag('urgency', [
      '很急',
      '麻烦尽快处理',
      '马上给我退款',
      '赶紧发货',
      'please send it asap',
      'this is urgent',
    ]);
    assertFlag('urgency', ['I need this immediately']);
  });

  it('flags complaint threats', () => {
    assertFlag('complaint-threat', [
      '我要投诉',
      '再不处理我就打12315',
      '给差评',
      '我要曝光你们',
      '已经联系媒体了',
      '我会找律师起诉你们',
      '去消协投诉',
      'I will report you',
      'my lawyer will contact you',
      'I will sue',
      'I am filing with the BBB',
      'I will leave a bad review',
    ]);
  });

  it('does not flag withdrawn threats', () => {
    assertNoFlag([
      '这个就不算投诉了吧',
      '我不会投诉的，放心',
      '我不投诉了',
      '不想投诉，就是问问',
      "I won't complain",
      "I'm not going to leave a bad review",
    ]);
  });

  it('flags abuse toward the other party', () => {
    assertFlag('abuse', [
      '你们是傻逼吗',
      'sb客服',
      '脑残',
      '废物',
      '滚',
      '你有病吧',
      'you idiot',
      'stupid',
      'moron',
      'f*** you',
    ]);
    assertNoFlag(['滚轮卡卡的', '医疗废物怎么处理']);
  });

  it('flags an impatient agent', () => {
    assertFlag('impatient', [
      '我已经说过了，你自己看订单',
      '说了多少遍了',
      '你听不懂吗',
      '自己看',
      '没办法',
      '爱咋咋地',
      '随便你',
      '你到底要怎样',
      'I already told you',
      'As I said, the order ships tomorrow',
      'read the FAQ',
      'calm down',
      'whatever',
    ]);
  });

  it('flags a rude agent', () => {
    assertFlag('rude', [
      '你有病吧',
      '不会自己查吗',
      '关我什么事',
      '你烦不烦',
      '滚',
      'shut up',
      'not my problem',
      'just deal with it',
      'you idiot',
    ]);
    assert.ok(MESSAGE_FLAGS.includes('impatient') && MESSAGE_FLAGS.includes('rude'));
    // A polite agent raises nothing.
    assertNoFlag(['您好，请问有什么可以帮您？', 'Thanks for waiting, I have refunded your order.']);
  });
});

describe('sarcasm', () => {
  it('reads sneering cues as negative', () => {
    assertLabel('negative', ['呵呵', '好吧好吧', '你们真行', '真是服了', 'yeah right', 'thanks for nothing']);
  });

  it('turns a positive cue negative only in a negative message', () => {
    for (const [sneer, sincere] of [
      ['谢谢你们啊，三天了还没发货', '谢谢你们，问题解决了'],
      ['厉害了，又发错货', '厉害了，一下就解决了'],
      ['Great job, my package is lost again', 'Great job, thanks for the quick fix'],
      ['I love how nobody answers my emails', 'I love how fast the delivery was'],
    ] as const) {
      assert.equal(score(sneer).label, 'negative', sneer);
      assert.equal(score(sincere).label, 'positive', sincere);
    }
    const r = explain('谢谢你们啊，三天了还没发货');
    const cue = r.evidence.find((e) => e.text === '谢谢你们啊');
    assert.ok(cue && cue.contribution < 0 && cue.modifiers.includes('sarcasm'));
  });
});

describe('emotions', () => {
  it('picks the Ekman emotion from lexicon terms, emoji and punctuation', () => {
    const cases: [string, string][] = [
      ['气死我了，等了半天还没到', 'anger'],
      ['火大，你们太过分了', 'anger'],
      ['I am so angry, this is ridiculous', 'anger'],
      ['太恶心了，菜里有头发', 'disgust'],
      ['That is disgusting, gross', 'disgust'],
      ['有点担心会不会丢件', 'fear'],
      ['我好害怕万一被盗刷了', 'fear'],
      ['I am worried and scared about my account', 'fear'],
      ['收到了很失望，心累', 'sadness'],
      ['好难过，伤心', 'sadness'],
      ['so sad and disappointed', 'sadness'],
      ['非常满意，谢谢你们', 'joy'],
      ['太开心了，感谢！', 'joy'],
      ['I love it, thanks so much!', 'joy'],
      ['居然这么快就到了！', 'surprise'],
      ['wow, I am surprised', 'surprise'],
      ['请问发票怎么开', 'neutral'],
      ['What is my order number?', 'neutral'],
    ];
    for (const [text, emotion] of cases) assert.equal(score(text).emotion, emotion, text);
  });
});

describe('explanations and custom lexicons', () => {
  it('explains a score term by term with the modifiers that changed it', () => {
    const r = explain('服务不错，但是物流太慢了');
    assert.equal(r.polarity, score('服务不错，但是物流太慢了').polarity);
    const good = r.evidence.find((e) => e.text === '不错');
    const slow = r.evidence.find((e) => e.text === '太慢');
    assert.ok(good?.modifiers.includes('before-contrast'));
    assert.ok(slow?.modifiers.includes('after-contrast'));
    assert.ok(Math.abs(r.evidence.reduce((s, e) => s + e.contribution, 0) - r.score) < 1e-9);
  });

  it('compiles a lexicon in the original shape, without the newer optional sections', () => {
    const lex = compileSentimentLexicon({
      polarity: { 好评: 2, 差评: -2 },
      negators: ['不'],
      degree: { 很: 1.5 },
      contrast: ['但是'],
      emotions: { joy: ['好评'] },
      flags: { 'complaint-threat': ['差评'] },
    });
    assert.equal(scoreSentiment('很好评', [], lex).label, 'positive');
    assert.deepEqual(scoreSentiment('给差评', [], lex).flags, ['complaint-threat']);
    assert.deepEqual(scoreSentiment('不给差评', [], lex).flags, []);
  });
});
