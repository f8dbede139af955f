import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ChannelSchema, MessageInputSchema, ParticipantInputSchema } from '@serviq/core';
import { type ChatwootLiveEvent, chatwootEventToLive } from '../src/chatwoot/chatwoot-event.ts';
import { verifyChatwootSignature } from '../src/chatwoot/verify-chatwoot-signature.ts';
import { AppError } from '../src/service/app-error.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, `chatwoot-${name}.json`), 'utf8'));

const at = (iso: string) => Date.parse(iso);

const isAppError =
  (code: AppError['code'], message?: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  };

function expectKind<K extends ChatwootLiveEvent['kind']>(
  event: ChatwootLiveEvent,
  kind: K,
): Extract<ChatwootLiveEvent, { kind: K }> {
  assert.equal(event.kind, kind, JSON.stringify(event));
  return event as Extract<ChatwootLiveEvent, { kind: K }>;
}

/** What live ingestion's schema takes of a message and a conversation. */
const LIVE_CONVERSATION_KEYS = ['channel', 'language', 'queue', 'tags', 'industry', 'customer', 'agents'];
function assertIngestible(event: Extract<ChatwootLiveEvent, { kind: 'message' }>) {
  assert.ok(MessageInputSchema.required({ id: true }).safeParse(event.message).success);
  for (const key of Object.keys(event.conversation)) assert.ok(LIVE_CONVERSATION_KEYS.includes(key), key);
  if (event.conversation.channel) ChannelSchema.parse(event.conversation.channel);
  for (const p of [...event.conversation.agents, event.conversation.customer ?? { id: 'x' }])
    ParticipantInputSchema.parse(p);
}

