import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledRuleSet, Conversation } from '@serviq/core';
import { compile, conversation, type Judged, judge, type Line } from './rule-test-kit.ts';

// Scoring, scorecard selection, includes and versions of docs/rules.md ("Rules", "Scoring").
// Every expected score is worked out by hand from the spec.

const score = (ruleSet: CompiledRuleSet, conv: Conversation): Judged => judge(ruleSet, conv);

function card(header: string, rules: string[], include = ''): string {
  return `scorecard: ${header}\n${include ? `include: ${include}\n` : ''}rules:\n${rules.map((r) => `  - ${r}\n`).join('')}`;
}

// A complete, polite chat: greets, apologises, no 再见 at the end.
const LAST_AGENT = '不客气，祝您生活愉快';
const CHAT: Line[] = [
  ['customer', '你好，我买的耳机有杂音，想退货', 0],
  ['agent', '您好，很抱歉给您带来不便，请提供订单号', 30],
  ['customer', '订单号 202601050001', 60],
  ['agent', '已为您提交退货申请，快递员会上门取件', 90],
  ['customer', '好的，谢谢', 100],
  ['agent', LAST_AGENT, 110],
];

const GREETING =
  '{ id: greeting, category: 服务规范, points: -5, require: { role: agent, position: { first: 1 }, keywords: { any: [您好, 你好] } } }';
const CLOSING =
  '{ id: closing, category: 服务规范, points: -5, require: { role: agent, position: { last: 1 }, keywords: { any: [再见] } } }';
const APOLOGY_BONUS =
  '{ id: apology, category: 服务规范, points: 3, detect: { role: agent, keywords: { any: [抱歉] } } }';
const SLOW = '{ id: slow, category: 时效, points: -10, detect: { metric: firstResponseSec, gt: 60 } }';
const FORBIDDEN =
  '{ id: forbidden, category: 服务规范, points: -20, detect: { role: agent, keywords: { any: [不归我管, 不知道] } } }';

