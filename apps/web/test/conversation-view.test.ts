import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEmoji } from '@serviq/core';
import {
  conversationsHref,
  readConversationQuery,
  writeConversationQuery,
} from '../src/lib/conversation-filters.ts';
import { ruleNameIn } from '../src/pages/conversations/conversation-labels.ts';
import { type MarkNode, nestSpans, responseGaps } from '../src/pages/conversations/transcript-marks.ts';

/** A tree as `text[rule:inner]`, to compare marks at a glance. */
function show(text: string, nodes: MarkNode<string>[]): string {
  return nodes
    .map((n) => (n.kind === 'text' ? text.slice(n.start, n.end) : `[${n.data}:${show(text, n.children)}]`))
    .join('');
}

describe('transcript marks', () => {
  it('nests emoji inside the evidence that holds them, UTF-16 offsets as the analysis gives them', () => {
    const text = 'Hi 😂😂, wait 👍🏽 ok';
    const emoji = extractEmoji(text).map((e) => ({ start: e.start, end: e.end, data: 'emoji' }));
    assert.equal(emoji.length, 3);
    // The analysis's evidence of "wait 👍🏽": offsets count the surrogate pairs.
    const start = text.indexOf('wait');
    const spans = [{ start, end: start + 'wait 👍🏽'.length, data: 'rule-a' }, ...emoji];
    assert.equal(
      show(text, nestSpans(text.length, spans)),
      'Hi [emoji:😂][emoji:😂], [rule-a:wait [emoji:👍🏽]] ok',
    );
  });

  it('keeps equal spans as nested marks in the order given, and splits a span crossing another', () => {
    const text = 'abcdefgh';
    const nodes = nestSpans(text.length, [
      { start: 0, end: 8, data: 'whole' },
      { start: 0, end: 8, data: 'same' },
      { start: 2, end: 4, data: 'inner' },
      { start: 6, end: 12, data: 'clipped' },
    ]);
    assert.equal(show(text, nodes), '[whole:[same:ab[inner:cd]ef[clipped:gh]]]');
    const crossing = nestSpans(text.length, [
      { start: 1, end: 5, data: 'x' },
      { start: 3, end: 7, data: 'y' },
      { start: 7, end: 7, data: 'empty' },
    ]);
    assert.equal(show(text, crossing), 'a[x:bc[y:de]][y:fg]h');
  });

  it('gives the analysis response times to the agent replies that ended a wait', () => {
    const roles = ['customer', 'customer', 'bot', 'agent', 'agent', 'customer', 'system', 'agent'];
    const gaps = responseGaps(
      roles.map((role) => ({ role })),
      [40, 12],
    );
    assert.deepEqual(
      [...gaps],
      [
        [3, 40],
        [7, 12],
      ],
    );
  });
});

describe('conversation list query', () => {
  it('reads the overview links and the API names, drops what does not parse, writes defaults nowhere', () => {
    const params = new URLSearchParams(
      'from=2026-11-01T00:00:00.000Z&to=1795300000000&agent=a-01,a-02&channel=chat&channel=fax&emotion=anger' +
        '&minScore=60&isPassed=false&emoji=sometimes&minCsat=9&q=退款&sort=score&order=asc&offset=50&limit=7&x=1',
    );
    const query = readConversationQuery(params);
    assert.deepEqual(query, {
      filter: {
        from: '2026-11-01T00:00:00.000Z',
        to: new Date(1795300000000).toISOString(),
        agent: ['a-01', 'a-02'],
        emotion: ['anger'],
        minScore: 60,
        isPassed: false,
        q: '退款',
      },
      sort: 'score',
      order: 'asc',
      offset: 50,
      limit: 50,
    });
    const written = writeConversationQuery(query).toString();
    assert.deepEqual(readConversationQuery(new URLSearchParams(written)), query);
    assert.equal(
      conversationsHref({ filter: {}, sort: 'started_at', order: 'desc', offset: 0, limit: 50 }),
      '/conversations',
    );
    assert.equal(
      conversationsHref({ filter: { rule: ['greeting', 'closing'], isPassed: true } }),
      '/conversations?isPassed=true&rule=greeting%2Cclosing',
    );
  });

  it('names a rule in the interface language', () => {
    assert.equal(ruleNameIn(['首句问候 / Greeting'], 'en'), 'Greeting');
    assert.equal(ruleNameIn(['首句问候 / Greeting'], 'zh-CN'), '首句问候');
    assert.equal(ruleNameIn(['Greeting in the first reply', '开场问候'], 'zh-CN'), '开场问候');
    assert.equal(
      ruleNameIn(['开场问候', 'Greeting in the first reply'], 'en'),
      'Greeting in the first reply',
    );
    assert.equal(ruleNameIn(['Only English'], 'zh-CN'), 'Only English');
  });
});