describe('chatwootEventToLive', () => {
  it('maps an incoming WhatsApp message to a customer message of the account-keyed conversation', () => {
    const event = expectKind(chatwootEventToLive(fixture('message-incoming')), 'message');
    assert.deepEqual(event, {
      kind: 'message',
      source: 'chatwoot',
      conversationExternalId: '3:42',
      conversation: {
        channel: 'chat',
        queue: 'Billing',
        tags: ['refund', 'vip'],
        customer: { id: '501', name: '张伟' },
        agents: [{ id: '5', name: '王芳' }],
      },
      chatwoot: {
        conversationId: '42',
        accountId: '3',
        inboxId: '12',
        inboxName: 'WhatsApp 售后',
        channelType: 'Channel::Whatsapp',
        status: 'open',
        priority: 'high',
        startedAt: at('2025-03-03T08:59:40Z'),
      },
      message: {
        id: '9001',
        at: at('2025-03-03T09:00:05Z'),
        role: 'customer',
        authorId: '501',
        text: '我要退款，已经等了三天了！',
      },
    });
    assertIngestible(event);
  });

  it('maps an agent reply, adding the replying user to the agents', () => {
    const event = expectKind(chatwootEventToLive(fixture('message-agent')), 'message');
    assert.deepEqual(event.message, {
      id: '9002',
      at: at('2025-03-03T09:01:10Z'),
      role: 'agent',
      authorId: '6',
      text: '您好，我马上为您查询退款进度。',
    });
    assert.equal(event.conversation.channel, 'chat');
    assert.deepEqual(event.conversation.agents, [
      { id: '5', name: '王芳' },
      { id: '6', name: 'Li Na' },
    ]);
    assertIngestible(event);
  });

  it('maps an agent bot reply to a bot message, reading the older "… UTC" time format', () => {
    const event = expectKind(chatwootEventToLive(fixture('message-bot')), 'message');
    assert.deepEqual(event.message, {
      id: '9003',
      at: at('2025-03-03T09:00:07Z'),
      role: 'bot',
      authorId: 'agent_bot:2',
      text: "Hi! I'm the Acme assistant. What can I help you with?",
    });
    assert.equal(event.conversation.channel, 'email');
    // A bot assignee is not an agent the conversation is attributed to.
    assert.deepEqual(event.conversation.agents, []);
    assertIngestible(event);
  });

  it('maps an outgoing message without a sender (automation) to a bot message', () => {
    const payload = { ...fixture('message-agent'), sender: null };
    const event = expectKind(chatwootEventToLive(payload), 'message');
    assert.deepEqual([event.message.role, event.message.authorId], ['bot', undefined]);
  });

  it('ignores private notes, activity lines, templates, edits and events without conversation data', () => {
    const ignored = (payload: unknown) => expectKind(chatwootEventToLive(payload), 'ignored');
    assert.deepEqual(ignored(fixture('private-note')), {
      kind: 'ignored',
      event: 'message_created',
      reason: 'private note',
    });
    assert.equal(ignored(fixture('activity')).reason, 'activity message');
    const survey = { ...fixture('csat'), event: 'message_created', content_attributes: {} };
    assert.match(ignored(survey).reason, /^template message/);
    assert.match(ignored({ ...fixture('message-agent'), event: 'message_updated' }).reason, /edited/);
    assert.deepEqual(ignored({ event: 'contact_created', id: 501, name: '张伟' }), {
      kind: 'ignored',
      event: 'contact_created',
      reason: 'carries no conversation message or status',
    });
    assert.equal(
      ignored({ event: 'conversation_typing_on', conversation: { id: 42 } }).event,
      'conversation_typing_on',
    );
  });

  it('maps a resolution to a close, keyed by the configured account when the payload has none', () => {
    const payload = fixture('status-resolved');
    const event = expectKind(chatwootEventToLive(payload, { accountId: '3' }), 'closed');
    assert.equal(event.conversationExternalId, '3:42');
    assert.equal(event.at, at('2025-03-03T09:10:00Z'));
    assert.equal(event.csat, undefined);
    assert.deepEqual(event.conversation.tags, ['refund']);
    assert.equal(event.chatwoot.status, 'resolved');
    // Without the hint the conversation id stands alone, as in the bulk importer.
    assert.equal(expectKind(chatwootEventToLive(payload), 'closed').conversationExternalId, '42');
  });

  it('reads the deprecated conversation_resolved, its account from embedded messages and an answered survey', () => {
    const event = expectKind(chatwootEventToLive(fixture('resolved-legacy'), { accountId: '99' }), 'closed');
    assert.equal(event.conversationExternalId, '3:42');
    assert.equal(event.at, at('2025-03-03T09:10:00Z'));
    assert.deepEqual([event.csat, event.comment], [4, '退款很快，谢谢']);
    assert.equal(event.conversation.channel, 'sms');
  });

  it('ignores status changes that are not a resolution', () => {
    const reopened = {
      ...fixture('status-resolved'),
      status: 'open',
      changed_attributes: [{ status: { previous_value: 'resolved', current_value: 'open' } }],
    };
    assert.deepEqual(chatwootEventToLive(reopened), {
      kind: 'ignored',
      event: 'conversation_status_changed',
      reason: 'status open is not a close',
    });
    const assigned = {
      ...fixture('status-resolved'),
      event: 'conversation_updated',
      changed_attributes: [{ assignee_id: { previous_value: null, current_value: 5 } }],
    };
    assert.equal(expectKind(chatwootEventToLive(assigned), 'ignored').reason, 'no status change');
    const resolvedByUpdate = {
      ...fixture('status-resolved'),
      event: 'conversation_updated',
    };
    assert.equal(chatwootEventToLive(resolvedByUpdate, { accountId: '3' }).kind, 'closed');
  });

  it('maps an answered CSAT survey (a message update) to a rating', () => {
    const event = expectKind(chatwootEventToLive(fixture('csat')), 'rating');
    assert.deepEqual(
      [event.conversationExternalId, event.csat, event.comment],
      ['3:42', 4, '退款很快，谢谢'],
    );
    assert.equal(event.at, at('2025-03-03T09:12:30Z'));
  });

  it('refuses payloads that claim a relevant event but lack what it needs', () => {
    assert.throws(() => chatwootEventToLive('[]'), isAppError('invalid', /JSON object/));
    assert.throws(() => chatwootEventToLive({ id: 1 }), isAppError('invalid', /event/));
    const noConversation = { ...fixture('message-incoming'), conversation: undefined };
    assert.throws(() => chatwootEventToLive(noConversation), isAppError('invalid', /conversation/));
    const noTime = { ...fixture('message-incoming'), created_at: 'soon' };
    assert.throws(() => chatwootEventToLive(noTime), isAppError('invalid', /created_at/));
    const badType = { ...fixture('message-incoming'), message_type: 'sideways' };
    assert.throws(() => chatwootEventToLive(badType), isAppError('invalid', /message_type/));
    const { timestamp: _t, updated_at: _u, changed_attributes: _c, ...untimed } = fixture('status-resolved');
    assert.throws(() => chatwootEventToLive(untimed), isAppError('invalid', /time of the resolution/));
  });
});

