import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeConversation, findPii, PII_KINDS, redactPii } from '@serviq/core';
import { redactMessages, redactResultEvidence } from '../src/text/redact-conversation.ts';
import { compile, conversation } from './rule-test-kit.ts';

// Offsets are UTF-16 units, worked out by hand. Test numbers as in pii.test.ts: 11010519491231002X
// is the GB 11643 sample ID, 6222021234567890128 a Luhn-valid 19-digit UnionPay number.
const ALL = [...PII_KINDS];

/** remap of every offset given, as [offset, at start edge, at end edge]. */
function remapped(texts: string[], offsets: number[]): [number, number, number][] {
  const { remap } = redactMessages(texts, ALL);
  return offsets.map((o) => [o, remap(0, o, 'start'), remap(0, o, 'end')]);
}

describe('redactMessages', () => {
  it('masks a Chinese mobile with its +86 prefix: 17 characters become 15', () => {
    // 电话 [0,2) · +86 138 1234 5678 [2,19) · 。[19,20)
    const text = '电话+86 138 1234 5678。';
    const r = redactMessages([text], ALL);
    assert.deepEqual(r.texts, ['电话+86 138****5678。']);
    assert.equal(r.count, 1);
    assert.deepEqual(remapped([text], [0, 2, 3, 10, 18, 19, 20]), [
      [0, 0, 0],
      [2, 2, 2],
      [3, 2, 17],
      [10, 2, 17],
      [18, 2, 17],
      [19, 17, 17],
      [20, 18, 18],
    ]);
  });

  it('keeps offsets of a plain mobile, whose mask has the same length', () => {
    const text = '我的手机13812345678谢谢';
    const r = redactMessages([text], ALL);
    assert.deepEqual(r.texts, ['我的手机138****5678谢谢']);
    assert.deepEqual(remapped([text], [3, 4, 9, 15, 17]), [
      [3, 3, 3],
      [4, 4, 4],
      [9, 4, 15],
      [15, 15, 15],
      [17, 17, 17],
    ]);
  });

  it('masks an 18-character resident ID with its check X, read out in 6-8-4 groups', () => {
    // 身份证 [0,3) · 110105 19491231 002X [3,23) · 。[23,24); the mask has no spaces: 18 characters.
    const text = '身份证110105 19491231 002X。';
    const r = redactMessages([text], ALL);
    assert.deepEqual(r.texts, ['身份证110105********002X。']);
    assert.deepEqual(remapped([text], [3, 12, 23, 24]), [
      [3, 3, 3],
      [12, 3, 21],
      [23, 21, 21],
      [24, 22, 22],
    ]);
    assert.deepEqual(redactMessages(['ID 11010519491231002X ok'], ALL).texts, ['ID 110105********002X ok']);
  });

  it('masks a 19-digit bank card that passes Luhn: 19 characters become 16', () => {
    // 卡号 [0,2) · 6222021234567890128 [2,21) · ，谢谢 [21,24)
    const text = '卡号6222021234567890128，谢谢';
    const r = redactMessages([text], ALL);
    assert.deepEqual(r.texts, ['卡号************0128，谢谢']);
    assert.deepEqual(remapped([text], [2, 20, 21, 24]), [
      [2, 2, 2],
      [20, 2, 18],
      [21, 18, 18],
      [24, 21, 21],
    ]);
  });

  it('masks an e-mail address: 21 characters become 16', () => {
    // 'mail: ' [0,6) · zhang.san@example.com [6,27) · '.' [27,28)
    const text = 'mail: zhang.san@example.com.';
    const r = redactMessages([text], ALL);
    assert.deepEqual(r.texts, ['mail: z***@example.com.']);
    assert.deepEqual(remapped([text], [5, 6, 7, 27, 28]), [
      [5, 5, 5],
      [6, 6, 6],
      [7, 6, 22],
      [27, 22, 22],
      [28, 23, 23],
    ]);
  });

  it('shifts offsets by every span before them when one message holds two', () => {
    // 'mail ' [0,5) · e-mail [5,26) → [5,21) · ', card ' [26,33) → [21,28) · card [33,52) → [28,44) · ' ok' → [44,47)
    const text = 'mail zhang.san@example.com, card 6222021234567890128 ok';
    const r = redactMessages([text], ALL);
    assert.deepEqual(r.texts, ['mail z***@example.com, card ************0128 ok']);
    assert.equal(r.count, 2);
    assert.deepEqual(remapped([text], [0, 5, 10, 26, 30, 33, 40, 52, 55]), [
      [0, 0, 0],
      [5, 5, 5],
      [10, 5, 21],
      [26, 21, 21],
      [30, 25, 25],
      [33, 28, 28],
      [40, 28, 44],
      [52, 44, 44],
      [55, 47, 47],
    ]);
  });

  it('keeps messages apart: each has its own offsets, and count adds them up', () => {
    const texts = ['你好', 'mail: zhang.san@example.com.', '卡号6222021234567890128，谢谢'];
    const r = redactMessages(texts, ALL);
    assert.equal(r.count, 2);
    assert.equal(r.texts[0], '你好');
    assert.equal(r.remap(0, 2), 2);
    assert.equal(r.remap(1, 28), 23);
    assert.equal(r.remap(2, 24), 21);
    for (const [i, text] of texts.entries()) assert.equal(r.texts[i], redactPii(text, findPii(text)));
  });

  it('is the identity without PII, for kinds not asked for and for messages it does not hold', () => {
    const texts = ['订单 2025-03-01 10:30 已发货', 'hello 😀 123'];
    const r = redactMessages(texts, ALL);
    assert.deepEqual(r.texts, texts);
    assert.equal(r.count, 0);
    assert.equal(r.remap(1, 8), 8);
    assert.equal(r.remap(5, 3), 3, 'a message index beyond the list maps to itself');

    const mixed = ['手机13812345678 mail zhang.san@example.com'];
    const onlyEmail = redactMessages(mixed, ['email']);
    assert.deepEqual(onlyEmail.texts, ['手机13812345678 mail z***@example.com']);
    assert.equal(onlyEmail.count, 1);
    const none = redactMessages(mixed, []);
    assert.deepEqual(none.texts, mixed);
    assert.equal(none.remap(0, 40), 40);
  });
});

