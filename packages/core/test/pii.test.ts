import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPii, PII_KINDS, type PiiKind, type PiiOptions, redactPii } from '../src/text/pii.ts';
import { hasCardIssuerPrefix, isLuhnValid, isValidCnId } from '../src/text/pii-checks.ts';

/** [kind, original text] of every span, in order. */
function found(text: string, options?: PiiOptions): [PiiKind, string][] {
  return findPii(text, options).map((s) => [s.kind, s.text]);
}

function assertNone(text: string): void {
  assert.deepEqual(found(text), [], text);
}

// Test numbers: 6222021234567890128 is Luhn-valid (check digit computed for these tests);
// 4111111111111111, 5555555555554444, 378282246310005 are the networks' public test numbers;
// 11010519491231002X is the GB 11643 sample ID; 620102199001011057 is a valid Gansu ID that also
// passes Luhn with the UnionPay prefix 62.
const UNIONPAY = '6222021234567890128';
const GANSU_ID_LUHN = '620102199001011057';

describe('findPii: Chinese mobile numbers', () => {
  it('finds plain, grouped and prefixed numbers in sentences', () => {
    assert.deepEqual(found('我的手机号是13812345678，麻烦尽快处理'), [['mobile_cn', '13812345678']]);
    assert.deepEqual(found('电话 138 1234 5678 谢谢'), [['mobile_cn', '138 1234 5678']]);
    assert.deepEqual(found('电话：138-1234-5678'), [['mobile_cn', '138-1234-5678']]);
    assert.deepEqual(found('请打+86 139 1234 5678'), [['mobile_cn', '+86 139 1234 5678']]);
    assert.deepEqual(found('号码+8615912345678'), [['mobile_cn', '+8615912345678']]);
    assert.deepEqual(found('0086-18612345678 是我的'), [['mobile_cn', '0086-18612345678']]);
    assert.deepEqual(found('(+86) 177 1234 5678'), [['mobile_cn', '(+86) 177 1234 5678']]);
    assert.deepEqual(found('My number is 19912345678, call me'), [['mobile_cn', '19912345678']]);
  });
  it('finds two numbers side by side', () => {
    assert.deepEqual(found('13812345678/13987654321'), [
      ['mobile_cn', '13812345678'],
      ['mobile_cn', '13987654321'],
    ]);
    assert.deepEqual(found('电话 138 1234 5678 13912345678'), [
      ['mobile_cn', '138 1234 5678'],
      ['mobile_cn', '13912345678'],
    ]);
    assert.deepEqual(found('138 1234 5678 10:30 前联系'), [['mobile_cn', '138 1234 5678']]);
    assert.deepEqual(found('本人13812345678，家人13987654321'), [
      ['mobile_cn', '13812345678'],
      ['mobile_cn', '13987654321'],
    ]);
  });
  it('matches full-width digits and reports the original span', () => {
    const text = '手机：１３８１２３４５６７８，谢谢';
    const spans = findPii(text);
    assert.deepEqual(spans, [{ kind: 'mobile_cn', start: 3, end: 14, text: '１３８１２３４５６７８' }]);
    assert.deepEqual(found('电话１３８－１２３４－５６７８'), [['mobile_cn', '１３８－１２３４－５６７８']]);
  });
  it('reports UTF-16 offsets after emoji', () => {
    const text = '😀😀13812345678';
    const [span] = findPii(text);
    assert.equal(span?.start, 4);
    assert.equal(text.slice(span?.start, span?.end), '13812345678');
  });
  it('ignores numbers inside longer digit runs, identifiers and decimals', () => {
    assertNone('订单号 202503011381234567890 已发货');
    assertNone('订单 20250301138123456789');
    assertNone('运单号SF13812345678');
    assertNone('[PHONE_13812345678]');
    assertNone('12345678901 不是手机号');
    assertNone('金额 13812345678.50 元');
    assertNone('已经打码 138****5678');
    assertNone('12812345678');
  });
});

describe('findPii: resident IDs', () => {
  it('finds IDs with a valid checksum and birth date', () => {
    assert.deepEqual(found('身份证号 11010519491231002X'), [['id_cn', '11010519491231002X']]);
    assert.deepEqual(found('身份证号11010519491231002x已提交'), [['id_cn', '11010519491231002x']]);
    assert.deepEqual(found('ID: 440306198506121006'), [['id_cn', '440306198506121006']]);
    assert.deepEqual(found('证件 110105 19491231 002X'), [['id_cn', '110105 19491231 002X']]);
    assert.deepEqual(found('证件 １１０１０５１９４９１２３１００２Ｘ'), [
      ['id_cn', '１１０１０５１９４９１２３１００２Ｘ'],
    ]);
  });
  it('rejects wrong checksums, impossible dates, unknown provinces and longer runs', () => {
    assertNone('身份证 110105194912310021'); // check character should be X
    assertNone('身份证 11010519490231002X'); // 31 February
    assertNone('身份证 110105185012310028'); // 1850
    assertNone('身份证 990105194912310021'); // no province 99
    assertNone('身份证 11010519491231002X1');
    assertNone('A11010519491231002X');
  });
  it('checks the calendar exactly', () => {
    assert.equal(isValidCnId('11010519491231002X'), true);
    assert.equal(isValidCnId('110105 19491231 002X'), true);
    assert.equal(isValidCnId('11010519491231002'), false);
    assert.equal(isValidCnId('11010519491231002XX'), false);
    assert.equal(isValidCnId('1101051949123X1002X'), false);
  });
});

