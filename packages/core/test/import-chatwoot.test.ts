import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createChatwootWebhookAccumulator,
  detectRecordFormat,
  type ImportIssue,
  importChatwootDocument,
} from '../src/import/index.ts';
import { fixtures, normalized } from './import-fixtures.ts';

const { text: fixture, json } = fixtures('chatwoot');

const T = Date.UTC(2025, 2, 1, 1, 0, 0); // created_at of the API fixture conversation
const W = 1_741_000_000_000; // first webhook second

function replay(lines: string[]) {
  const acc = createChatwootWebhookAccumulator();
  const added: ImportIssue[] = [];
  lines.forEach((text, i) => {
    if (text.trim()) added.push(...acc.add(JSON.parse(text), i + 1));
  });
  return { added, ...acc.finish() };
}

describe('importChatwootDocument: REST API', () => {
  it('maps a conversation with messages: roles, notes, activities, attachments, bots, CSAT', () => {
    const { records, issues } = importChatwootDocument(json('conversation.json'), 1);
    assert.deepEqual(issues, []);
    assert.equal(records.length, 1);
    const c = normalized(records[0]);
    assert.equal(c.id, '3:42');
    assert.equal(c.source, 'chatwoot');
    assert.equal(c.channel, 'chat');
    assert.equal(c.startedAt, T);
    assert.equal(c.queue, 'Logistics');
    assert.deepEqual(c.tags, ['delivery', 'vip']);
    assert.deepEqual(c.customer, { id: '87', name: 'Alice Wang' });
    assert.deepEqual(
      c.messages.map((m) => [m.id, m.at - T, m.role, m.authorId, m.text]),
      [
        ['1001', 0, 'customer', '87', "Hi, my order #5512 hasn't arrived yet"],
        ['1002', 5_000, 'bot', 'agent_bot:2', 'Thanks for reaching out! An agent will be with you shortly.'],
        ['1004', 60_000, 'agent', '11', 'Hello! Sorry for the wait, let me check order #5512.'],
        ['1006', 120_000, 'customer', '87', ''],
        ['1008', 200_000, 'agent', '12', 'I have reshipped your order, tracking number SF1234567.'],
        ['1011', 261_000, 'bot', undefined, 'Please rate the conversation'],
      ],
    );
    assert.deepEqual(
      c.events.map((e) => [e.type, e.at - T, e.agentId, e.data?.from]),
      [
        ['assign', 30_000, '11', undefined],
        ['transfer', 150_000, '12', '11'],
        ['close', 260_000, '12', undefined],
      ],
    );
    assert.deepEqual(c.rating, { csat: 4, comment: 'Fast, thanks' });
    assert.equal(c.resolved, true);
    assert.deepEqual(c.ticket, { priority: 'high' });
    assert.equal(c.meta?.privateNotes, 1);
    assert.equal(c.meta?.skippedActivities, 1);
    assert.deepEqual(
      c.agents.map((a) => a.id),
      ['12', '11'],
    );
  });

  it('maps a message list response, taking labels, contact and assignee from its meta', () => {
    const { records, issues } = importChatwootDocument(json('messages.json'), 1);
    assert.deepEqual(issues, []);
    const c = normalized(records[0]);
    assert.equal(c.id, '43');
    assert.deepEqual(c.tags, ['address-change']);
    assert.deepEqual(c.customer, { id: '88', name: 'Bob Li' });
    assert.deepEqual(
      c.messages.map((m) => m.role),
      ['customer', 'agent', 'customer', 'agent'],
    );
    assert.equal(c.startedAt, T + 3_600_000);
  });

  it('rejects only the conversation of a bad message in a conversation list', () => {
    const { records, issues } = importChatwootDocument(json('conversations.json'), 1);
    assert.deepEqual(
      records.map((r) => r.record.id),
      ['3:44'],
    );
    assert.deepEqual(issues, [
      {
        line: 1,
        field: 'data.payload[1].messages[1].message_type',
        reason:
          '7 is not a message type (0–3 or incoming, outgoing, activity, template); conversation 3:45 is not imported',
      },
    ]);
    const c = normalized(records[0]);
    assert.equal(c.resolved, false);
    assert.deepEqual(c.customer, { id: '89', name: 'Carol Chan' });
  });

  it('names the field of a bad message in a search payload and keeps the good conversation', () => {
    const good = {
      id: 1,
      account_id: 2,
      inbox_id: 3,
      messages: [{ id: 5, message_type: 0, created_at: 1740790800 }],
    };
    const bad = {
      id: 2,
      account_id: 2,
      inbox_id: 3,
      messages: [{ id: 6, message_type: 1, created_at: 'soon' }],
    };
    const { records, issues } = importChatwootDocument({ meta: {}, payload: [good, bad] }, 9);
    assert.deepEqual(
      records.map((r) => [r.line, r.record.id]),
      [[9, '2:1']],
    );
    assert.deepEqual(
      issues.map((i) => [i.line, i.field]),
      [[9, 'payload[1].messages[0].created_at']],
    );
  });

  it('reports a document that is no Chatwoot shape', () => {
    assert.deepEqual(importChatwootDocument({ hello: 'world' }, 1).issues, [
      {
        line: 1,
        field: '(record)',
        reason: 'not a Chatwoot conversation, conversation list or message list',
      },
    ]);
  });
});