describe('redactResultEvidence', () => {
  it('points evidence into the redacted messages and keeps the masked evidence text', () => {
    const ruleSet = compile({
      'rules.yaml': [
        'scorecard: { id: qa }',
        'rules:',
        '  - id: pii',
        '    points: -1',
        '    detect: { role: customer, pii: {} }',
        '  - id: complaint',
        '    points: -1',
        '    detect: { role: customer, keywords: { any: [投诉] } }',
        '',
      ].join('\n'),
    });
    // 邮箱 [0,2) · e-mail [2,23) → [2,18) · ，我要 [23,26) · 投诉 [26,28) → [21,23)
    const conv = conversation([
      ['agent', '您好', 0],
      ['customer', '邮箱zhang.san@example.com，我要投诉', 10],
    ]);
    const result = analyzeConversation(conv, { ruleSet, isRedacting: true });
    const { texts, remap } = redactMessages(
      conv.messages.map((m) => m.text),
      ALL,
    );
    const redacted = redactResultEvidence(result, remap);
    const evidence = (rule: string) => redacted.hits.find((h) => h.rule === rule)?.evidence;
    assert.deepEqual(evidence('pii'), [{ message: 1, start: 2, end: 18, text: '*********************' }]);
    assert.deepEqual(evidence('complaint'), [{ message: 1, start: 21, end: 23, text: '投诉' }]);
    assert.equal(texts[1]?.slice(21, 23), '投诉');
    assert.equal(texts[1]?.slice(2, 18), 'z***@example.com');
    // A copy: the analysis result itself still points into the original text.
    assert.deepEqual(
      result.hits.find((h) => h.rule === 'complaint')?.evidence.map((e) => [e.start, e.end]),
      [[26, 28]],
    );
    assert.deepEqual({ ...redacted, hits: [] }, { ...result, hits: [] });
  });
});
