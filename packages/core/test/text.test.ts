import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from '../src/text/detect-language.ts';
import { normalizeText } from '../src/text/normalize.ts';
import { computeTextFeatures } from '../src/text/text-features.ts';
import { stemEnglish, tokenizeEnglish } from '../src/text/tokenize-en.ts';

describe('normalizeText', () => {
  it('folds full width and ASCII case without moving offsets', () => {
    const input = 'ＯＲＤＥＲ　１２３ 已发货！Hello';
    const out = normalizeText(input);
    assert.equal(out, 'order 123 已发货!hello');
    assert.equal(out.length, input.length);
  });
  it('returns the same string when nothing changes', () => {
    const s = '您好、请问有什么可以帮您。';
    assert.equal(normalizeText(s), s);
    assert.equal(normalizeText('好的，谢谢？'), '好的,谢谢?');
  });
});

describe('detectLanguage', () => {
  it('tells Chinese, English, code-mixed and no-language text apart', () => {
    assert.equal(detectLanguage('您好，请问有什么可以帮您？'), 'zh');
    assert.equal(detectLanguage('我的iPhone订单还没到'), 'zh');
    assert.equal(detectLanguage('Where is my order?'), 'en');
    assert.equal(detectLanguage('订单 status 是 shipped 吗'), 'mixed');
    assert.equal(detectLanguage('👍 123 ...'), 'und');
  });
});

describe('language of real export text', () => {
  it('does not count masks, JD codes, bracket emoticons, URLs or handles as English', () => {
    const lang = (t: string) => computeTextFeatures(t).language;
    assert.equal(lang('咨询订单号:[ORDERID_10006239] 订单金额:[金额x] 下单时间:[日期x]'), 'zh');
    assert.equal(lang('好的#E-s01'), 'zh');
    assert.equal(lang('蛮拼的了[doge][doge]'), 'zh');
    assert.equal(lang('[ORDERID_10005584]'), 'und');
    assert.equal(lang('https://item.jd.com/1094922.html'), 'und');
    assert.equal(lang('看这个 https://item.jd.com/1094922.html 有货吗'), 'zh');
    assert.equal(lang('订单 status 是 shipped 吗'), 'mixed');
  });
});

describe('English tokens', () => {
  it('lower-cases, splits and stems lightly', () => {
    assert.deepEqual(tokenizeEnglish(normalizeText("Refunds aren't processed, I'm waiting")), [
      'refund',
      "aren't",
      'process',
      "i'm",
      'wait',
    ]);
    assert.equal(stemEnglish('replies'), 'reply');
    assert.equal(stemEnglish('boxes'), 'box');
    assert.equal(stemEnglish('status'), 'status');
  });
});

describe('computeTextFeatures', () => {
  it('uses the injected segmenter for Chinese and falls back to characters without one', () => {
    const seg = (t: string) => t.split(/(?<=退款)|(?=退款)/);
    const withSeg = computeTextFeatures('我要退款！', { segment: seg });
    assert.deepEqual(withSeg.tokens, ['我要', '退款']);
    const without = computeTextFeatures('我要退款！');
    assert.deepEqual(without.tokens, ['我', '要', '退', '款']);
    assert.equal(without.language, 'zh');
  });
  it('collects emoji and PII once per message', () => {
    const f = computeTextFeatures('您好[微笑] 我的电话是13812345678 👍🏽');
    assert.deepEqual(
      f.emoji.map((e) => e.key),
      ['[微笑]', '👍'],
    );
    assert.equal(f.pii.length, 1);
    assert.equal(f.pii[0]?.kind, 'mobile_cn');
  });
});