describe('createChatwootWebhookAccumulator', () => {
  const lines = fixture('webhooks.jsonl').split('\n');

  it('accumulates webhooks of two accounts into separate conversations keyed by account', () => {
    const { records, issues, added, skippedEvents } = replay(lines);
    assert.deepEqual(added, []);
    assert.deepEqual(issues, []);
    assert.deepEqual(skippedEvents, { contact_updated: 1, conversation_typing_on: 1 });
    // conversation_created on line 1 carries no account; its inbox is tied to account 1 later.
    assert.deepEqual(
      records.map((r) => [r.line, r.record.id]),
      [
        [1, '1:7'],
        [3, '2:7'],
      ],
    );

    const a = normalized(records[0]);
    assert.equal(a.channel, 'chat');
    assert.equal(a.startedAt, W);
    assert.deepEqual(
      a.messages.map((m) => [m.id, m.at - W, m.role, m.authorId, m.text]),
      [
        ['7001', 10_345, 'customer', '501', '我的快递三天没动了，怎么回事？'],
        ['7003', 60_345, 'agent', '5', '您好，我帮您查一下物流信息，请稍等😊'],
        ['7007', 301_345, 'bot', undefined, '请为本次服务打分'],
      ],
    );
    assert.deepEqual(a.rating, { csat: 5, comment: '很满意，谢谢' });
    assert.equal(a.resolved, true);
    assert.equal(a.endedAt, W + 300_000);
    assert.deepEqual(
      a.events.map((e) => [e.type, e.at - W, e.agentId]),
      [
        ['assign', 40_000, '5'],
        ['close', 300_000, undefined],
      ],
    );
    assert.deepEqual(a.agents, [{ id: '5', name: '王芳' }]);
    assert.equal(a.meta?.privateNotes, 1);

    const b = normalized(records[1]);
    assert.equal(b.channel, 'email');
    assert.equal(b.resolved, false);
    assert.deepEqual(
      b.messages.map((m) => [m.id, m.role, m.authorId, m.text]),
      [
        ['7002', 'customer', '77', 'Hi, I was charged twice for order 8812.'],
        ['7004', 'bot', 'agent_bot:3', 'Let me connect you to our billing team.'],
        ['7006', 'agent', '9', "I've refunded the duplicate charge, it will show in 3-5 days."],
        ['7008', 'customer', '77', ''],
      ],
    );
  });

  it('dedupes a message seen top-level and embedded; the top-level copy wins', () => {
    const top = {
      event: 'message_created',
      id: 10,
      content: 'edited',
      created_at: '2025-03-03T11:06:41.500Z',
      message_type: 'outgoing',
      sender: { id: 4, name: 'Ann', type: 'user' },
      account: { id: 1 },
      conversation: {
        id: 3,
        inbox_id: 2,
        messages: [
          {
            id: 10,
            content: 'draft',
            message_type: 1,
            created_at: 1741000001,
            sender_type: 'User',
            sender_id: 4,
          },
        ],
      },
    };
    const later = {
      event: 'conversation_updated',
      id: 3,
      inbox_id: 2,
      messages: [{ id: 10, content: 'draft', message_type: 1, created_at: 1741000001 }],
    };
    const { records } = replay([JSON.stringify(top), JSON.stringify(later)]);
    assert.deepEqual(
      records.map((r) => r.record.id),
      ['1:3'],
    );
    const c = normalized(records[0]);
    assert.deepEqual(
      c.messages.map((m) => [m.id, m.at, m.role, m.text]),
      [['10', 1_741_000_001_500, 'agent', 'edited']],
    );
  });

  it('reports malformed known events at their line and field, rejecting only their conversation', () => {
    const ok = lines[1] ?? '';
    const badType = JSON.stringify({ ...JSON.parse(lines[2] ?? '{}'), message_type: 'sideways' });
    const badCsat = JSON.parse(lines[11] ?? '{}');
    badCsat.content_attributes.submitted_values.csat_survey_response.rating = 9;
    const noConversation = JSON.stringify({ event: 'message_created', id: 1, message_type: 'incoming' });
    const { records, issues, added } = replay([
      ok,
      badType,
      JSON.stringify(badCsat),
      noConversation,
      '"just a string"',
      '{"id": 4}',
    ]);
    assert.deepEqual(
      added.map((i) => [i.line, i.field, i.reason]),
      [
        [
          2,
          'message_type',
          '"sideways" is not a message type (0–3 or incoming, outgoing, activity, template)',
        ],
        [
          3,
          'content_attributes.submitted_values.csat_survey_response.rating',
          '9 is not a CSAT rating (a whole number 1–5)',
        ],
        [4, 'conversation', 'conversation object is missing'],
        [5, '(record)', 'expected a webhook payload object, got "just a string"'],
        [6, 'event', 'event name is missing'],
      ],
    );
    assert.deepEqual(records, []);
    assert.deepEqual(
      issues.map((i) => [i.line, i.field, i.reason]),
      [
        [1, 'conversation', 'conversation 1:7 is not imported because its event on line 3 was rejected'],
        [2, 'conversation', 'conversation 2:7 is not imported because its event on line 2 was rejected'],
      ],
    );
  });
});