describe('deduction', () => {
  it('100 + the points of every hit: deductions and earned bonuses', () => {
    const { result, verdicts } = score(
      compile({ 'qa.yaml': card('{ id: qa }', [GREETING, CLOSING, APOLOGY_BONUS, SLOW, FORBIDDEN]) }),
      conversation(CHAT),
    );
    // closing −5, apology +3.
    assert.equal(result.score, 98);
    assert.equal(result.passed, true);
    assert.equal(result.alert, false);
    assert.equal(result.fatal, false);
    assert.equal(result.scorecard, 'qa');
    assert.deepEqual(
      result.hits.map((h) => [h.rule, h.points, h.category, h.severity]),
      [
        ['closing', -5, '服务规范', 'major'],
        ['apology', 3, '服务规范', 'major'],
      ],
    );
    assert.deepEqual(
      [...verdicts].map(([id, v]) => [id, v.status]),
      [
        ['greeting', 'pass'],
        ['closing', 'hit'],
        ['apology', 'hit'],
        ['slow', 'pass'],
        ['forbidden', 'pass'],
      ],
    );
    assert.deepEqual(result.notApplicable, []);
    // name defaults to the id.
    assert.equal(result.hits[0]?.name, 'closing');
  });

  it('is capped at 100', () => {
    const bonus = '{ id: thanks, points: 5, detect: { role: agent, keywords: { any: [不客气] } } }';
    const { result } = score(
      compile({ 'qa.yaml': card('{ id: qa }', [GREETING, APOLOGY_BONUS, bonus]) }),
      conversation(CHAT),
    );
    assert.equal(result.score, 100);
    assert.deepEqual(
      result.hits.map((h) => h.rule),
      ['apology', 'thanks'],
    );
  });

  it('is floored at 0', () => {
    const big = '{ id: sorry, points: -60, detect: { role: agent, keywords: { any: [抱歉] } } }';
    const closing =
      '{ id: closing, points: -50, require: { role: agent, position: { last: 1 }, keywords: { any: [再见] } } }';
    const { result } = score(compile({ 'qa.yaml': card('{ id: qa }', [big, closing]) }), conversation(CHAT));
    assert.equal(result.score, 0);
    assert.equal(result.fatal, false);
    assert.equal(result.passed, false);
  });

  it('a fatal hit sets the score to 0, fails and alerts', () => {
    const leak =
      '{ id: leak, name: 泄露客户隐私, fatal: true, detect: { role: agent, pii: { kinds: [id_cn, bank_card] } } }';
    const lines: Line[] = [
      ['customer', '你好，帮我查下实名信息', 0],
      ['agent', '您好，您的身份证110101199003074514已登记', 20],
    ];
    const { result } = score(
      compile({ 'qa.yaml': card('{ id: qa }', [GREETING, leak]) }),
      conversation(lines),
    );
    assert.equal(result.score, 0);
    assert.equal(result.fatal, true);
    assert.equal(result.passed, false);
    assert.equal(result.alert, true);
    const hit = result.hits.find((h) => h.rule === 'leak');
    assert.ok(hit);
    assert.equal(hit.isFatal, true);
    assert.equal(hit.name, '泄露客户隐私');
    // severity defaults to critical when fatal.
    assert.equal(hit.severity, 'critical');
    assert.deepEqual(
      hit.evidence.map((e) => [e.message, e.start, e.end]),
      [[1, 8, 26]],
    );
  });

  it('per: occurrence multiplies the points, maxPoints caps them', () => {
    const rule =
      '{ id: laugh, points: -2, per: occurrence, maxPoints: 5, detect: { role: agent, emoji: { categories: [laugh] } } }';
    const uncapped =
      '{ id: laugh, points: -2, per: occurrence, detect: { role: agent, emoji: { categories: [laugh] } } }';
    const laughing = (n: number): Line[] => [
      ['customer', '我的包裹呢', 0],
      ...Array.from({ length: n }, (_, i): Line => ['agent', `马上帮您看😂 ${i + 1}`, 10 + i * 10]),
    ];
    const set = compile({ 'qa.yaml': card('{ id: qa }', [rule]) });
    assert.equal(score(set, conversation(laughing(2))).result.score, 96);
    const capped = score(set, conversation(laughing(4))).result;
    assert.equal(capped.score, 95);
    assert.equal(capped.hits[0]?.points, -5);
    const free = compile({ 'qa.yaml': card('{ id: qa }', [uncapped]) });
    assert.equal(score(free, conversation(laughing(3))).result.score, 94);
  });

  it('maxPoints also caps a once-per-conversation rule', () => {
    const rule =
      '{ id: forbidden, points: -10, maxPoints: 5, detect: { role: agent, keywords: { any: [不客气] } } }';
    const { result } = score(compile({ 'qa.yaml': card('{ id: qa }', [rule]) }), conversation(CHAT));
    assert.equal(result.score, 95);
    assert.equal(result.hits[0]?.points, -5);
  });

  it('passScore (default 80): passed = score ≥ passScore; alertBelow: alert = score < alertBelow', () => {
    const closing = (points: number) =>
      `{ id: closing, points: ${points}, require: { role: agent, position: { last: 1 }, keywords: { any: [再见] } } }`;
    const at80 = score(compile({ 'qa.yaml': card('{ id: qa }', [closing(-20)]) }), conversation(CHAT)).result;
    assert.deepEqual([at80.score, at80.passed, at80.alert], [80, true, false]);
    const at79 = score(compile({ 'qa.yaml': card('{ id: qa }', [closing(-21)]) }), conversation(CHAT)).result;
    assert.deepEqual([at79.score, at79.passed, at79.alert], [79, false, false]);
    const strict = score(
      compile({ 'qa.yaml': card('{ id: qa, passScore: 90, alertBelow: 95 }', [closing(-10)]) }),
      conversation(CHAT),
    ).result;
    assert.deepEqual([strict.score, strict.passed, strict.alert], [90, true, true]);
    const alert80 = score(
      compile({ 'qa.yaml': card('{ id: qa, alertBelow: 80 }', [closing(-20)]) }),
      conversation(CHAT),
    ).result;
    assert.equal(alert80.alert, false);
  });
});