describe('findPii: bank cards', () => {
  it('finds Luhn-valid cards with a known issuer prefix, plain or grouped', () => {
    assert.equal(isLuhnValid(UNIONPAY), true);
    assert.deepEqual(found('卡号 6222 0212 3456 7890 128'), [['bank_card', '6222 0212 3456 7890 128']]);
    assert.deepEqual(found(`退款到${UNIONPAY}这张卡`), [['bank_card', UNIONPAY]]);
    assert.deepEqual(found('card 4111-1111-1111-1111 please'), [['bank_card', '4111-1111-1111-1111']]);
    assert.deepEqual(found('mc 5555555555554444'), [['bank_card', '5555555555554444']]);
    assert.deepEqual(found('amex 3782 822463 10005'), [['bank_card', '3782 822463 10005']]);
  });
  it('rejects Luhn failures, unknown prefixes and wrong lengths', () => {
    assertNone('卡号 6222 0212 3456 7890 120');
    assertNone('卡号 6222021234567890120');
    assert.equal(isLuhnValid('1234567812345670'), true);
    assertNone('编号 1234567812345670'); // Luhn-valid, but no card network starts with 12
    assert.equal(hasCardIssuerPrefix('41111111111111111'), false); // Visa has no 17-digit cards
  });
  it('does not take part of a longer grouped number', () => {
    assertNone('序列 6222 0212 3456 7890 128 1234');
  });
  it('calls a number that is both a valid ID and a valid card an ID', () => {
    assert.equal(isLuhnValid(GANSU_ID_LUHN) && hasCardIssuerPrefix(GANSU_ID_LUHN), true);
    assert.deepEqual(found(`证件号${GANSU_ID_LUHN}`), [['id_cn', GANSU_ID_LUHN]]);
    assert.deepEqual(found(`证件号${GANSU_ID_LUHN}`, { kinds: ['bank_card'] }), []);
  });
});

describe('findPii: e-mail', () => {
  it('finds addresses and leaves trailing punctuation out', () => {
    assert.deepEqual(found('email me at john.doe@example.co.uk.'), [['email', 'john.doe@example.co.uk']]);
    assert.deepEqual(found('请发到 a@b.com。'), [['email', 'a@b.com']]);
    assert.deepEqual(found('邮箱：Zhang.San+cs@Mail.Example.CN，谢谢'), [
      ['email', 'Zhang.San+cs@Mail.Example.CN'],
    ]);
    assert.deepEqual(found('联系邮箱abc_123@qq.com'), [['email', 'abc_123@qq.com']]);
    assert.deepEqual(found('<mary-ann@my-shop.io>'), [['email', 'mary-ann@my-shop.io']]);
  });
  it('prefers the address over the mobile number inside it', () => {
    assert.deepEqual(found('发到13812345678@163.com'), [['email', '13812345678@163.com']]);
    assert.deepEqual(found('发到13812345678@163.com', { kinds: ['mobile_cn'] }), [
      ['mobile_cn', '13812345678'],
    ]);
  });
  it('rejects what is not an address', () => {
    assertNone('@客服 你好');
    assertNone('a@b');
    assertNone('x@y.c');
    assertNone('a..b@example.com');
    assertNone('张三@example.com');
    assertNone('weibo @someone 说的');
  });
});

describe('findPii: other phone numbers', () => {
  it('finds international, landline and North American numbers', () => {
    assert.deepEqual(found('call +1 (415) 555-0132'), [['phone', '+1 (415) 555-0132']]);
    assert.deepEqual(found('London +44 20 7946 0958.'), [['phone', '+44 20 7946 0958']]);
    assert.deepEqual(found('香港 +852 9123 4567'), [['phone', '+852 9123 4567']]);
    assert.deepEqual(found('座机010-12345678'), [['phone', '010-12345678']]);
    assert.deepEqual(found('深圳 0755-1234567 转人工'), [['phone', '0755-1234567']]);
    assert.deepEqual(found('（０２１）６２３４５６７８'), [['phone', '（０２１）６２３４５６７８']]);
    assert.deepEqual(found('办公室 0571-8765-4321-802'), [['phone', '0571-8765-4321-802']]);
    assert.deepEqual(found('Call (415) 555-0132 now'), [['phone', '(415) 555-0132']]);
    assert.deepEqual(found('or 415-555-0132'), [['phone', '415-555-0132']]);
    assert.deepEqual(found('or 415.555.0132'), [['phone', '415.555.0132']]);
  });
  it('leaves dates, times, amounts, versions, order ids and hotlines alone', () => {
    assertNone('2025-03-01 10:30 下单');
    assertNone('2025/03/01 10:30:45');
    assertNone('金额 ¥1,234.56');
    assertNone('退款 1234567.89 元');
    assertNone('version 1.2.3 build 2025.03.01');
    assertNone('ip 192.168.100.200');
    assertNone('[ORDERID_10005629]');
    assertNone('[数字x]个');
    assertNone('客服热线 400-820-8820');
    assertNone('toll free 1-800-555-0199');
    assertNone('积分 +1000 分');
    assertNone('123-456-7890');
  });
  it('calls a +86 mobile a mobile, and a phone when only phones are asked for', () => {
    assert.deepEqual(found('+86 138 1234 5678'), [['mobile_cn', '+86 138 1234 5678']]);
    assert.deepEqual(found('+86 138 1234 5678', { kinds: ['phone'] }), [['phone', '+86 138 1234 5678']]);
  });
});