describe('detectRecordFormat', () => {
  it('tells the Chatwoot shapes apart from canonical records', () => {
    assert.equal(detectRecordFormat(json('conversation.json')), 'chatwoot');
    assert.equal(detectRecordFormat(json('conversations.json')), 'chatwoot');
    assert.equal(detectRecordFormat(json('messages.json')), 'chatwoot');
    assert.equal(
      detectRecordFormat(JSON.parse(fixture('webhooks.jsonl').split('\n')[0] ?? '')),
      'chatwoot-webhook',
    );
    const canonical = { id: 'c-1', messages: [{ at: '2025-03-01T09:00:00Z', role: 'customer', text: 'hi' }] };
    assert.equal(detectRecordFormat(canonical), 'canonical');
    assert.equal(detectRecordFormat([canonical]), 'canonical');
    // Canonical records carry `ticket` and `events` of their own; they are not Zendesk tickets.
    assert.equal(detectRecordFormat({ ...canonical, ticket: { category: 'refund/late' } }), 'canonical');
    assert.equal(detectRecordFormat({ foo: 1 }), 'unknown');
    assert.equal(detectRecordFormat('text'), 'unknown');
  });
});

describe('createChatwootWebhookAccumulator: event names', () => {
  it('reports an unknown event at its line and skips Chatwoot events that carry no conversation', () => {
    const acc = createChatwootWebhookAccumulator();
    assert.deepEqual(acc.add({ event: 'contact_created', id: 1 }, 1), []);
    assert.deepEqual(acc.add({ event: 'message_create', id: 101, content: '你好' }, 2), [
      { line: 2, field: 'event', reason: 'unknown Chatwoot event "message_create"; line skipped' },
    ]);
    assert.deepEqual(acc.finish().skippedEvents, { contact_created: 1 });
  });
});