describe('weighted', () => {
  const header = (rules: string) => `scorecard:
  id: weighted-qa
  mode: weighted
  passScore: 60
  alertBelow: 70
  categories:
    - { name: 服务规范, weight: 3 }
    - { name: 业务准确, weight: 1 }
    - { name: 合规, weight: 1, critical: true }
rules:
${rules}`;
  const CORRECT =
    '{ id: correct, category: 业务准确, points: -5, detect: { role: agent, keywords: { any: [不知道] } } }';
  const PRIVACY_VOICE =
    '{ id: privacy, category: 合规, points: -10, when: { channel: [voice] }, detect: { role: agent, pii: {} } }';
  const PRIVACY =
    '{ id: privacy, category: 合规, points: -10, detect: { role: agent, pii: { kinds: [id_cn] } } }';

  it('weight-averages category scores and leaves out categories with only N/A rules', () => {
    const rules = [GREETING, CLOSING, CORRECT, PRIVACY_VOICE].map((r) => `  - ${r}`).join('\n');
    const { result } = score(compile({ 'w.yaml': header(rules) }), conversation(CHAT));
    // 服务规范: 1 of 2 not hit → 50; 业务准确: 100; 合规 only N/A → out. (3×50 + 1×100) / 4.
    assert.equal(result.score, 62.5);
    assert.equal(result.passed, true);
    assert.equal(result.alert, true);
    const byName = new Map(result.categories.map((c) => [c.name, c]));
    assert.equal(byName.get('服务规范')?.score, 50);
    assert.equal(byName.get('服务规范')?.hits, 1);
    assert.equal(byName.get('业务准确')?.score, 100);
    assert.equal(byName.get('合规')?.score, undefined);
    assert.equal(byName.get('合规')?.notApplicable, 1);
    assert.deepEqual(result.notApplicable, ['privacy']);
  });

  it('weights rules inside their category', () => {
    const greeting = GREETING.replace('points: -5', 'points: -5, weight: 3');
    const rules = [greeting, CLOSING, CORRECT].map((r) => `  - ${r}`).join('\n');
    const { result } = score(compile({ 'w.yaml': header(rules) }), conversation(CHAT));
    // 服务规范: weight 3 kept of 4 → 75; (3×75 + 1×100) / 4 = 81.25.
    assert.equal(result.categories.find((c) => c.name === '服务规范')?.score, 75);
    assert.equal(result.score, 81.25);
  });

  it('a hit in a critical category zeroes the score', () => {
    const rules = [GREETING, CORRECT, PRIVACY].map((r) => `  - ${r}`).join('\n');
    const lines: Line[] = [
      ['customer', '你好，帮我查下实名信息', 0],
      ['agent', '您好，您的身份证110101199003074514已登记', 20],
    ];
    const { result } = score(compile({ 'w.yaml': header(rules) }), conversation(lines));
    assert.equal(result.score, 0);
    assert.equal(result.fatal, false);
    assert.equal(result.passed, false);
    assert.equal(result.alert, true);
  });

  it('a fatal hit zeroes the score', () => {
    const fatal =
      '{ id: abuse, category: 服务规范, fatal: true, detect: { role: agent, keywords: { any: [不客气] } } }';
    const rules = [GREETING, CORRECT, fatal].map((r) => `  - ${r}`).join('\n');
    const { result } = score(compile({ 'w.yaml': header(rules) }), conversation(CHAT));
    assert.equal(result.score, 0);
    assert.equal(result.fatal, true);
  });
});