describe('verifyChatwootSignature', () => {
  const SECRET = 'whsec_3f9a1c7e';
  const body = JSON.stringify(fixture('message-incoming'));
  const NOW = Date.parse('2025-03-03T09:00:06Z');
  const ts = String(NOW / 1000);
  const sign = (text: string | Buffer, timestamp = ts, secret = SECRET) =>
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(text).digest('hex')}`;
  const signed = (signature = sign(body), timestamp = ts) => ({
    'content-type': 'application/json',
    'x-chatwoot-signature': signature,
    'x-chatwoot-timestamp': timestamp,
    'x-chatwoot-delivery': 'a1f0c7a8-6c1d-4d3e-9b8e-2b7e0d6b9a10',
  });

  it("accepts Chatwoot's signature of timestamp and raw body, from plain headers or fetch Headers", () => {
    assert.equal(verifyChatwootSignature(body, SECRET, signed(), { nowMs: NOW }), 'chatwoot-signature');
    assert.equal(
      verifyChatwootSignature(Buffer.from(body), SECRET, new Headers(signed()), { nowMs: NOW + 60_000 }),
      'chatwoot-signature',
    );
    const upper = {
      'X-Chatwoot-Signature': sign(body).toUpperCase().replace('SHA256=', 'sha256='),
      'X-Chatwoot-Timestamp': ts,
    };
    assert.equal(verifyChatwootSignature(body, SECRET, upper, { nowMs: NOW }), 'chatwoot-signature');
  });

  it('refuses a changed body, another secret, a stale or missing timestamp', () => {
    const refused = isAppError('unauthorized');
    assert.throws(() => verifyChatwootSignature(`${body} `, SECRET, signed(), { nowMs: NOW }), refused);
    assert.throws(
      () => verifyChatwootSignature(body, 'other', signed(), { nowMs: NOW }),
      isAppError('unauthorized', /does not match/),
    );
    assert.throws(
      () => verifyChatwootSignature(body, SECRET, signed(), { nowMs: NOW + 10 * 60_000 }),
      isAppError('unauthorized', /too far/),
    );
    const { 'x-chatwoot-timestamp': _ts, ...noTimestamp } = signed();
    assert.throws(
      () => verifyChatwootSignature(body, SECRET, noTimestamp, { nowMs: NOW }),
      isAppError('unauthorized', /Timestamp/),
    );
    // A right shared secret does not vouch for a body whose signature fails.
    const both = { ...signed(sign('{}')), 'x-serviq-secret': SECRET };
    assert.throws(() => verifyChatwootSignature(body, SECRET, both, { nowMs: NOW }), refused);
  });

  it('accepts the shared secret in X-Serviq-Secret, a bearer token or the query, compared whole', () => {
    assert.equal(verifyChatwootSignature(body, SECRET, { 'x-serviq-secret': SECRET }), 'shared-secret');
    assert.equal(
      verifyChatwootSignature(body, SECRET, { authorization: `Bearer ${SECRET}` }),
      'shared-secret',
    );
    const query = new URLSearchParams({ secret: SECRET });
    assert.equal(verifyChatwootSignature(body, SECRET, {}, { query }), 'shared-secret');
    assert.equal(verifyChatwootSignature(body, SECRET, {}, { query: { token: [SECRET] } }), 'shared-secret');
    assert.throws(
      () => verifyChatwootSignature(body, SECRET, { 'x-serviq-secret': SECRET.slice(0, -1) }),
      isAppError('unauthorized', /shared secret does not match/),
    );
    assert.throws(
      () => verifyChatwootSignature(body, SECRET, {}),
      isAppError('unauthorized', /no X-Chatwoot-Signature/),
    );
    assert.throws(
      () => verifyChatwootSignature(body, undefined, { 'x-serviq-secret': '' }),
      isAppError('unauthorized', /no secret configured/),
    );
  });
});
