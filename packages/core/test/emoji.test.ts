import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  BRACKET_CODES,
  EMOTICONS,
  JD_FAMILIES,
  LEGACY_CODES,
  UNICODE_EMOJI,
} from '../src/emoji/emoji-data.ts';
import {
  createEmojiTable,
  EMOJI_CATEGORIES,
  type EmojiTable,
  extractEmoji,
  lookupEmoji,
} from '../src/emoji/index.ts';

/** `text|key|kind` per match, the shape most assertions compare. */
const found = (text: string, table?: EmojiTable) =>
  extractEmoji(text, table).map((m) => `${m.text}|${m.key}|${m.kind}`);

describe('extractEmoji: customer-service messages', () => {
  const cases: [string, string[]][] = [
    ['您好[微笑]请问有什么可以帮您', ['[微笑]|[微笑]|bracket']],
    ['亲，已经为您催促了哦#E-s[数字x]', ['#E-s[数字x]|#E-s[数字x]|jd']],
    ['thanks :) see you at 10:30', [':)|:)|emoticon']],
    ['👍🏽👨‍👩‍👧 ok', ['👍🏽|👍|unicode', '👨‍👩‍👧|👨‍👩‍👧|unicode']],
    ['订单[ORDERID_10005629]已发货', []],
    ['see [1] and http://a.b/c:d', []],
    ['T_T 还没到', ['T_T|T_T|emoticon']],
    ['orz', ['orz|orz|emoticon']],
    [
      '好的/::)谢谢/:rose/:rose',
      ['/::)|[微笑]|qq-legacy', '/:rose|[玫瑰]|qq-legacy', '/:rose|[玫瑰]|qq-legacy'],
    ],
    ['快递三天了还没到[发怒][发怒]', ['[发怒]|[发怒]|bracket', '[发怒]|[发怒]|bracket']],
    [
      '[心][泪][允悲][doge][笑cry]',
      ['[心]', '[泪]', '[允悲]', '[doge]', '[笑cry]'].map((c) => `${c}|${c}|bracket`),
    ],
    ['#E-b[数字x],您客气了哦#E-s5[数字x]', ['#E-b[数字x]|#E-b[数字x]|jd', '#E-s5[数字x]|#E-s5[数字x]|jd']],
    ['#E-s01 很高兴为您服务', ['#E-s01|#E-s01|jd']],
    ['明天要送给老婆的呢!过生日#E-大哭,', ['#E-大哭|[大哭]|jd']],
    ['好难过o(╥﹏╥)o', ['o(╥﹏╥)o|o(╥﹏╥)o|kaomoji']],
    ['什么破服务(╯°□°）╯︵ ┻━┻', ['(╯°□°）╯︵ ┻━┻|(╯°□°）╯︵ ┻━┻|kaomoji']],
    ['好的（^_^）', ['（^_^）|(^_^)|kaomoji']],
    ['感谢亲的支持哦~O(∩_∩)O~', ['O(∩_∩)O|O(∩_∩)O|kaomoji']],
    ['lol :DDD thanks:))) XD', [':DDD|:D|emoticon', ':)))|:)|emoticon', 'XD|XD|emoticon']],
    ['还没到 :( 好慢', [':(|:(|emoticon']],
    ['i <3 this shop', ['<3|<3|emoticon']],
    ['1️⃣ 退款 2⃣ 换货', ['1️⃣|1⃣|unicode', '2⃣|2⃣|unicode']],
    ['🇨🇳加油 👩🏽‍💻 ❤️‍🔥', ['🇨🇳|🇨🇳|unicode', '👩🏽‍💻|👩‍💻|unicode', '❤️‍🔥|❤‍🔥|unicode']],
    ['爱你❤ ©️', ['❤|❤|unicode', '©️|©|unicode']],
    ['¯\\_(ツ)_/¯ whatever', ['¯\\_(ツ)_/¯|¯\\_(ツ)_/¯|kaomoji']],
  ];
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(found(text), expected));
  }

  it('reports positions in order, without overlap, slicing back to the text', () => {
    const text = '您好[微笑]/::)😂😂 :) ^_^ #E-s[数字x]1️⃣';
    const matches = extractEmoji(text);
    assert.equal(matches.length, 8);
    let end = 0;
    for (const m of matches) {
      assert.ok(m.start >= end && m.end > m.start);
      assert.equal(text.slice(m.start, m.end), m.text);
      end = m.end;
    }
  });
});