describe('N/A', () => {
  it('when that does not hold: N/A with the reason, costing nothing', () => {
    const calmApology =
      '{ id: soothe, category: 情绪安抚, points: -10, when: { customerEmotion: [anger] }, require: { role: agent, keywords: { any: [对不起] } } }';
    const { result, verdicts } = score(
      compile({ 'qa.yaml': card('{ id: qa }', [GREETING, calmApology]) }),
      conversation(CHAT),
    );
    const v = verdicts.get('soothe');
    assert.equal(v?.status, 'not-applicable');
    assert.ok((v?.reason ?? '').length > 0, 'a reason');
    assert.deepEqual(result.notApplicable, ['soothe']);
    assert.equal(result.score, 100);
  });

  it('when that is unknown: N/A with the reason', () => {
    const lowCsat =
      '{ id: low-csat, points: -10, when: { csat: { lte: 2 } }, require: { role: agent, keywords: { any: [抱歉] } } }';
    const { verdicts } = score(compile({ 'qa.yaml': card('{ id: qa }', [lowCsat]) }), conversation(CHAT));
    assert.equal(verdicts.get('low-csat')?.status, 'not-applicable');
    assert.match(verdicts.get('low-csat')?.reason ?? '', /csat/);
    // With a rating that satisfies `when`, the rule is judged (it apologised: pass).
    const rated = score(
      compile({ 'qa.yaml': card('{ id: qa }', [lowCsat]) }),
      conversation(CHAT, { rating: { csat: 1 } }),
    );
    assert.equal(rated.verdicts.get('low-csat')?.status, 'pass');
  });

  it('require is N/A when its scope selects no message', () => {
    const botOnly: Line[] = [
      ['customer', '你好', 0],
      ['bot', '您好，我是智能助手，请问有什么可以帮您', 1],
    ];
    const { result, verdicts } = score(
      compile({ 'qa.yaml': card('{ id: qa }', [GREETING, CLOSING]) }),
      conversation(botOnly),
    );
    assert.equal(verdicts.get('greeting')?.status, 'not-applicable');
    assert.equal(verdicts.get('closing')?.status, 'not-applicable');
    assert.ok((verdicts.get('closing')?.reason ?? '').length > 0);
    assert.deepEqual(result.notApplicable, ['greeting', 'closing']);
    assert.equal(result.score, 100);
  });

  it('require without a scope is judged on the whole conversation', () => {
    const bye = '{ id: bye, points: -5, require: { keywords: { any: [再见] } } }';
    const { verdicts } = score(compile({ 'qa.yaml': card('{ id: qa }', [bye]) }), conversation(CHAT));
    assert.equal(verdicts.get('bye')?.status, 'hit');
  });

  it('a require hit points at the message in scope that lacks it', () => {
    const { result } = score(compile({ 'qa.yaml': card('{ id: qa }', [CLOSING]) }), conversation(CHAT));
    assert.deepEqual(result.hits[0]?.evidence, [
      { message: 5, start: 0, end: LAST_AGENT.length, text: LAST_AGENT },
    ]);
    assert.deepEqual(result.hits[0]?.messages, [5]);
  });
});

describe('scorecard selection', () => {
  const one = (id: string, appliesTo: string, priority = 0) =>
    card(`{ id: ${id}, priority: ${priority}${appliesTo ? `, appliesTo: ${appliesTo}` : ''} }`, [
      `{ id: ${id}-greeting, points: -5, require: { role: agent, keywords: { any: [您好, hello] } } }`,
    ]);
  const set = compile({
    'zh.yaml': one('zh-chat', '{ channels: [chat, miniprogram], languages: [zh] }'),
    'en.yaml': one('en-chat', '{ channels: [chat], languages: [en] }'),
    'voice.yaml': one('voice', '{ channels: [voice] }'),
    'finance.yaml': one('finance', '{ industries: [finance] }', 10),
    'vip.yaml': one('vip', '{ tags: [vip] }', 5),
    'fallback.yaml': one('fallback', '', -1),
  });
  const zh: Line[] = [
    ['customer', '你好，我的订单还没到', 0],
    ['agent', '您好，我帮您查一下', 10],
  ];
  const en: Line[] = [
    ['customer', 'Hi, my order has not arrived yet', 0],
    ['agent', 'Hello, let me check that for you', 10],
  ];
  const chosen = (lines: Line[], fields: Record<string, unknown> = {}) =>
    score(set, conversation(lines, fields)).result.scorecard;

  it('picks the scorecard whose appliesTo matches channel and language', () => {
    assert.equal(chosen(zh), 'zh-chat');
    assert.equal(chosen(zh, { channel: 'miniprogram' }), 'zh-chat');
    assert.equal(chosen(en), 'en-chat');
    assert.equal(chosen(zh, { channel: 'voice' }), 'voice');
    assert.equal(chosen(zh, { channel: 'email' }), 'fallback');
  });

  it('the highest priority wins among those that apply', () => {
    assert.equal(chosen(zh, { industry: 'finance' }), 'finance');
    assert.equal(chosen(zh, { tags: ['vip', '投诉'] }), 'vip');
    assert.equal(chosen(zh, { tags: ['vip'], industry: 'finance' }), 'finance');
    assert.equal(chosen(en, { tags: ['vip'] }), 'vip');
  });

  it('then file order', () => {
    const twins = compile({ 'a.yaml': one('first', ''), 'b.yaml': one('second', '') });
    assert.equal(score(twins, conversation(zh)).result.scorecard, 'first');
    const reversed = compile({ 'b.yaml': one('second', ''), 'a.yaml': one('first', '') });
    assert.equal(score(reversed, conversation(zh)).result.scorecard, 'second');
  });

  it('null in industries matches a conversation without an industry', () => {
    const retail = compile({
      'retail.yaml': one('retail', '{ industries: [ecommerce, null] }', 1),
      'other.yaml': one('other', ''),
    });
    const pick = (fields: Record<string, unknown>) =>
      score(retail, conversation(zh, fields)).result.scorecard;
    assert.equal(pick({}), 'retail');
    assert.equal(pick({ industry: 'ecommerce' }), 'retail');
    assert.equal(pick({ industry: 'finance' }), 'other');
  });

  it('no scorecard applies: no score', () => {
    const only = compile({ 'voice.yaml': one('voice', '{ channels: [voice] }') });
    const { result, verdicts } = score(only, conversation(zh));
    assert.equal(result.scorecard, null);
    assert.equal(result.score, null);
    assert.equal(result.passed, null);
    assert.equal(verdicts.size, 0);
  });
});

