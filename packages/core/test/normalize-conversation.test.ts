import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeConversation } from '../src/import/normalize-conversation.ts';
import { splitJsonArray } from '../src/import/split-json-array.ts';

const base = {
  id: 'c-1',
  messages: [
    { id: 'm1', at: '2025-03-01T09:00:05+08:00', role: 'agent', text: '您好' },
    { id: 'm2', at: '2025-03-01T09:00:00+08:00', role: 'customer', text: '在吗' },
    { id: 'm3', at: '2025-03-01T09:00:05+08:00', role: 'agent', authorId: 7, text: '请讲' },
  ],
};

describe('normalizeConversation', () => {
  it('resolves defaults, sorts messages by time and keeps equal times in input order', () => {
    const r = normalizeConversation(base);
    assert.ok(r.ok);
    const c = r.value;
    assert.deepEqual(
      c.messages.map((m) => m.id),
      ['m2', 'm1', 'm3'],
    );
    assert.equal(c.source, 'import');
    assert.equal(c.channel, 'chat');
    assert.equal(c.startedAt, Date.UTC(2025, 2, 1, 1, 0, 0));
    assert.equal(c.endedAt, Date.UTC(2025, 2, 1, 1, 0, 5));
    assert.equal(c.messages[2]?.authorId, '7');
  });

  it('names the field and the reason of every problem', () => {
    const r = normalizeConversation(
      {
        id: 'c-2',
        channel: 'fax',
        messages: [
          { at: '2025-02-30T10:00:00Z', role: 'customer', text: 'x' },
          { at: 1740790800, role: 'robot', text: 'y' },
          { at: 1740790800, role: 'agent', text: 42 },
        ],
      },
      {},
      12,
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.issues.map((i) => [i.field, i.reason]));
    assert.match(byField.channel ?? '', /"fax" is not one of/);
    assert.match(
      byField['messages[1].role'] ?? '',
      /"robot" is not one of "customer", "agent", "bot", "system"/,
    );
    assert.match(byField['messages[2].text'] ?? '', /expected string, got number/);
    assert.ok(r.issues.every((i) => i.line === 12));
  });

  it('reports missing id and messages, impossible timestamps and oversized text', () => {
    const missing = normalizeConversation({ channel: 'chat' });
    assert.equal(missing.ok, false);
    if (!missing.ok) {
      assert.deepEqual(missing.issues.map((i) => i.field).sort(), ['id', 'messages']);
      assert.match(missing.issues[0]?.reason ?? '', /missing/);
    }
    const time = normalizeConversation({
      id: 'x',
      messages: [{ at: '2025-02-30T10:00:00Z', role: 'customer', text: '' }],
    });
    assert.equal(time.ok, false);
    if (!time.ok)
      assert.deepEqual(time.issues[0], {
        field: 'messages[0].at',
        reason: 'impossible date in "2025-02-30T10:00:00Z"',
      });
    const long = normalizeConversation(
      { id: 'x', messages: [{ at: 1740790800, role: 'customer', text: 'a'.repeat(11) }] },
      { maxMessageChars: 10 },
    );
    assert.equal(long.ok, false);
    if (!long.ok) assert.match(long.issues[0]?.reason ?? '', /11 characters exceeds the limit of 10/);
  });

  it('treats null text as an attachment-only message', () => {
    const r = normalizeConversation({
      id: 'x',
      messages: [{ at: 1740790800, role: 'customer', text: null }],
    });
    assert.ok(r.ok);
    assert.equal(r.value.messages[0]?.text, '');
  });
});

describe('splitJsonArray', () => {
  it('gives each element with its starting line, keeping strings with brackets intact', () => {
    const text = '[\n  {"id": "a", "t": "x]},"},\n  {"id": "b",\n   "n": [1, 2]}\n]\n';
    const r = splitJsonArray(text);
    assert.equal(r.truncatedAt, undefined);
    assert.deepEqual(
      r.elements.map((e) => [e.line, JSON.parse(e.text).id]),
      [
        [2, 'a'],
        [3, 'b'],
      ],
    );
  });
  it('keeps the whole elements of a truncated file and says where it broke', () => {
    const r = splitJsonArray('[{"id":"a"},\n{"id":"b","messages":[');
    assert.equal(r.elements.length, 1);
    assert.deepEqual(r.truncatedAt, { line: 2, reason: 'element is cut off (truncated file?)' });
  });
});

describe('normalizeConversation: plain reasons', () => {
  it('says what a field wanted and what it got, and blames the right field for a late start', () => {
    const r = normalizeConversation({ id: true, messages: [{ at: null, role: 'customer', text: 'a' }] });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(
        r.issues.map((i) => `${i.field}: ${i.reason}`),
        ['id: expected string or number, got boolean', 'messages[0].at: expected string or number, got null'],
      );
    }
    const late = normalizeConversation({
      id: 'x',
      startedAt: 1740790900,
      messages: [{ at: 1740790800, role: 'customer', text: 'a' }],
    });
    assert.equal(late.ok, false);
    if (!late.ok)
      assert.deepEqual(late.issues[0], { field: 'startedAt', reason: 'startedAt is after the last message' });
  });
});