describe('extractEmoji: ordinary text is not emoji', () => {
  const negatives = [
    '10:30',
    '比例3:1',
    'https://x.com/a:b',
    'http://example.com/path:Price',
    'http://x.com/:ok',
    'a[i]:b',
    'foo(x)',
    'if (a) {',
    '1:)',
    'XDR',
    'Norzig',
    '(see 8)',
    'http://a.b/c:d',
    '订单号[数字x]，金额[金额x]，[姓名x]',
    '[链接x] [商品快照]',
    '[link](https://x.com) [OK](https://x.com)',
    '规格:D型',
    '退款<3天到账',
    '数量:3个',
    '0xD0',
    'T_Test',
    '第1步 第2步 #3 *5 123456',
    '© 2024 Serviq™ ↑ ☆ ★ → ✔ ☀ ▶',
    '❤︎',
    '“你好”……——',
    '#E-我也很想为您修改呢',
    'a = b; x->y; a < 3',
    '移动端IM在线客服链接:(手机端需要重新登录)',
    '(&gt;_&lt;)',
    '续航给力d=(▽｀)=b',
  ];
  for (const text of negatives) {
    it(JSON.stringify(text), () => assert.deepEqual(found(text), []));
  }
});

describe('categories and polarity', () => {
  const polarity = (code: string) => lookupEmoji(code)?.polarity ?? Number.NaN;

  it('reads the obvious ones', () => {
    assert.equal(lookupEmoji('[发怒]')?.category, 'angry');
    assert.ok(polarity('[发怒]') < 0);
    assert.equal(lookupEmoji('😂')?.category, 'laugh');
    assert.ok(polarity('😂') > 0);
    assert.equal(lookupEmoji('👍')?.category, 'gesture');
    assert.ok(polarity('👍') > 0);
    assert.equal(lookupEmoji('😭')?.category, 'sad');
    assert.ok(polarity('😭') < 0);
    assert.equal(lookupEmoji('❤')?.category, 'love');
    assert.equal(lookupEmoji('[心]')?.category, 'love');
    assert.ok(polarity('[弱]') < 0 && polarity('👎') < 0);
    assert.ok(polarity('T_T') < 0 && polarity(':)') > 0);
  });

  it('keeps the ambiguous ones near neutral and explains them', () => {
    for (const code of ['[微笑]', '[呵呵]', '[再见]', '[捂脸]']) {
      assert.ok(Math.abs(polarity(code)) <= 0.2, code);
      assert.ok(lookupEmoji(code)?.note, code);
    }
    assert.equal(lookupEmoji('[捂脸]')?.category, 'laugh');
  });

  it('matches carry the item category and polarity', () => {
    const [m] = extractEmoji('太慢了[怒]');
    assert.equal(m?.category, 'angry');
    assert.equal(m?.polarity, polarity('[怒]'));
  });
});

describe('lookupEmoji', () => {
  it('accepts any spelling', () => {
    assert.equal(lookupEmoji('/::)')?.code, '[微笑]');
    assert.equal(lookupEmoji('👍🏽')?.code, '👍');
    assert.equal(lookupEmoji('❤️')?.code, '❤');
    assert.equal(lookupEmoji('#E-s[数字x]')?.code, '#E-s');
    assert.equal(lookupEmoji('#E-x12')?.code, '#E-');
    assert.equal(lookupEmoji('（^_^）')?.code, '(^_^)');
    assert.equal(lookupEmoji('[超话]'), undefined);
    assert.equal(lookupEmoji('1'), undefined);
  });
});

describe('overrides', () => {
  const table = createEmojiTable({
    items: [
      { code: '[老板大气]', category: 'love' },
      {
        code: '[收到啦]',
        platforms: ['dingtalk'],
        category: 'gesture',
        polarity: 0.2,
        zh: '收到啦',
        en: 'got it',
      },
      { code: '[捂脸]', category: 'sad' },
      { code: '😂', polarity: -0.2 },
      { code: '/::~', category: 'angry', polarity: -0.5 },
      { code: '(¬_¬)', category: 'angry' },
      { code: 'lgtm' },
      { code: '[好评]', kind: 'bracket', category: 'gesture' },
      { code: '^o^', kind: 'kaomoji' },
    ],
    disable: ['[微笑]', '👍🏻', 'orz', '#E-s'],
  });

  it('adds a bracket code', () => {
    const [m] = extractEmoji('谢谢[老板大气]', table);
    assert.deepEqual(
      { key: m?.key, kind: m?.kind, category: m?.category, polarity: m?.polarity },
      { key: '[老板大气]', kind: 'bracket', category: 'love', polarity: 0.7 },
    );
  });

  it('disables a bracket code and its legacy spelling', () => {
    assert.deepEqual(found('好的[微笑]/::)', table), []);
    assert.deepEqual(found('好的[微笑]/::)'), ['[微笑]|[微笑]|bracket', '/::)|[微笑]|qq-legacy']);
  });

  it('patches existing items, taking the new category polarity unless one is given', () => {
    assert.equal(lookupEmoji('[捂脸]', table)?.category, 'sad');
    assert.equal(lookupEmoji('[捂脸]', table)?.polarity, -0.5);
    assert.equal(lookupEmoji('😂', table)?.polarity, -0.2);
    assert.equal(lookupEmoji('😂', table)?.category, 'laugh');
  });

  it('gives a legacy spelling its own item when overridden', () => {
    assert.deepEqual(found('/::~', table), ['/::~|/::~|qq-legacy']);
    assert.equal(extractEmoji('/::~', table)[0]?.category, 'angry');
    assert.equal(lookupEmoji('[撇嘴]', table)?.category, 'sad');
  });

  it('adds emoticons and kaomoji with the boundary rules of their kind', () => {
    assert.deepEqual(found('嗯(¬_¬) lgtm', table), ['(¬_¬)|(¬_¬)|kaomoji', 'lgtm|lgtm|emoticon']);
    assert.deepEqual(found('lgtmx', table), []);
    assert.deepEqual(found('给个[好评]', table), ['[好评]|[好评]|bracket']);
    assert.deepEqual(lookupEmoji('[收到啦]', table)?.platforms, ['dingtalk']);
    assert.deepEqual(found('ok^o^', table), ['^o^|^o^|kaomoji']);
    assert.deepEqual(found('ok^o^'), []);
    assert.equal(lookupEmoji('lgtm', table)?.category, 'other');
  });

  it('disables emoji by any spelling, and JD families', () => {
    assert.deepEqual(found('👍🏽 orz #E-s[数字x] #E-b[数字x]', table), ['#E-b[数字x]|#E-b[数字x]|jd']);
    assert.equal(lookupEmoji('👍', table), undefined);
  });

  it('leaves the default table untouched', () => {
    assert.equal(lookupEmoji('[老板大气]'), undefined);
    assert.equal(lookupEmoji('[捂脸]')?.category, 'laugh');
  });

  it('rejects malformed override files', () => {
    assert.throws(() => createEmojiTable({ items: [{ code: '[x]', category: 'happy' as 'smile' }] }));
    assert.throws(() => createEmojiTable({ items: [{ code: '[x]', polarity: 2 }] }));
    assert.throws(
      () => createEmojiTable({ items: [{ code: 'lgtm', kind: 'bracket' }] }),
      /written as emoticon/,
    );
  });
});

