import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeywordMatcher } from '../src/text/keyword-matcher.ts';

/** The specification, written the slow obvious way: scan left to right, take the longest keyword starting here. */
function bruteForce(keywords: string[], text: string) {
  const out: { begin: number; end: number; keyword: string }[] = [];
  let i = 0;
  while (i < text.length) {
    let best: string | undefined;
    for (const k of keywords) if (k && text.startsWith(k, i) && (!best || k.length > best.length)) best = k;
    if (best) {
      out.push({ begin: i, end: i + best.length, keyword: best });
      i += best.length;
    } else i++;
  }
  return out;
}

describe('KeywordMatcher', () => {
  it('finds leftmost-longest, non-overlapping keywords in Chinese and English', () => {
    const m = new KeywordMatcher(['满意', '不满意', '投诉', '12315', 'not good', 'good']);
    assert.deepEqual(m.match('很不满意，我要投诉到12315'), [
      { begin: 1, end: 4, keyword: '不满意' },
      { begin: 7, end: 9, keyword: '投诉' },
      { begin: 10, end: 15, keyword: '12315' },
    ]);
    assert.deepEqual(
      m.match('this is not good').map((x) => x.keyword),
      ['not good'],
    );
    assert.deepEqual(m.match('没有关键词'), []);
  });

  it('keeps Latin keywords to whole words when asked, and Chinese keywords anywhere', () => {
    const m = new KeywordMatcher(['sue', 'hi', '投诉'], { isLatinWholeWord: true });
    assert.deepEqual(
      m.match('this issue, i will sue, 我要投诉').map((x) => x.keyword),
      ['sue', '投诉'],
    );
    assert.equal(new KeywordMatcher(['sue']).match('issue').length, 1);
  });

  it('agrees with a brute-force scan on random texts over a small alphabet', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['a', 'b', 'c', '好', '差'];
    const word = (len: number) => Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('');
    for (let round = 0; round < 3000; round++) {
      const keywords = Array.from({ length: 1 + rand(6) }, () => word(1 + rand(4)));
      const text = word(rand(40));
      assert.deepEqual(
        new KeywordMatcher(keywords).match(text),
        bruteForce(keywords, text),
        `${keywords} / ${text}`,
      );
    }
  });

  it('matchAll reports overlapping keywords, and whole words hold for digits too', () => {
    const m = new KeywordMatcher(['退款', '退款申请', '12345', 'sue'], { isLatinWholeWord: true });
    assert.deepEqual(
      m.matchAll('我的退款申请').map((o) => [o.index, o.begin, o.end]),
      [
        [0, 2, 4],
        [1, 2, 6],
      ],
    );
    // An order number is not the 12345 hotline; an issue is not a lawsuit.
    assert.deepEqual(m.matchAll('订单123456, issue'), []);
    assert.deepEqual(
      m.matchAll('打12345投诉').map((o) => o.index),
      [2],
    );
  });
});
