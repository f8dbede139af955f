import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledRuleSet, Conversation, RuleVerdict } from '@serviq/core';
import { compile, conversation, judge, type Line, START } from './rule-test-kit.ts';

// Behaviour of every building block of docs/rules.md ("Conditions"). Expected values are worked
// out by hand from the spec; offsets count UTF-16 units of the original text.

type Span = [message: number, start: number, end: number, text: string];

function verdictsOf(ruleSet: CompiledRuleSet, conv: Conversation): Map<string, RuleVerdict> {
  return judge(ruleSet, conv).verdicts;
}

/** Several rules, each `id: condition` (YAML flow text) as a detect with points −1, judged on one conversation. */
function detectAll(
  conditions: Record<string, string>,
  lines: Line[],
  fields: Record<string, unknown> = {},
): Map<string, RuleVerdict> {
  const rules = Object.entries(conditions)
    .map(([id, c]) => `  - id: ${id}\n    points: -1\n    detect: ${c}\n`)
    .join('');
  return verdictsOf(
    compile({ 'rules.yaml': `scorecard: { id: qa }\nrules:\n${rules}` }),
    conversation(lines, fields),
  );
}

/** One rule with `detect: condition` (YAML flow text). */
function detect(condition: string, lines: Line[], fields: Record<string, unknown> = {}): RuleVerdict {
  const v = detectAll({ r: condition }, lines, fields).get('r');
  assert.ok(v, 'the rule has a verdict');
  return v;
}

function spans(v: RuleVerdict): Span[] {
  return v.evidence.map((e) => [e.message, e.start, e.end, e.text] as Span);
}

function messagesOf(v: RuleVerdict): number[] {
  return [...new Set(v.evidence.map((e) => e.message))].sort((a, b) => a - b);
}

function whole(message: number, text: string): Span {
  return [message, 0, text.length, text];
}

function assertHit(v: RuleVerdict, expected?: Span[]): void {
  assert.equal(v.status, 'hit', `expected a hit, got ${v.status}${v.reason ? ` (${v.reason})` : ''}`);
  if (expected) assert.deepEqual(spans(v), expected);
}

function assertPass(v: RuleVerdict): void {
  assert.equal(
    v.status,
    'pass',
    `expected pass, got ${v.status}: ${JSON.stringify(spans(v))} ${v.reason ?? ''}`,
  );
}

function assertNotApplicable(v: RuleVerdict, reason: RegExp): void {
  assert.equal(v.status, 'not-applicable');
  assert.match(v.reason ?? '', reason);
}

describe('role', () => {
  const BOT = '您好，我是智能助手小Q，请问有什么可以帮您';
  const lines: Line[] = [
    ['bot', BOT, 0],
    ['customer', '转人工', 5],
    ['agent', '您好，我是客服小李', 20],
    ['customer', '你好，我的订单还没到', 30],
  ];

  it('keeps a map to messages of the role', () => {
    assertHit(detect('{ role: agent, keywords: { any: [您好] } }', lines), [[2, 0, 2, '您好']]);
    assertPass(detect('{ role: customer, keywords: { any: [您好] } }', lines));
  });

  it('takes a list of roles', () => {
    assertHit(detect('{ role: [agent, bot], keywords: { any: [您好] } }', lines), [
      [0, 0, 2, '您好'],
      [2, 0, 2, '您好'],
    ]);
  });

  it('alone, makes every message of the role evidence as a whole', () => {
    assertHit(detect('{ role: bot }', lines), [whole(0, BOT)]);
    assertPass(detect('{ role: system }', lines));
  });
});

describe('position', () => {
  const T = [
    '在吗',
    '您好，很高兴为您服务',
    '我想问下退货流程',
    '您可以在订单页面申请退货',
    '好的谢谢',
    '不客气，祝您生活愉快，再见',
  ];
  const lines: Line[] = [
    ['customer', T[0] as string, 0],
    ['agent', T[1] as string, 10],
    ['customer', T[2] as string, 20],
    ['agent', T[3] as string, 30],
    ['customer', T[4] as string, 40],
    ['agent', T[5] as string, 50],
  ];
  const w = (i: number) => whole(i, T[i] as string);

  it('first and last count among the messages of the role', () => {
    const v = detectAll(
      {
        firstAgent: '{ role: agent, position: { first: 1 } }',
        lastAgent: '{ role: agent, position: { last: 1 } }',
        firstTwoCustomer: '{ role: customer, position: { first: 2 } }',
      },
      lines,
    );
    assertHit(v.get('firstAgent') as RuleVerdict, [w(1)]);
    assertHit(v.get('lastAgent') as RuleVerdict, [w(5)]);
    assertHit(v.get('firstTwoCustomer') as RuleVerdict, [w(0), w(2)]);
  });

  it('from/to are 1-based and inclusive; negative counts from the end', () => {
    const v = detectAll(
      {
        second: '{ role: agent, position: { from: 2, to: 2 } }',
        lastTwo: '{ role: agent, position: { from: -2 } }',
        secondLast: '{ role: agent, position: { from: -2, to: -2 } }',
        customerTwoToThree: '{ role: customer, position: { from: 2, to: 3 } }',
        upToSecondLast: '{ role: customer, position: { from: 1, to: -2 } }',
      },
      lines,
    );
    assertHit(v.get('second') as RuleVerdict, [w(3)]);
    assertHit(v.get('lastTwo') as RuleVerdict, [w(3), w(5)]);
    assertHit(v.get('secondLast') as RuleVerdict, [w(3)]);
    assertHit(v.get('customerTwoToThree') as RuleVerdict, [w(2), w(4)]);
    assertHit(v.get('upToSecondLast') as RuleVerdict, [w(0), w(2)]);
  });

  it('without a role counts all messages', () => {
    const v = detectAll({ first: '{ position: { first: 1 } }', lastTwo: '{ position: { last: 2 } }' }, lines);
    assertHit(v.get('first') as RuleVerdict, [w(0)]);
    assertHit(v.get('lastTwo') as RuleVerdict, [w(4), w(5)]);
  });

  it('is counted over the whole conversation, not among messages that pass the other filters', () => {
    // The last agent message does not greet: the greeting in the first one must not make it "last".
    assertHit(detect('{ role: agent, position: { first: 1 }, keywords: { any: [您好] } }', lines), [
      [1, 0, 2, '您好'],
    ]);
    assertPass(detect('{ role: agent, position: { last: 1 }, keywords: { any: [您好] } }', lines));
    assertHit(detect('{ role: agent, position: { last: 1 }, keywords: { any: [再见] } }', lines), [
      [5, 11, 13, '再见'],
    ]);
  });
});