describe('shipped data', () => {
  const Category = z.enum(EMOJI_CATEGORIES);
  const Polarity = z.number().min(-1).max(1);
  const Platform = z.enum(['wechat', 'qq', 'dingtalk', 'weibo']);
  const Names = { zh: z.string().min(1), en: z.string().min(1), note: z.string().optional() };

  it('bracket codes are well formed and unique', () => {
    const Row = z.strictObject({
      code: z.string().regex(/^\[[^[\]]+\]$/),
      platforms: z.array(Platform).min(1),
      category: Category,
      polarity: Polarity,
      ...Names,
    });
    z.array(Row).parse(BRACKET_CODES);
    assert.equal(new Set(BRACKET_CODES.map((r) => r.code)).size, BRACKET_CODES.length);
    assert.ok(BRACKET_CODES.length >= 250);
    assert.ok(!BRACKET_CODES.some((r) => r.code === '[超话]'));
  });

  it('every legacy code names a bracket code', () => {
    const Row = z.strictObject({
      code: z.string().startsWith('/:'),
      bracket: z.string(),
      platforms: z.array(Platform),
      ...Names,
    });
    z.array(Row).parse(LEGACY_CODES);
    const brackets = new Set(BRACKET_CODES.map((r) => r.code));
    for (const r of LEGACY_CODES) assert.ok(brackets.has(r.bracket), r.code);
    assert.equal(new Set(LEGACY_CODES.map((r) => r.code)).size, LEGACY_CODES.length);
  });

  it('emoticons are well formed, unique, and ASCII where they say so', () => {
    const Row = z.strictObject({
      code: z.string().min(2),
      kind: z.enum(['ascii', 'kaomoji']),
      category: Category,
      polarity: Polarity,
      ...Names,
    });
    z.array(Row).parse(EMOTICONS);
    assert.equal(new Set(EMOTICONS.map((r) => r.code)).size, EMOTICONS.length);
    for (const r of EMOTICONS) if (r.kind === 'ascii') assert.match(r.code, /^[\x20-\x7e]+$/);
  });

  it('the generated Unicode table is compact and well formed', () => {
    const size = statSync(new URL('../data/emoji/unicode.json', import.meta.url)).size;
    assert.ok(size < 250_000, `${size} bytes`);
    z.record(z.string(), z.tuple([Category, Polarity, z.string(), z.string()])).parse(UNICODE_EMOJI);
    for (const key of Object.keys(UNICODE_EMOJI)) assert.ok(!/\uFE0F|\uD83C[\uDFFB-\uDFFF]./.test(key), key);
    assert.ok(Object.keys(UNICODE_EMOJI).length > 1800);
  });

  it('every shipped emoticon and bracket code is found by itself', () => {
    for (const { code } of [...BRACKET_CODES, ...EMOTICONS, ...LEGACY_CODES]) {
      assert.equal(extractEmoji(code)[0]?.text, code, code);
    }
    for (const { code } of JD_FAMILIES.slice(0, 3)) assert.equal(extractEmoji(`${code}01`).length, 1);
  });
});