describe('rule-level appliesTo', () => {
  it('leaves the rule out (not N/A) for conversations that do not match', () => {
    const disclaimer =
      '{ id: risk-disclaimer, points: -5, appliesTo: { industries: [finance] }, require: { role: agent, keywords: { any: [理财有风险] } } }';
    const set = compile({ 'qa.yaml': card('{ id: qa }', [GREETING, disclaimer]) });
    const retail = score(set, conversation(CHAT, { industry: 'ecommerce' }));
    assert.equal(retail.verdicts.has('risk-disclaimer'), false);
    assert.deepEqual(retail.result.notApplicable, []);
    assert.equal(retail.result.score, 100);
    const finance = score(set, conversation(CHAT, { industry: 'finance' }));
    assert.equal(finance.verdicts.get('risk-disclaimer')?.status, 'hit');
    assert.equal(finance.result.score, 95);
  });
});

describe('include, override, enabled', () => {
  const PACK = `pack: { id: emoji-norms, name: 表情规范 }
rules:
  - { id: emoji-laugh, category: 表情规范, points: -2, detect: { role: agent, emoji: { categories: [laugh] } } }
  - { id: emoji-many, category: 表情规范, points: -5, detect: { role: agent, emoji: { count: { gte: 2 } } } }
`;
  const lines: Line[] = [
    ['customer', '我的快递呢', 0],
    ['agent', '您好，马上帮您查😂', 10],
    ['agent', '已经在路上了😂', 20],
  ];

  it('include brings in the rules of a pack', () => {
    const set = compile({ 'emoji.yaml': PACK, 'qa.yaml': card('{ id: qa }', [GREETING], '[emoji-norms]') });
    const { result, verdicts } = score(set, conversation(lines));
    assert.deepEqual([...verdicts.keys()].sort(), ['emoji-laugh', 'emoji-many', 'greeting']);
    assert.equal(result.score, 93);
  });

  it('include of another scorecard brings in its rules', () => {
    const base = card('{ id: base, appliesTo: { channels: [email] } }', [GREETING]);
    const set = compile({
      'base.yaml': base,
      'qa.yaml': card('{ id: qa, priority: 1 }', [CLOSING], '[base]'),
    });
    const { result, verdicts } = score(set, conversation(CHAT));
    assert.equal(result.scorecard, 'qa');
    assert.deepEqual([...verdicts.keys()].sort(), ['closing', 'greeting']);
  });

  it('a rule of the scorecard overrides an included rule of the same id', () => {
    const own =
      '{ id: emoji-laugh, category: 表情规范, points: -1, detect: { role: agent, emoji: { categories: [laugh] } } }';
    const set = compile({ 'emoji.yaml': PACK, 'qa.yaml': card('{ id: qa }', [own], '[emoji-norms]') });
    const { result } = score(set, conversation(lines));
    assert.deepEqual(result.hits.map((h) => [h.rule, h.points]).sort(), [
      ['emoji-laugh', -1],
      ['emoji-many', -5],
    ]);
    assert.equal(result.score, 94);
  });

  it('enabled: false switches a rule off, also one that overrides an included rule', () => {
    const off =
      '{ id: emoji-many, enabled: false, points: -5, detect: { role: agent, emoji: { count: { gte: 2 } } } }';
    const offGreeting = GREETING.replace('points: -5', 'points: -5, enabled: false');
    const set = compile({
      'emoji.yaml': PACK,
      'qa.yaml': card('{ id: qa }', [offGreeting, off], '[emoji-norms]'),
    });
    const { result, verdicts } = score(set, conversation(lines));
    assert.deepEqual([...verdicts.keys()], ['emoji-laugh']);
    assert.equal(result.score, 98);
  });
});