describe('keywords', () => {
  const lines: Line[] = [
    ['customer', '我要退款，这个质量太差了', 0],
    ['agent', '非常抱歉给您带来不便，退款申请已经提交', 30],
    ['customer', '抱歉催你们，多久能到账？', 40],
    ['agent', '抱歉，退款一般3到5个工作日到账', 60],
  ];

  it('any: a message with at least one, the matched spans as evidence', () => {
    assertHit(detect('{ role: agent, keywords: { any: [退款申请, 到账] } }', lines), [
      [1, 11, 15, '退款申请'],
      [3, 14, 16, '到账'],
    ]);
    assertPass(detect('{ role: agent, keywords: { any: [退货, 换货] } }', lines));
  });

  it('all: every keyword in the same message', () => {
    assertHit(detect('{ role: agent, keywords: { all: [抱歉, 提交] } }', lines), [
      [1, 2, 4, '抱歉'],
      [1, 17, 19, '提交'],
    ]);
    // 质量 is only in a customer message, 提交 only in an agent one.
    assertPass(detect('{ keywords: { all: [质量, 提交] } }', lines));
  });

  it('none: the message itself is the evidence', () => {
    const calm: Line[] = [
      ['customer', '我要退款', 0],
      ['agent', '退款已经提交', 10],
      ['agent', '抱歉久等了', 20],
    ];
    assertHit(detect('{ role: agent, keywords: { none: [抱歉, 对不起] } }', calm), [
      whole(1, '退款已经提交'),
    ]);
    assertPass(detect('{ role: agent, keywords: { none: [退款, 抱歉] } }', calm));
  });

  it('near: at most `within` characters between, each word may be a list of alternatives', () => {
    const text = '退款的话这边暂时不能处理';
    const near: Line[] = [
      ['customer', '能退款吗', 0],
      ['agent', text, 10],
    ];
    // 退款 [0,2) … 不能 [8,10): 6 characters between.
    assertHit(
      detect('{ role: agent, keywords: { near: { words: [退款, [不行, 不能, 没办法]], within: 6 } } }', near),
      [
        [1, 0, 2, '退款'],
        [1, 8, 10, '不能'],
      ],
    );
    assertPass(
      detect('{ role: agent, keywords: { near: { words: [退款, [不行, 不能, 没办法]], within: 5 } } }', near),
    );
  });

  it('near: ordered requires the first word before the second', () => {
    const reversed: Line[] = [
      ['customer', '我要退款', 0],
      ['agent', '不行，退款要走流程', 10],
    ];
    const words = 'words: [退款, [不行, 不能]], within: 8';
    assertHit(detect(`{ role: agent, keywords: { near: { ${words} } } }`, reversed), [
      [1, 0, 2, '不行'],
      [1, 3, 5, '退款'],
    ]);
    assertPass(detect(`{ role: agent, keywords: { near: { ${words}, ordered: true } } }`, reversed));
  });

  it('count: occurrences of `any` summed over the selected messages, not per message', () => {
    const sorry: Line[] = [
      ['customer', '怎么还没发货', 0],
      ['agent', '抱歉，仓库这边有延迟', 10],
      ['customer', '抱歉催你们，到底什么时候发', 20],
      ['agent', '不好意思，抱歉抱歉，明天一定发', 30],
    ];
    // agent: 抱歉 (1) + 不好意思, 抱歉, 抱歉 (3) = 4; the customer's 抱歉 makes 5 over all messages.
    const v = detectAll(
      {
        agent4: '{ role: agent, keywords: { any: [抱歉, 不好意思], count: { gte: 4 } } }',
        agent5: '{ role: agent, keywords: { any: [抱歉, 不好意思], count: { gte: 5 } } }',
        all5: '{ keywords: { any: [抱歉, 不好意思], count: { eq: 5 } } }',
        never: '{ role: agent, keywords: { any: [对不起], count: { lt: 1 } } }',
      },
      sorry,
    );
    assertHit(v.get('agent4') as RuleVerdict);
    assertPass(v.get('agent5') as RuleVerdict);
    assertHit(v.get('all5') as RuleVerdict);
    // A count needs no message of its own: zero occurrences satisfy lt: 1.
    assertHit(v.get('never') as RuleVerdict);
  });

  it('English keywords match whole words only', () => {
    const v = detectAll({ sue: '{ role: customer, keywords: { any: [sue] } }' }, [
      ['customer', 'There is an issue with my order', 0],
      ['agent', 'Sorry, let me check', 10],
    ]);
    assertPass(v.get('sue') as RuleVerdict);
    assertHit(
      detect('{ role: customer, keywords: { any: [sue] } }', [['customer', 'I will sue your company', 0]]),
      [[0, 7, 10, 'sue']],
    );
    assertPass(
      detect('{ role: customer, keywords: { any: [refund] } }', [['customer', 'It was refunded already', 0]]),
    );
  });

  it('read normalised text (lower case, full width folded) and point into the original', () => {
    assertHit(detect('{ role: customer, keywords: { any: [refund] } }', [['customer', 'REFUND please', 0]]), [
      [0, 0, 6, 'REFUND'],
    ]);
    assertHit(
      detect('{ role: customer, keywords: { any: [vip] } }', [['customer', 'ＶＩＰ客户不能插队吗', 0]]),
      [[0, 0, 3, 'ＶＩＰ']],
    );
    // An English keyword next to Chinese characters is still a whole word.
    assertHit(detect('{ role: customer, keywords: { any: [refund] } }', [['customer', '我要refund', 0]]), [
      [0, 2, 8, 'refund'],
    ]);
  });

  it('Chinese keywords match anywhere', () => {
    assertHit(
      detect('{ role: customer, keywords: { any: [发票] } }', [['customer', '帮我开一张增值税发票', 0]]),
      [[0, 8, 10, '发票']],
    );
    assertHit(
      detect('{ role: customer, keywords: { any: [退款] } }', [['customer', '退款申请单填好了', 0]]),
      [[0, 0, 2, '退款']],
    );
  });

  it('overlapping keywords of different rules both hit (退款 and 退款申请)', () => {
    const v = detectAll(
      {
        refund: '{ role: agent, keywords: { any: [退款] } }',
        refundRequest: '{ role: agent, keywords: { any: [退款申请] } }',
      },
      lines,
    );
    assertHit(v.get('refund') as RuleVerdict, [
      [1, 11, 13, '退款'],
      [3, 3, 5, '退款'],
    ]);
    assertHit(v.get('refundRequest') as RuleVerdict, [[1, 11, 15, '退款申请']]);
  });
});

