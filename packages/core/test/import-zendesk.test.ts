import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectRecordFormat, importZendeskDocument } from '../src/import/index.ts';
import { fixtures, normalized } from './import-fixtures.ts';

const { text: fixture, json } = fixtures('zendesk');

const MARIA = '1900000000001';
const TOM = '1900000000100';

describe('importZendeskDocument', () => {
  it('maps a ticket paired with its comments: roles, private notes, trigger replies, CSAT', () => {
    const { records, issues } = importZendeskDocument(json('ticket-with-comments.json'), 1);
    assert.deepEqual(issues, []);
    const c = normalized(records[0]);
    assert.equal(c.id, '35436');
    assert.equal(c.source, 'zendesk');
    assert.equal(c.channel, 'other'); // via web
    assert.equal(c.startedAt, Date.parse('2025-03-02T08:15:00Z'));
    assert.deepEqual(
      c.messages.map((m) => [m.id, m.at, m.role, m.authorId]),
      [
        ['40001', Date.parse('2025-03-02T08:15:00Z'), 'customer', MARIA],
        ['40002', Date.parse('2025-03-02T08:15:05Z'), 'bot', 'trigger:360009000001'],
        ['40004', Date.parse('2025-03-02T09:05:00Z'), 'agent', TOM],
        ['40005', Date.parse('2025-03-02T10:12:00Z'), 'customer', MARIA],
      ],
    );
    assert.equal(c.messages[2]?.text, "Hi Maria, sorry about the jar! I've issued a full refund of €89.");
    assert.deepEqual(c.rating, { csat: 5, comment: 'Quick and friendly' });
    assert.equal(c.resolved, true);
    assert.deepEqual(c.customer, { id: MARIA, name: 'Maria Gomez' });
    assert.deepEqual(c.agents, [{ id: TOM, name: 'Tom Becker' }]);
    assert.deepEqual(c.tags, ['refund', 'damaged']);
    assert.deepEqual(c.ticket, { priority: 'high', type: 'incident' });
    assert.equal(c.meta?.privateComments, 1);
    assert.equal(c.meta?.subject, 'Refund for damaged blender');
  });

  it('maps a ticket list without comments to one message from each description', () => {
    const { records, issues } = importZendeskDocument(json('tickets.json'), 1);
    assert.deepEqual(issues, []);
    const [refund, invoice, call] = records.map(normalized);
    assert.deepEqual(
      refund?.messages.map((m) => [m.id, m.role, m.authorId, m.text]),
      [['35436-description', 'customer', MARIA, "My blender arrived with a cracked jar. I'd like a refund."]],
    );
    assert.equal(refund?.queue, 'Billing');
    assert.equal(refund?.meta?.commentsMissing, true);
    assert.equal(invoice?.channel, 'email');
    assert.equal(invoice?.resolved, false);
    assert.equal(invoice?.rating, undefined);
    assert.equal(invoice?.meta?.satisfaction, 'offered');
    assert.equal(call?.channel, 'voice');
    assert.equal(call?.endedAt, Date.parse('2025-03-02T11:04:30Z'));
    assert.equal(call?.meta?.satisfaction, 'unoffered');
  });

  it('imports NDJSON tickets line by line; a bad comment rejects only its ticket', () => {
    const results = fixture('tickets.ndjson')
      .split('\n')
      .flatMap((text, i) => (text ? [importZendeskDocument(JSON.parse(text), i + 1)] : []));
    const records = results.flatMap((r) => r.records);
    const issues = results.flatMap((r) => r.issues);
    assert.deepEqual(
      records.map((r) => [r.line, r.record.id]),
      [
        [1, '35500'],
        [3, '35502'],
      ],
    );
    assert.deepEqual(issues, [
      {
        line: 2,
        field: 'comments[1].created_at',
        reason: 'required timestamp is missing; ticket 35501 is not imported',
      },
    ]);
    const call = normalized(records[0]);
    assert.deepEqual(
      call.messages.map((m) => [m.role, m.text, m.durationMs]),
      [['customer', 'Hi, my router keeps restarting every few minutes.', 245_000]],
    );
    assert.deepEqual(call.rating, { csat: 1, comment: 'Waited too long' });
    const chat = normalized(records[1]);
    assert.equal(chat.channel, 'chat');
    assert.deepEqual(
      chat.messages.map((m) => [m.role, m.text]),
      [
        ['customer', '我的包裹到哪了？'],
        ['agent', '您好，包裹今天下午送达。'],
      ],
    );
  });

  it('names the exact field of a bad ticket in a list and keeps the others', () => {
    const doc = {
      tickets: [
        {
          id: 1,
          created_at: '2025-03-01T00:00:00Z',
          requester_id: 5,
          description: 'hi',
          via: { channel: 'sms' },
        },
        { id: 2, created_at: 'not a date', requester_id: 5, description: 'x' },
        { created_at: '2025-03-01T00:00:00Z' },
      ],
    };
    const { records, issues } = importZendeskDocument(doc, 4);
    assert.deepEqual(
      records.map((r) => [r.line, r.record.id, r.record.channel]),
      [[4, '1', 'sms']],
    );
    assert.deepEqual(
      issues.map((i) => [i.line, i.field]),
      [
        [4, 'tickets[1].created_at'],
        [4, 'tickets[2].id'],
      ],
    );
  });

  it('uses plain text, then body, then html_body without tags', () => {
    const doc = {
      ticket: { id: 9, created_at: '2025-03-01T00:00:00Z', requester_id: 5, via: { channel: 'twitter' } },
      comments: [
        {
          id: 1,
          author_id: 5,
          created_at: '2025-03-01T00:00:00Z',
          html_body: '<p>Fish &amp; chips<br>please</p>',
        },
        { id: 2, author_id: 6, created_at: '2025-03-01T00:01:00Z', body: '**Sure**', public: true },
        {
          id: 3,
          author_id: 0,
          created_at: '2025-03-01T00:02:00Z',
          body: 'Merged',
          via: { channel: 'system' },
        },
      ],
    };
    const c = normalized(importZendeskDocument(doc, 1).records[0]);
    assert.equal(c.channel, 'social');
    assert.deepEqual(
      c.messages.map((m) => [m.role, m.text]),
      [
        ['customer', 'Fish & chips\nplease'],
        ['agent', '**Sure**'],
        ['system', 'Merged'],
      ],
    );
  });

  it('reads satisfaction ratings in every form exports use', () => {
    const csatOf = (satisfaction_rating: unknown) => {
      const doc = {
        ticket: {
          id: 9,
          created_at: '2025-03-01T00:00:00Z',
          requester_id: 5,
          description: 'hi',
          satisfaction_rating,
        },
      };
      return normalized(importZendeskDocument(doc, 1).records[0]).rating?.csat;
    };
    assert.equal(csatOf({ score: 'good', comment: 'thanks' }), 5);
    assert.equal(csatOf({ score: 'GOOD' }), 5);
    assert.equal(csatOf('bad'), 1);
    assert.equal(csatOf({ score: 'bad_with_comment', comment: 'slow' }), 1);
    assert.equal(csatOf({ score: 4 }), 4);
    assert.equal(csatOf({ score: 'offered' }), undefined);
    assert.equal(csatOf('unoffered'), undefined);
    assert.equal(csatOf(null), undefined);
  });

  it('explains that a bare comments response needs its ticket', () => {
    assert.deepEqual(importZendeskDocument({ comments: [] }, 1).issues, [
      {
        line: 1,
        field: 'comments',
        reason: 'comments without their ticket; pair them as { "ticket": {…}, "comments": […] }',
      },
    ]);
  });

  it('is detected from every supported shape', () => {
    assert.equal(detectRecordFormat(json('tickets.json')), 'zendesk');
    assert.equal(detectRecordFormat(json('ticket-with-comments.json')), 'zendesk');
    assert.equal(detectRecordFormat(JSON.parse(fixture('tickets.ndjson').split('\n')[0] ?? '')), 'zendesk');
  });
});