describe('findPii: messages and options', () => {
  it('returns nothing for messages without digits or @', () => {
    assertNone('您好，请问有什么可以帮您的吗？');
    assertNone('Thanks for waiting, I am checking now.');
    assertNone('');
    assertNone('我买了2件，还差3件');
  });
  it('returns sorted spans of several kinds', () => {
    const text =
      '我叫张三，手机13812345678，身份证11010519491231002X，卡号6222 0212 3456 7890 128，邮箱zs@example.com';
    assert.deepEqual(found(text), [
      ['mobile_cn', '13812345678'],
      ['id_cn', '11010519491231002X'],
      ['bank_card', '6222 0212 3456 7890 128'],
      ['email', 'zs@example.com'],
    ]);
    for (const span of findPii(text)) assert.equal(text.slice(span.start, span.end), span.text);
  });
  it('detects only the requested kinds', () => {
    const text = '手机13812345678 邮箱zs@example.com';
    assert.deepEqual(found(text, { kinds: ['email'] }), [['email', 'zs@example.com']]);
    assert.deepEqual(found(text, { kinds: ['mobile_cn'] }), [['mobile_cn', '13812345678']]);
    assert.deepEqual(found(text, { kinds: [] }), []);
    assert.deepEqual(found(text, { kinds: [...PII_KINDS] }), found(text));
  });
  it('lists every kind', () => {
    assert.deepEqual([...PII_KINDS].sort(), ['bank_card', 'email', 'id_cn', 'mobile_cn', 'phone']);
  });
});

describe('redactPii', () => {
  const text =
    '手机13812345678，身份证11010519491231002X，卡号6222 0212 3456 7890 128，邮箱john.doe@example.com，电话+1 (415) 555-0132';
  it('masks with a readable hint by default', () => {
    assert.equal(
      redactPii(text, findPii(text)),
      '手机138****5678，身份证110105********002X，卡号************0128，邮箱j***@example.com，电话+1 ***-***-0132',
    );
  });
  it('replaces with tags', () => {
    assert.equal(
      redactPii(text, findPii(text), 'tag'),
      '手机[PHONE]，身份证[ID]，卡号[CARD]，邮箱[EMAIL]，电话[PHONE]',
    );
  });
  it('masks every kind of phone and the prefixed and full-width forms', () => {
    const redact = (t: string) => redactPii(t, findPii(t));
    assert.equal(redact('+86 138 1234 5678'), '+86 138****5678');
    assert.equal(redact('１３８１２３４５６７８'), '138****5678');
    assert.equal(redact('+44 20 7946 0958'), '+44 ***-***-0958');
    assert.equal(redact('+852 9123 4567'), '+852 ***-***-4567');
    assert.equal(redact('010-12345678-801'), '010-****5678');
    assert.equal(redact('(0755) 1234567'), '0755-****4567');
    assert.equal(redact('415-555-0132'), '***-***-0132');
    assert.equal(redact('ID 440306198506121006'), 'ID 440306********1006');
  });
  it('keeps text outside the spans and skips overlapping or out-of-range spans', () => {
    const t = '电话13812345678';
    assert.equal(redactPii(t, []), t);
    const span = { kind: 'mobile_cn' as const, start: 2, end: 13, text: '13812345678' };
    assert.equal(redactPii(t, [span, { ...span, start: 5 }], 'tag'), '电话[PHONE]');
    assert.equal(redactPii(t, [{ ...span, end: 99 }], 'tag'), t);
  });
  it('leaves redacted text without PII', () => {
    const once = redactPii(text, findPii(text));
    assert.deepEqual(findPii(once), []);
  });
});

describe('findPii on real export text', () => {
  it('ignores item ids inside URLs and 13-digit courier waybills', () => {
    assert.deepEqual(findPii('https://item.jd.com/14569607426.html'), []);
    assert.deepEqual(findPii('运单号 4373239844811 到哪了'), []);
    const spans = findPii('我的电话13812345678，链接 https://a.b/c?id=13812345679');
    assert.deepEqual(
      spans.map((s) => s.text),
      ['13812345678'],
    );
  });
});