describe('regex', () => {
  it('is a message filter with the matches as evidence, read in lower case', () => {
    const lines: Line[] = [
      ['customer', '退款什么时候到', 0],
      ['agent', '您可以加我VX，私下给您退', 10],
    ];
    assertHit(detect(`{ role: agent, regex: '(?:加|添加)(?:我|个人)?(?:微信|vx|v信)' }`, lines), [
      [1, 3, 7, '加我VX'],
    ]);
    assertPass(detect(`{ role: customer, regex: '(?:加|添加)(?:我|个人)?(?:微信|vx|v信)' }`, lines));
    assertHit(
      detect(`{ role: customer, regex: 'iphone ?1[5-7]' }`, [['customer', '我的iPhone 16屏幕碎了', 0]]),
      [[0, 2, 11, 'iPhone 16']],
    );
    // Always Unicode: . is one code point, so an emoji is one character.
    assertHit(detect(`{ role: customer, regex: '^.$' }`, [['customer', '😂', 0]]), [[0, 0, 2, '😂']]);
    // Full-width digits are folded before the pattern reads them.
    assertHit(detect(`{ regex: '\\d{6}' }`, [['customer', '订单号１２３４５６', 0]]), [
      [0, 3, 9, '１２３４５６'],
    ]);
  });

  it('{ pattern, count } counts matches over the selected messages', () => {
    const lines: Line[] = [
      ['customer', '我的号码是13700001111', 0],
      ['agent', '可以拨打13800001111咨询', 10],
      ['agent', '或者联系13900002222', 20],
    ];
    const v = detectAll(
      {
        two: `{ role: agent, regex: { pattern: '1[3-9]\\d{9}', count: { gte: 2 } } }`,
        three: `{ role: agent, regex: { pattern: '1[3-9]\\d{9}', count: { gte: 3 } } }`,
        everyone: `{ regex: { pattern: '1[3-9]\\d{9}', count: { eq: 3 } } }`,
      },
      lines,
    );
    assertHit(v.get('two') as RuleVerdict);
    assertPass(v.get('three') as RuleVerdict);
    assertHit(v.get('everyone') as RuleVerdict);
  });
});

describe('similar', () => {
  const examples = 'examples: [这个问题我处理不了, 这事我管不了]';

  it('catches a paraphrase in a clause; the clause is the evidence', () => {
    // Clause 这个问题我这边处理不了: 10 bigrams, 7 shared with 这个问题我处理不了 (8): cos = 7/√80 ≈ 0.783.
    const lines: Line[] = [
      ['customer', '我的积分为什么被清零了', 0],
      ['agent', '这个问题我这边处理不了，您找别的部门吧', 10],
    ];
    assertHit(detect(`{ role: agent, similar: { ${examples}, threshold: 0.55 } }`, lines), [
      [1, 0, 11, '这个问题我这边处理不了'],
    ]);
    assertHit(detect(`{ role: agent, similar: { ${examples}, threshold: 0.78 } }`, lines));
    assertPass(detect(`{ role: agent, similar: { ${examples}, threshold: 0.8 } }`, lines));
  });

  it('does not hit unrelated text', () => {
    assertPass(
      detect(`{ role: agent, similar: { ${examples}, threshold: 0.55 } }`, [
        ['customer', '快递到哪了', 0],
        ['agent', '您的快递已经在派送中了，请注意查收', 10],
      ]),
    );
  });

  it('uses a default threshold of 0.6', () => {
    // 这个问题我们查: 6 bigrams, 4 shared with the first example (8): cos = 4/√48 ≈ 0.577.
    const lines: Line[] = [
      ['customer', '积分怎么少了', 0],
      ['agent', '这个问题我们查', 10],
    ];
    assertPass(detect(`{ role: agent, similar: { ${examples} } }`, lines));
    assertHit(detect(`{ role: agent, similar: { ${examples}, threshold: 0.55 } }`, lines), [
      whole(1, '这个问题我们查'),
    ]);
  });

  it('scores each clause, and a message of two to four clauses also as a whole', () => {
    // 这个问题呢 → 3/√32 ≈ 0.53 and 我这边处理不了 → 3/√48 ≈ 0.43: no clause reaches 0.6, but the
    // whole message (11 bigrams, 6 shared with the example's 8) scores 6/√88 ≈ 0.64.
    const v = detect('{ role: agent, similar: { examples: [这个问题我处理不了] } }', [
      ['customer', '积分怎么少了', 0],
      ['agent', '这个问题呢，我这边处理不了', 10],
    ]);
    assert.equal(v.status, 'hit');
    assert.deepEqual(
      v.evidence.map((e) => [e.message, e.start, e.end]),
      [[1, 0, 13]],
    );
  });
});