describe('scorecard version', () => {
  const PACK = (points: number) =>
    `pack: { id: emoji-norms }\nrules:\n  - { id: emoji-laugh, points: ${points}, detect: { role: agent, emoji: { categories: [laugh] } } }\n`;
  const OTHER = (points: number) =>
    `pack: { id: other }\nrules:\n  - { id: other-rule, points: ${points}, detect: { role: agent, keywords: { any: [不知道] } } }\n`;
  const QA = card('{ id: qa }', [GREETING, CLOSING], '[emoji-norms]');
  const versionOf = (files: Record<string, string>) =>
    compile(files).scorecards.find((s) => s.id === 'qa')?.version;

  it('is recorded in the result', () => {
    const set = compile({ 'emoji.yaml': PACK(-2), 'qa.yaml': QA });
    const { result } = score(set, conversation(CHAT));
    assert.equal(result.scorecardVersion, set.scorecards[0]?.version);
    assert.match(result.scorecardVersion ?? '', /^\S+$/);
  });

  it('stays equal for the same content, however it is written', () => {
    const base = versionOf({ 'emoji.yaml': PACK(-2), 'qa.yaml': QA, 'other.yaml': OTHER(-1) });
    assert.equal(versionOf({ 'emoji.yaml': PACK(-2), 'qa.yaml': QA, 'other.yaml': OTHER(-1) }), base);
    const block = `rules:
  - id: greeting
    points: -5
    category: 服务规范
    require:
      keywords: { any: [您好, 你好] }
      position: { first: 1 }
      role: agent
  - category: 服务规范
    id: closing
    points: -5
    require: { role: agent, position: { last: 1 }, keywords: { any: [再见] } }
include: [emoji-norms]
scorecard:
  id: qa
`;
    assert.equal(versionOf({ 'emoji.yaml': PACK(-2), 'qa.yaml': block }), base);
    // A pack the scorecard does not include is not part of it.
    assert.equal(versionOf({ 'emoji.yaml': PACK(-2), 'qa.yaml': QA, 'other.yaml': OTHER(-9) }), base);
  });

  it('changes when any rule changes, included ones too', () => {
    const base = versionOf({ 'emoji.yaml': PACK(-2), 'qa.yaml': QA });
    assert.ok(base);
    assert.notEqual(versionOf({ 'emoji.yaml': PACK(-3), 'qa.yaml': QA }), base);
    assert.notEqual(
      versionOf({ 'emoji.yaml': PACK(-2), 'qa.yaml': QA.replace('[再见]', '[再见, 拜拜]') }),
      base,
    );
    assert.notEqual(
      versionOf({
        'emoji.yaml': PACK(-2),
        'qa.yaml': QA.replace('id: greeting, ', 'id: greeting, weight: 2, '),
      }),
      base,
    );
    assert.notEqual(
      versionOf({ 'emoji.yaml': PACK(-2), 'qa.yaml': card('{ id: qa }', [GREETING, CLOSING]) }),
      base,
    );
    // The scorecard's own settings are part of it.
    const stricter = QA.replace('{ id: qa }', '{ id: qa, passScore: 85 }');
    assert.notEqual(versionOf({ 'emoji.yaml': PACK(-2), 'qa.yaml': stricter }), base);
  });
});

describe('categories breakdown', () => {
  it('per category: points, hits and N/A', () => {
    const soothe =
      '{ id: soothe, category: 情绪安抚, points: -10, when: { customerEmotion: [anger] }, require: { role: agent, keywords: { any: [对不起] } } }';
    const noCategory = '{ id: bye, points: -2, require: { keywords: { any: [再见] } } }';
    const { result } = score(
      compile({
        'qa.yaml': card('{ id: qa }', [GREETING, CLOSING, APOLOGY_BONUS, SLOW, soothe, noCategory]),
      }),
      conversation(CHAT),
    );
    // closing −5, apology +3, bye −2.
    assert.equal(result.score, 96);
    const rows = Object.fromEntries(
      result.categories.map((c) => [
        c.name,
        { points: c.points, hits: c.hits, notApplicable: c.notApplicable },
      ]),
    );
    assert.deepEqual(rows, {
      服务规范: { points: -2, hits: 2, notApplicable: 0 },
      时效: { points: 0, hits: 0, notApplicable: 0 },
      情绪安抚: { points: 0, hits: 0, notApplicable: 1 },
      general: { points: -2, hits: 1, notApplicable: 0 },
    });
  });
});