describe('emoji', () => {
  const lines: Line[] = [
    ['customer', '还没收到货😡', 0],
    ['agent', '亲亲别着急哈😂[捂脸]', 10],
    ['agent', '已经帮您催了👍', 20],
    ['agent', '好的:)', 30],
  ];

  it('filters by category, item (any written form) and kind', () => {
    const v = detectAll(
      {
        laugh: '{ role: agent, emoji: { categories: [laugh] } }',
        unicodeItem: '{ role: agent, emoji: { items: [😂] } }',
        bracketItem: `{ role: agent, emoji: { items: ['[捂脸]'] } }`,
        emoticonItem: `{ emoji: { items: [':)'] } }`,
        bracketKind: '{ emoji: { kinds: [bracket] } }',
        emoticonKind: '{ emoji: { kinds: [emoticon] } }',
        angry: '{ role: customer, emoji: { categories: [angry] } }',
        agentAngry: '{ role: agent, emoji: { categories: [angry, sad] } }',
      },
      lines,
    );
    assertHit(v.get('laugh') as RuleVerdict, [
      [1, 6, 8, '😂'],
      [1, 8, 12, '[捂脸]'],
    ]);
    assertHit(v.get('unicodeItem') as RuleVerdict, [[1, 6, 8, '😂']]);
    assertHit(v.get('bracketItem') as RuleVerdict, [[1, 8, 12, '[捂脸]']]);
    assertHit(v.get('emoticonItem') as RuleVerdict, [[3, 2, 4, ':)']]);
    assertHit(v.get('bracketKind') as RuleVerdict, [[1, 8, 12, '[捂脸]']]);
    assertHit(v.get('emoticonKind') as RuleVerdict, [[3, 2, 4, ':)']]);
    assertHit(v.get('angry') as RuleVerdict, [[0, 5, 7, '😡']]);
    assertPass(v.get('agentAngry') as RuleVerdict);
  });

  it('count: matching emoji over the selected messages', () => {
    // agent: 😂 [捂脸] 👍 :) = 4; with the customer's 😡, 5.
    const v = detectAll(
      {
        four: '{ role: agent, emoji: { count: { gte: 4 } } }',
        five: '{ role: agent, emoji: { count: { gte: 5 } } }',
        everyone: '{ emoji: { count: { eq: 5 } } }',
        laughTwo: '{ role: agent, emoji: { categories: [laugh], count: { eq: 2 } } }',
      },
      lines,
    );
    assertHit(v.get('four') as RuleVerdict);
    assertPass(v.get('five') as RuleVerdict);
    assertHit(v.get('everyone') as RuleVerdict);
    assertHit(v.get('laughTwo') as RuleVerdict);
  });

  it('rate: matching emoji per selected message', () => {
    // 4 emoji over 3 agent messages = 1.33…; 2 laughing ones = 0.67.
    const v = detectAll(
      {
        above: '{ role: agent, emoji: { rate: { gt: 1.3 } } }',
        below: '{ role: agent, emoji: { rate: { gt: 1.34 } } }',
        laugh: '{ role: agent, emoji: { categories: [laugh], rate: { between: [0.66, 0.67] } } }',
      },
      lines,
    );
    assertHit(v.get('above') as RuleVerdict);
    assertPass(v.get('below') as RuleVerdict);
    assertHit(v.get('laugh') as RuleVerdict);
  });
});

describe('sentiment, emotion, flags', () => {
  const lines: Line[] = [
    ['customer', '你们太过分了，我要投诉！', 0],
    ['agent', '您好，请问有什么可以帮您', 10],
    ['customer', '快点！急用！马上给我处理', 20],
    ['agent', '滚，你们这群骗子', 30],
    ['customer', '谢谢，非常满意', 40],
  ];

  it('are message filters over customer and agent messages', () => {
    const v = detectAll(
      {
        threat: '{ role: customer, flags: [complaint-threat] }',
        urgency: '{ role: customer, flags: [urgency] }',
        agentAbuse: '{ role: agent, flags: [abuse] }',
        customerAbuse: '{ role: customer, flags: [abuse] }',
        negative: '{ sentiment: negative }',
        agentLabels: '{ role: agent, sentiment: [negative, positive] }',
        polarity: '{ sentiment: { polarity: { gte: 0.5 } } }',
        customerAnger: '{ role: customer, emotion: [anger] }',
        agentAnger: '{ role: agent, emotion: anger }',
        joy: '{ emotion: [joy] }',
      },
      lines,
    );
    const at = (id: string) => {
      const verdict = v.get(id) as RuleVerdict;
      assertHit(verdict);
      return messagesOf(verdict);
    };
    assert.deepEqual(at('threat'), [0]);
    assert.deepEqual(at('urgency'), [2]);
    assert.deepEqual(at('agentAbuse'), [3]);
    assertPass(v.get('customerAbuse') as RuleVerdict);
    assert.deepEqual(at('negative'), [0, 3]);
    assert.deepEqual(at('agentLabels'), [3]);
    assert.deepEqual(at('polarity'), [4]);
    assert.deepEqual(at('customerAnger'), [0]);
    assert.deepEqual(at('agentAnger'), [3]);
    assert.deepEqual(at('joy'), [4]);
  });
});

describe('metric per message', () => {
  const T = [
    '在吗？',
    '我的快递一直没更新',
    '您好，我帮您查一下',
    '查到了，明天送达',
    '好的',
    '还有其他问题吗',
  ];
  const lines: Line[] = [
    ['customer', T[0] as string, 0],
    ['customer', T[1] as string, 20],
    ['agent', T[2] as string, 200],
    ['agent', T[3] as string, 230],
    ['customer', T[4] as string, 240],
    ['agent', T[5] as string, 250],
  ];

  it('responseSec: an agent message answering a customer run, from the run’s first message', () => {
    const v = detectAll(
      {
        slow: '{ role: agent, metric: responseSec, gt: 180 }',
        exact: '{ metric: responseSec, eq: 200 }',
        fromLast: '{ metric: responseSec, eq: 180 }',
        fast: '{ role: agent, metric: responseSec, lt: 15 }',
      },
      lines,
    );
    const slow = v.get('slow') as RuleVerdict;
    assertHit(slow);
    // The agent message and the customer message it answers (of the run 0–1) are the evidence.
    const msgs = messagesOf(slow);
    assert.ok(msgs.includes(2) && (msgs.includes(0) || msgs.includes(1)), `evidence ${msgs}`);
    assert.ok(
      msgs.every((m) => m <= 2),
      `evidence ${msgs}`,
    );
    assert.ok(spans(slow).some((s) => s[0] === 2 && s[1] === 0 && s[2] === (T[2] as string).length));
    assertHit(v.get('exact') as RuleVerdict);
    assertPass(v.get('fromLast') as RuleVerdict);
    // Message 3 follows an agent message: it answers nothing and has no responseSec. Message 5
    // answers message 4 in 10 s.
    assert.deepEqual(messagesOf(v.get('fast') as RuleVerdict), [4, 5]);
  });

  it('gapSec: since the previous message', () => {
    const v = detectAll({ long: '{ metric: gapSec, gte: 180 }', ten: '{ metric: gapSec, eq: 10 }' }, lines);
    assertHit(v.get('long') as RuleVerdict, [whole(2, T[2] as string)]);
    assertHit(v.get('ten') as RuleVerdict, [whole(4, T[4] as string), whole(5, T[5] as string)]);
  });

  it('messageChars: characters of the message', () => {
    const v = detectAll(
      {
        short: '{ role: agent, metric: messageChars, lte: 7 }',
        two: '{ role: customer, metric: messageChars, eq: 2 }',
      },
      lines,
    );
    assertHit(v.get('short') as RuleVerdict, [whole(5, T[5] as string)]);
    assertHit(v.get('two') as RuleVerdict, [whole(4, T[4] as string)]);
  });

  it('durationSec: length of a speech segment', () => {
    const v = detect('{ role: customer, metric: durationSec, gte: 6 }', [
      ['agent', '您好，这里是客服中心', 0, 4],
      ['customer', '我的宽带断了三天了，到底什么时候修好', 5, 6],
      ['customer', '嗯', 12, 1],
    ]);
    assertHit(v, [whole(1, '我的宽带断了三天了，到底什么时候修好')]);
  });
});

describe('metric per conversation', () => {
  const lines: Line[] = [
    ['customer', '在吗？', 0],
    ['customer', '我的快递一直没更新', 20],
    ['agent', '您好，我帮您查一下', 200],
    ['agent', '查到了，明天送达', 230],
    ['customer', '好的', 240],
    ['agent', '还有其他问题吗', 250],
  ];

  it('firstResponseSec, handleSec, message counts and characters', () => {
    // agent: 9 + 8 + 7 = 24 characters; customer: 3 + 9 + 2 = 14.
    const v = detectAll(
      {
        first: '{ metric: firstResponseSec, gt: 180 }',
        firstNot: '{ metric: firstResponseSec, gt: 200 }',
        handle: '{ metric: handleSec, eq: 250 }',
        agentChars: '{ metric: agentMessageChars, eq: 24 }',
        customerChars: '{ metric: customerMessageChars, eq: 14 }',
        agentMessages: '{ metric: agentMessages, eq: 3 }',
        messages: '{ metric: messages, eq: 6 }',
        maxWait: '{ metric: maxCustomerWaitSec, eq: 200 }',
      },
      lines,
    );
    for (const id of [
      'first',
      'handle',
      'agentChars',
      'customerChars',
      'agentMessages',
      'messages',
      'maxWait',
    ])
      assertHit(v.get(id) as RuleVerdict);
    assertPass(v.get('firstNot') as RuleVerdict);
  });

  it('handleSec spans startedAt to endedAt when they lie outside the messages', () => {
    const v = detect('{ metric: handleSec, eq: 330 }', lines, {
      startedAt: START - 30_000,
      endedAt: START + 300_000,
    });
    assertHit(v);
  });

  it('maxCustomerWaitSec ends at a bot reply, firstResponseSec only at an agent', () => {
    const v = detectAll(
      {
        wait: '{ metric: maxCustomerWaitSec, eq: 2 }',
        first: '{ metric: firstResponseSec, eq: 95 }',
      },
      [
        ['customer', '人工客服', 0],
        ['bot', '正在为您转接人工客服，请稍候', 2],
        ['agent', '您好，我是人工客服小王', 95],
      ],
    );
    assertHit(v.get('wait') as RuleVerdict);
    assertHit(v.get('first') as RuleVerdict);
  });

  it('a metric that cannot be measured makes the rule N/A, with the reason', () => {
    const unanswered: Line[] = [
      ['customer', '在吗', 0],
      ['customer', '有人吗', 60],
    ];
    const v = detectAll(
      {
        first: '{ metric: firstResponseSec, gt: 60 }',
        voiceOnChat: '{ metric: silenceSec, gt: 0 }',
        talk: '{ metric: talkRatioAgent, gt: 0.7 }',
      },
      unanswered,
    );
    assertNotApplicable(v.get('first') as RuleVerdict, /firstResponseSec/);
    assertNotApplicable(v.get('voiceOnChat') as RuleVerdict, /silenceSec/);
    assertNotApplicable(v.get('talk') as RuleVerdict, /talkRatioAgent/);
  });
});

// A call: agent [0,4], customer [5,11], agent [10,13] (talks over the customer for 1 s),
// customer [30,31] (17 s of dead air after the agent), agent [33,37], customer [36,41] (talks over
// the agent for 1 s), agent [53,56] (12 s after the customer).
const CALL: Line[] = [
  ['agent', '您好，这里是客服中心，请问有什么可以帮您', 0, 4],
  ['customer', '我的宽带断了三天了，到底什么时候修好', 5, 6],
  ['agent', '好的，我帮您查询一下', 10, 3],
  ['customer', '嗯', 30, 1],
  ['agent', '让您久等了，师傅明天上门', 33, 4],
  ['customer', '明天几点啊，我白天要上班的', 36, 5],
  ['agent', '上午九点到十二点之间', 53, 3],
];

describe('voice metrics', () => {
  it('are conversation metrics', () => {
    // Gaps 1, 17, 2, 12 s: longest 17; silences of ≥ 3 s: 17 + 12. Talk: agent 14 s, customer 12 s.
    const v = detectAll(
      {
        longest: '{ metric: longestSilenceSec, eq: 17 }',
        silences: '{ metric: silences, eq: 2 }',
        silenceSec: '{ metric: silenceSec, eq: 29 }',
        byAgent: '{ metric: interruptionsByAgent, eq: 1 }',
        byCustomer: '{ metric: interruptionsByCustomer, eq: 1 }',
        ratio: '{ metric: talkRatioAgent, eq: 0.538 }',
      },
      CALL,
      { channel: 'voice' },
    );
    assert.equal(v.size, 6);
    for (const verdict of v.values()) assertHit(verdict);
  });

  it('responseSec of a speech segment counts from the end of the customer’s turn (docs/metrics.md)', () => {
    // Agent [53,56] answers the customer's [36,41]: 12 s after the customer stopped (not 17 s).
    assertHit(detect('{ role: agent, metric: responseSec, eq: 12 }', CALL, { channel: 'voice' }), undefined);
  });
});

describe('silence', () => {
  it('gaps of at least minSec after a segment of `after`', () => {
    const v = detectAll(
      {
        afterCustomer10: '{ silence: { minSec: 10, after: customer } }',
        afterCustomer12: '{ silence: { minSec: 12, after: customer } }',
        afterCustomer15: '{ silence: { minSec: 15, after: customer } }',
        afterAgent15: '{ silence: { minSec: 15, after: agent } }',
        afterAgentTwice: '{ silence: { minSec: 10, after: agent, count: { gte: 2 } } }',
      },
      CALL,
      { channel: 'voice' },
    );
    assertHit(v.get('afterCustomer10') as RuleVerdict);
    assertHit(v.get('afterCustomer12') as RuleVerdict);
    assertPass(v.get('afterCustomer15') as RuleVerdict);
    assertHit(v.get('afterAgent15') as RuleVerdict);
    assertPass(v.get('afterAgentTwice') as RuleVerdict);
  });

  it('without `after`, counts the gaps between segments (not the time before the first one)', () => {
    const v = detectAll(
      {
        two: '{ silence: { minSec: 10, count: { eq: 2 } } }',
        none: '{ silence: { minSec: 20 } }',
      },
      CALL,
      { channel: 'voice' },
    );
    assertHit(v.get('two') as RuleVerdict);
    assertPass(v.get('none') as RuleVerdict);
  });

  it('cannot be measured without speech segments', () => {
    assertNotApplicable(
      detect('{ silence: { minSec: 10, after: customer } }', [
        ['customer', '在吗', 0],
        ['agent', '您好', 30],
      ]),
      /./,
    );
  });
});

describe('interruption', () => {
  it('segments of `by` that start while the other party speaks, overlapping at least minSec', () => {
    const v = detectAll(
      {
        agent: '{ interruption: { by: agent } }',
        agentTwice: '{ interruption: { by: agent, count: { gte: 2 } } }',
        customer: '{ interruption: { by: customer, minSec: 1 } }',
        longer: '{ interruption: { by: agent, minSec: 1.5 } }',
        shortOnce: '{ interruption: { by: agent, minSec: 0.5, count: { eq: 1 } } }',
      },
      CALL,
      { channel: 'voice' },
    );
    assertHit(v.get('agent') as RuleVerdict);
    assertPass(v.get('agentTwice') as RuleVerdict);
    assertHit(v.get('customer') as RuleVerdict);
    assertPass(v.get('longer') as RuleVerdict);
    assertHit(v.get('shortOnce') as RuleVerdict);
  });
});

describe('repetition', () => {
  const A = '您好，您的问题已经反馈给相关部门了，请耐心等待';
  const B = '您好，您的问题已经反馈给相关部门，请耐心等待';
  const lines: Line[] = [
    ['customer', '我的退款怎么还没到', 0],
    ['agent', A, 10],
    ['customer', '都三天了', 20],
    ['agent', A, 30],
    ['customer', '能不能快点', 40],
    ['agent', B, 50],
    ['agent', '好的', 60],
  ];

  it('the role sends at least `count` messages similar to each other', () => {
    // A and B share 18 bigrams of 20 and 19: cos ≈ 0.923.
    const v = detectAll(
      {
        three: '{ repetition: { count: { gte: 3 } } }',
        four: '{ repetition: { count: { gte: 4 } } }',
        strict: '{ repetition: { count: { gte: 3 }, similarity: 0.95 } }',
        strictTwo: '{ repetition: { count: { gte: 2 }, similarity: 0.95 } }',
        customer: '{ repetition: { role: customer, count: { gte: 2 } } }',
      },
      lines,
    );
    assertHit(v.get('three') as RuleVerdict, [whole(1, A), whole(3, A), whole(5, B)]);
    assertPass(v.get('four') as RuleVerdict);
    assertPass(v.get('strict') as RuleVerdict);
    assertHit(v.get('strictTwo') as RuleVerdict, [whole(1, A), whole(3, A)]);
    assertPass(v.get('customer') as RuleVerdict);
  });

  it('ignores messages shorter than minChars', () => {
    const nagging: Line[] = [
      ['customer', '在吗', 0],
      ['customer', '在吗', 30],
      ['customer', '在吗', 60],
      ['agent', '您好，久等了', 70],
    ];
    assertPass(detect('{ repetition: { role: customer, count: { gte: 3 } } }', nagging));
    assertHit(detect('{ repetition: { role: customer, count: { gte: 3 }, minChars: 2 } }', nagging), [
      whole(0, '在吗'),
      whole(1, '在吗'),
      whole(2, '在吗'),
    ]);
  });

  it('counts characters for minChars, not distinct bigrams (好的好的好的好的 is 8 characters)', () => {
    const F = '好的好的好的好的';
    assertHit(
      detect('{ repetition: { count: { gte: 3 } } }', [
        ['customer', '我的快递呢', 0],
        ['agent', F, 10],
        ['customer', '快点', 20],
        ['agent', F, 30],
        ['agent', F, 40],
      ]),
      [whole(1, F), whole(3, F), whole(4, F)],
    );
  });
});

describe('pii', () => {
  const lines: Line[] = [
    ['customer', '我的手机号是13812345678，邮箱 zhang.san@example.com', 0],
    ['agent', '好的，请再提供一下身份证号', 10],
    ['customer', '110101199003074514', 20],
    ['agent', '已核实，您的身份证110101199003074514已登记', 30],
  ];

  it('is a filter on kinds (default all), the PII spans as evidence', () => {
    const v = detectAll(
      {
        agentId: '{ role: agent, pii: { kinds: [id_cn, bank_card] } }',
        agentMobile: '{ role: agent, pii: { kinds: [mobile_cn] } }',
        customerAny: '{ role: customer, pii: {} }',
        agentAnyShort: '{ role: agent, pii: true }',
      },
      lines,
    );
    assertHit(v.get('agentAnyShort') as RuleVerdict, [[3, 9, 27, '110101199003074514']]);
    assertHit(v.get('agentId') as RuleVerdict, [[3, 9, 27, '110101199003074514']]);
    assertPass(v.get('agentMobile') as RuleVerdict);
    assertHit(v.get('customerAny') as RuleVerdict, [
      [0, 6, 17, '13812345678'],
      [0, 21, 42, 'zhang.san@example.com'],
      [2, 0, 18, '110101199003074514'],
    ]);
  });

  it('count: PII spans over the selected messages', () => {
    const v = detectAll(
      {
        three: '{ role: customer, pii: { count: { gte: 3 } } }',
        four: '{ role: customer, pii: { count: { gte: 4 } } }',
        ids: '{ pii: { kinds: [id_cn], count: { eq: 2 } } }',
      },
      lines,
    );
    assertHit(v.get('three') as RuleVerdict);
    assertPass(v.get('four') as RuleVerdict);
    assertHit(v.get('ids') as RuleVerdict);
  });
});

describe('sequence', () => {
  const APOLOGY = '{ not: { role: agent, keywords: { any: [抱歉, 对不起, sorry] } }';
  const angerThenNoApology = (turns: number) =>
    `{ sequence: [ { role: customer, emotion: [anger] }, ${APOLOGY}, withinTurns: ${turns} } ] }`;

  it('withinTurns: the rest of the anchor’s turn plus the next N turns', () => {
    const lines: Line[] = [
      ['customer', '你们太过分了，我要投诉！', 0],
      ['agent', '请提供订单号', 10],
      ['customer', '订单号是202601050001', 20],
      ['agent', '抱歉给您带来不便', 30],
    ];
    // Turns 1 and 2 hold no apology; turn 3 does.
    assertHit(detect(angerThenNoApology(2), lines));
    assertPass(detect(angerThenNoApology(3), lines));
  });

  it('withinSec bounds the window in time', () => {
    const lines: Line[] = [
      ['customer', '我要退款', 0],
      ['agent', '请稍等', 30],
      ['agent', '已为您提交退款申请', 150],
    ];
    const seq = (sec: number) =>
      `{ sequence: [ { role: customer, keywords: { any: [退款] } }, { not: { role: agent, keywords: { any: [提交退款, 已退款] } }, withinSec: ${sec} } ] }`;
    assertHit(detect(seq(120), lines), undefined);
    assertPass(detect(seq(180), lines));
  });

  it('the earliest matching message anchors the next step; steps read only later messages', () => {
    const lines: Line[] = [
      ['customer', '我要退款', 0],
      ['agent', '抱歉，马上处理', 10],
      ['customer', '好的', 20],
      ['agent', '抱歉久等，已退款', 30],
      ['customer', '收到了，谢谢', 40],
    ];
    const seq = (turns: number) =>
      `{ sequence: [ { role: customer, keywords: { any: [退款] } }, { role: agent, keywords: { any: [抱歉] } }, { role: customer, keywords: { any: [谢谢] }, withinTurns: ${turns} } ] }`;
    // Anchored on message 1 (turn 1), turn 2 says no 谢谢; it is in turn 4.
    assertPass(detect(seq(1), lines));
    const v = detect(seq(3), lines);
    assertHit(v);
    assert.ok(
      spans(v).some((s) => s[0] === 0 && s[1] === 2 && s[2] === 4 && s[3] === '退款'),
      JSON.stringify(spans(v)),
    );
    // 退款 comes before the apology, never after it.
    assertPass(
      detect(
        '{ sequence: [ { role: agent, keywords: { any: [抱歉] } }, { role: customer, keywords: { any: [退款] } } ] }',
        lines,
      ),
    );
  });

  it('every first-step message that starts a complete chain is evidence, and only those', () => {
    const ANGRY = '气死我了！！垃圾服务！';
    const v = detect(angerThenNoApology(2), [
      ['customer', '你们太过分了，我要投诉！', 0],
      ['agent', '非常抱歉，我马上帮您处理', 10],
      ['customer', ANGRY, 20],
      ['agent', '请您耐心等待', 30],
      ['customer', '算了', 40],
    ]);
    assertHit(v);
    const found = spans(v);
    assert.ok(
      found.some((s) => s[0] === 2 && s[1] === 0 && s[2] === ANGRY.length),
      JSON.stringify(found),
    );
    assert.ok(!found.some((s) => s[0] === 0), `message 0 had its apology: ${JSON.stringify(found)}`);
  });

  it('a step’s matching message anchors the next step, even when its evidence reaches back', () => {
    // Step 2 matches message 1 (a 90 s reply); step 3 looks at the rest of that agent turn.
    assertHit(
      detect(
        '{ sequence: [ { role: customer, keywords: { any: [退款] } }, { role: agent, metric: responseSec, gt: 60 }, { role: agent, keywords: { any: [稍等] }, withinTurns: 0 } ] }',
        [
          ['customer', '我要退款', 0],
          ['agent', '您好', 90],
          ['agent', '请稍等', 100],
        ],
      ),
    );
  });
});

describe('conversation facts', () => {
  const lines: Line[] = [
    ['customer', '请问订单什么时候发货', 0],
    ['agent', '您好，预计明天发货', 20],
  ];
  const facts = {
    channels: '{ channel: [chat, miniprogram] }',
    voice: '{ channel: [voice] }',
    queue: '{ queue: [售后] }',
    noQueue: '{ queue: [null] }',
    tags: '{ tags: [complaint, 投诉] }',
    noTags: '{ tags: [null] }',
    industry: '{ industry: [ecommerce, null] }',
    zh: '{ language: [zh] }',
    en: '{ language: [en] }',
  };

  it('lists match any value; null matches a conversation without the field', () => {
    const bare = detectAll(facts, lines);
    const full = detectAll(facts, lines, {
      queue: '售后',
      tags: ['vip', '投诉'],
      industry: 'finance',
      language: 'en',
    });
    const status = (m: Map<string, RuleVerdict>) =>
      Object.fromEntries([...m].map(([id, v]) => [id, v.status]));
    assert.deepEqual(status(bare), {
      channels: 'hit',
      voice: 'pass',
      queue: 'pass',
      noQueue: 'hit',
      tags: 'pass',
      noTags: 'hit',
      industry: 'hit',
      zh: 'hit',
      en: 'pass',
    });
    assert.deepEqual(status(full), {
      channels: 'hit',
      voice: 'pass',
      queue: 'hit',
      noQueue: 'pass',
      tags: 'hit',
      noTags: 'pass',
      industry: 'pass',
      zh: 'pass',
      en: 'hit',
    });
    assertHit(detect(facts.industry, lines, { industry: 'ecommerce' }));
    assertHit(detect(facts.voice, lines, { channel: 'voice' }));
  });

  it('csat is a comparison; without a rating it is unknown and the rule N/A', () => {
    const rule = '{ csat: { lte: 2 } }';
    assertHit(detect(rule, lines, { rating: { csat: 1 } }));
    assertPass(detect(rule, lines, { rating: { csat: 5 } }));
    assertNotApplicable(detect(rule, lines), /csat/);
  });

  it('resolved is a boolean', () => {
    assertHit(detect('{ resolved: false }', lines, { resolved: false }));
    assertPass(detect('{ resolved: false }', lines, { resolved: true }));
  });

  it('customerEmotion / customerSentiment: some customer message has one of these', () => {
    const angry: Line[] = [
      ['customer', '你们太过分了，我要投诉！', 0],
      ['agent', '非常抱歉给您带来不便', 10],
      ['customer', '谢谢，非常满意', 20],
    ];
    const v = detectAll(
      {
        anger: '{ customerEmotion: [anger] }',
        positive: '{ customerSentiment: [positive] }',
        fear: '{ customerEmotion: [fear, sadness] }',
      },
      angry,
    );
    assertHit(v.get('anger') as RuleVerdict);
    assert.deepEqual(messagesOf(v.get('anger') as RuleVerdict), [0]);
    assertHit(v.get('positive') as RuleVerdict);
    assertPass(v.get('fear') as RuleVerdict);
    // An angry agent is not an angry customer.
    assertPass(
      detect('{ customerEmotion: [anger] }', [
        ['customer', '请问什么时候发货', 0],
        ['agent', '滚，你们这群骗子', 10],
      ]),
    );
  });

  it('messages: how many messages the map selects', () => {
    const convo: Line[] = [
      ['customer', '你们太过分了，我要投诉！', 0],
      ['agent', '您好，请问有什么可以帮您', 10],
      ['customer', '快点！急用！马上给我处理', 20],
      ['agent', '好的，马上处理', 30],
      ['customer', '谢谢，非常满意', 40],
    ];
    const v = detectAll(
      {
        customers: '{ role: customer, messages: { eq: 3 } }',
        all: '{ messages: { eq: 5 } }',
        agents: '{ role: agent, messages: { gte: 3 } }',
        negative: '{ role: customer, sentiment: negative, messages: { eq: 1 } }',
      },
      convo,
    );
    assertHit(v.get('customers') as RuleVerdict);
    assertHit(v.get('all') as RuleVerdict);
    assertPass(v.get('agents') as RuleVerdict);
    assertHit(v.get('negative') as RuleVerdict);
  });
});

describe('all / any / not / or', () => {
  it('not under a map with a role: no message of that role says it', () => {
    const REPLY = '在的，请问有什么问题';
    const noGreeting: Line[] = [
      ['customer', '你好，在吗', 0],
      ['agent', REPLY, 10],
    ];
    const rule = '{ role: agent, not: { keywords: { any: [您好, 你好] } } }';
    assertHit(detect(rule, noGreeting), [whole(1, REPLY)]);
    assertPass(
      detect(rule, [
        ['customer', '在吗', 0],
        ['agent', '您好，在的', 10],
      ]),
    );
  });

  it('all under a map looks at the selected messages, each part on any of them', () => {
    const both: Line[] = [
      ['customer', '我要退款', 0],
      ['agent', '请问是什么原因呢', 10],
      ['customer', '不给退我就投诉', 20],
    ];
    const nested =
      '{ role: customer, all: [ { keywords: { any: [退款] } }, { keywords: { any: [投诉] } } ] }';
    assertHit(detect(nested, both));
    // Flat keywords.all needs both on one message.
    assertPass(detect('{ role: customer, keywords: { all: [退款, 投诉] } }', both));
    // The agent's 投诉 is outside the selected (customer) messages.
    assertPass(
      detect(nested, [
        ['customer', '我要退款', 0],
        ['agent', '您可以去投诉', 10],
      ]),
    );
  });

  it('any under a map looks at the selected messages only', () => {
    const rule = `{ role: agent, any: [ { keywords: { any: [微信] } }, { regex: 'qq\\d{5,}' } ] }`;
    const v = detect(rule, [
      ['customer', '加我微信吧', 0],
      ['agent', '不方便的话加我QQ123456', 10],
    ]);
    assertHit(v);
    assert.ok(
      spans(v).some((s) => s.join() === [1, 7, 15, 'QQ123456'].join()),
      JSON.stringify(spans(v)),
    );
    assertPass(
      detect(rule, [
        ['customer', '加我微信吧', 0],
        ['agent', '好的', 10],
      ]),
    );
  });

  it('top-level not, any and all', () => {
    const lines: Line[] = [
      ['customer', '订单什么时候到', 0],
      ['agent', '明天送达', 90],
    ];
    const v = detectAll(
      {
        noBye: '{ not: { keywords: { any: [再见] } } }',
        anySlow: '{ any: [ { metric: firstResponseSec, gt: 60 }, { keywords: { any: [投诉] } } ] }',
        allSlow: '{ all: [ { metric: firstResponseSec, gt: 60 }, { keywords: { any: [投诉] } } ] }',
      },
      lines,
    );
    assertHit(v.get('noBye') as RuleVerdict);
    assertHit(v.get('anySlow') as RuleVerdict);
    assertPass(v.get('allSlow') as RuleVerdict);
  });

  it('or: this map, or that condition', () => {
    const rule = '{ customerEmotion: [anger], or: { tags: [complaint, 投诉] } }';
    const calm: Line[] = [
      ['customer', '请问什么时候发货', 0],
      ['agent', '明天发货', 10],
    ];
    const angry: Line[] = [
      ['customer', '你们太过分了，我要投诉！', 0],
      ['agent', '非常抱歉', 10],
    ];
    assertHit(detect(rule, calm, { tags: ['投诉'] }));
    assertPass(detect(rule, calm));
    assertHit(detect(rule, angry));
  });

  it('three-valued: false beats unknown, true beats unknown in any/or, unknown is N/A', () => {
    const csat = '{ csat: { lte: 2 } }';
    const v = detectAll(
      {
        allFalse: `{ all: [ ${csat}, { channel: [voice] } ] }`,
        allUnknown: `{ all: [ ${csat}, { channel: [chat] } ] }`,
        anyTrue: `{ any: [ ${csat}, { channel: [chat] } ] }`,
        anyUnknown: `{ any: [ ${csat}, { channel: [voice] } ] }`,
        notUnknown: `{ not: ${csat} }`,
        sameMapFalse: '{ csat: { lte: 2 }, channel: [voice] }',
        sameMapUnknown: '{ csat: { lte: 2 }, channel: [chat] }',
        orFalse: '{ csat: { lte: 2 }, or: { channel: [voice] } }',
        orTrue: '{ csat: { lte: 2 }, or: { channel: [chat] } }',
        metricFalse: '{ metric: firstResponseSec, gt: 60, keywords: { any: [投诉] } }',
      },
      [['customer', '在吗', 0]],
    );
    assertPass(v.get('allFalse') as RuleVerdict);
    assertNotApplicable(v.get('allUnknown') as RuleVerdict, /csat/);
    assertHit(v.get('anyTrue') as RuleVerdict);
    assertNotApplicable(v.get('anyUnknown') as RuleVerdict, /csat/);
    assertNotApplicable(v.get('notUnknown') as RuleVerdict, /csat/);
    assertPass(v.get('sameMapFalse') as RuleVerdict);
    assertNotApplicable(v.get('sameMapUnknown') as RuleVerdict, /csat/);
    assertNotApplicable(v.get('orFalse') as RuleVerdict, /csat/);
    assertHit(v.get('orTrue') as RuleVerdict);
    // No agent reply (firstResponseSec unknown), and no message says 投诉: false.
    assertPass(v.get('metricFalse') as RuleVerdict);
  });
});
