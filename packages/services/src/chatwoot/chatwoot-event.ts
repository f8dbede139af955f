import { type Channel, chatwootChannel, type Participant, parseTimestamp, type Role } from '@serviq/core';
import { AppError } from '../service/app-error.ts';

/**
 * A message as live ingestion (`LiveMessageSchema.message`) takes it: MessageInputSchema's fields,
 * `at` in epoch ms. Bot authors are `agent_bot:<id>` or `captain_assistant:<id>`, apart from user ids.
 */
export type ChatwootLiveMessage = { id: string; at: number; role: Role; authorId?: string; text: string };

/** What the event tells of the conversation, in the fields `LiveMessageSchema.conversation` accepts. */
export type ChatwootLiveConversation = {
  channel?: Channel;
  /** The Chatwoot team's name (as the bulk importer reads it); the inbox is in `chatwoot`. */
  queue?: string;
  /** The labels, present when the payload lists them (empty: the labels were removed). */
  tags?: string[];
  customer?: Participant;
  agents: Participant[];
};

/** Chatwoot's own references and facts that have no canonical field in a live message. */
export type ChatwootReference = {
  conversationId: string;
  accountId?: string;
  inboxId?: string;
  inboxName?: string;
  channelType?: string;
  status?: string;
  priority?: string;
  /** When Chatwoot opened the conversation, epoch ms. */
  startedAt?: number;
};

type Located = {
  source: 'chatwoot';
  conversationExternalId: string;
  conversation: ChatwootLiveConversation;
  chatwoot: ChatwootReference;
};

export type ChatwootLiveEvent =
  | (Located & { kind: 'message'; message: ChatwootLiveMessage })
  /** The conversation was resolved; `csat` when the payload already holds an answered survey. */
  | (Located & { kind: 'closed'; at: number; csat?: number; comment?: string })
  /** The customer answered the CSAT survey (Chatwoot sends it after resolving, as a message update). */
  | (Located & { kind: 'rating'; at: number; csat: number; comment?: string })
  | { kind: 'ignored'; event: string; reason: string };

export type ChatwootEventOptions = {
  /**
   * The Chatwoot account the receiver serves. Conversation events (status changes) carry no account,
   * while message events do; with it both key the conversation `${account}:${id}`, as the importer does.
   */
  accountId?: string;
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function idOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}

const textOf = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

type SenderKind = 'contact' | 'user' | 'agent_bot' | 'captain_assistant';
// Webhook senders say `type: "user"`; model-shaped messages say `sender_type: "User"`.
const SENDER_KINDS = new Map<string, SenderKind>(
  Object.entries({
    contact: 'contact',
    Contact: 'contact',
    user: 'user',
    User: 'user',
    agent_bot: 'agent_bot',
    AgentBot: 'agent_bot',
    captain_assistant: 'captain_assistant',
    'Captain::Assistant': 'captain_assistant',
  }),
);

const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;

const CONVERSATION_EVENTS = new Set([
  'conversation_status_changed',
  'conversation_resolved',
  'conversation_opened',
  'conversation_updated',
]);

function invalid(field: string, reason: string): AppError {
  return new AppError('invalid', `${field}: ${reason}`, { field, details: [{ field, reason }] });
}

/** Webhook ISO times, the older "2020-03-03 13:05:57 UTC", or epoch seconds (embedded copies) → epoch ms. */
function timeOf(v: unknown): number | undefined {
  if (typeof v !== 'number' && typeof v !== 'string') return undefined;
  const r = parseTimestamp(typeof v === 'string' ? v.replace(/ UTC$/, 'Z') : v);
  return r.ok ? Math.round(r.value) : undefined;
}

function personOf(v: unknown): (Participant & { kind?: SenderKind }) | undefined {
  if (!isObject(v)) return undefined;
  const id = idOf(v.id);
  if (!id) return undefined;
  const person: Participant & { kind?: SenderKind } = { id };
  const name = textOf(v.available_name) ?? textOf(v.name);
  if (name) person.name = name;
  const kind = typeof v.type === 'string' ? SENDER_KINDS.get(v.type) : undefined;
  if (kind) person.kind = kind;
  return person;
}

const plain = ({ id, name }: Participant): Participant => (name ? { id, name } : { id });

/** `changed_attributes` is `[{ name: { previous_value, current_value } }, …]`. */
function changeOf(payload: Json, name: string): { current?: unknown } | undefined {
  if (!Array.isArray(payload.changed_attributes)) return undefined;
  for (const entry of payload.changed_attributes) {
    if (isObject(entry) && isObject(entry[name])) return { current: (entry[name] as Json).current_value };
  }
  return undefined;
}

/** An answered CSAT survey in a message (`content_type: input_csat`). */
function ratingOf(message: Json): { csat: number; comment?: string } | undefined {
  if (message.content_type !== 'input_csat') return undefined;
  const attrs = message.content_attributes;
  const submitted = isObject(attrs) && isObject(attrs.submitted_values) ? attrs.submitted_values : undefined;
  const response =
    submitted && isObject(submitted.csat_survey_response) ? submitted.csat_survey_response : {};
  const rating = response.rating;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) return undefined;
  const comment = textOf(response.feedback_message);
  return comment ? { csat: rating, comment } : { csat: rating };
}

const embeddedMessages = (conv: Json): Json[] =>
  Array.isArray(conv.messages) ? conv.messages.filter(isObject) : [];

function locate(payload: Json, conv: Json, options: ChatwootEventOptions, convField: string) {
  const displayId = idOf(conv.id) ?? idOf(conv.display_id);
  if (!displayId) throw invalid(`${convField}id`, 'conversation id is missing');
  const accountId =
    (isObject(payload.account) ? idOf(payload.account.id) : undefined) ??
    idOf(payload.account_id) ??
    idOf(conv.account_id) ??
    embeddedMessages(conv)
      .map((m) => idOf(m.account_id))
      .find((id) => id !== undefined) ??
    options.accountId;
  return {
    displayId,
    accountId,
    conversationExternalId: accountId ? `${accountId}:${displayId}` : displayId,
  };
}

function describeConversation(payload: Json, conv: Json, displayId: string, accountId: string | undefined) {
  const meta = isObject(conv.meta) ? conv.meta : {};
  const conversation: ChatwootLiveConversation = { agents: [] };
  const chatwoot: ChatwootReference = { conversationId: displayId };
  if (accountId) chatwoot.accountId = accountId;
  const channelType = textOf(conv.channel) ?? textOf(meta.channel);
  if (channelType) {
    // The bulk importer's table, so live and imported copies agree.
    conversation.channel = chatwootChannel(channelType);
    chatwoot.channelType = channelType;
  }
  const team = isObject(meta.team) ? textOf(meta.team.name) : undefined;
  if (team) conversation.queue = team;
  if (Array.isArray(conv.labels))
    conversation.tags = conv.labels.filter((l): l is string => typeof l === 'string' && l.trim() !== '');
  const contact = personOf(meta.sender);
  if (contact) conversation.customer = plain(contact);
  const assignee = personOf(meta.assignee);
  // An assigned agent bot is not a person the conversation is attributed to.
  if (assignee && (assignee.kind === undefined || assignee.kind === 'user'))
    conversation.agents.push(plain(assignee));
  const inbox = isObject(payload.inbox) ? payload.inbox : {};
  const inboxId = idOf(conv.inbox_id) ?? idOf(inbox.id);
  if (inboxId) chatwoot.inboxId = inboxId;
  const inboxName = textOf(inbox.name);
  if (inboxName) chatwoot.inboxName = inboxName;
  const status = textOf(conv.status);
  if (status) chatwoot.status = status;
  const priority = textOf(conv.priority);
  if (priority) chatwoot.priority = priority;
  const startedAt = timeOf(conv.created_at);
  if (startedAt !== undefined) chatwoot.startedAt = startedAt;
  return { conversation, chatwoot };
}

function messageTypeOf(v: unknown): (typeof MESSAGE_TYPES)[number] | undefined {
  if (typeof v === 'number') return MESSAGE_TYPES[v];
  return MESSAGE_TYPES.find((t) => t === v);
}

/**
 * Role as the importer decides it: incoming → customer; outgoing by a user → agent, by an agent
 * bot or Captain → bot, with no sender (automations) → bot.
 */
function roleOf(
  type: 'incoming' | 'outgoing',
  sender: (Participant & { kind?: SenderKind }) | undefined,
): Pick<ChatwootLiveMessage, 'role' | 'authorId'> {
  if (type === 'incoming') return sender ? { role: 'customer', authorId: sender.id } : { role: 'customer' };
  if (!sender) return { role: 'bot' };
  if (sender.kind === 'agent_bot' || sender.kind === 'captain_assistant')
    return { role: 'bot', authorId: `${sender.kind}:${sender.id}` };
  if (sender.kind === 'contact') return { role: 'customer', authorId: sender.id };
  return { role: 'agent', authorId: sender.id };
}

function senderOf(payload: Json): (Participant & { kind?: SenderKind }) | undefined {
  const person = personOf(payload.sender);
  const modelKind =
    typeof payload.sender_type === 'string' ? SENDER_KINDS.get(payload.sender_type) : undefined;
  if (person) return { ...person, kind: person.kind ?? modelKind };
  const id = idOf(payload.sender_id);
  return modelKind && id ? { id, kind: modelKind } : undefined;
}

function fromMessageEvent(event: string, payload: Json, options: ChatwootEventOptions): ChatwootLiveEvent {
  if (!isObject(payload.conversation)) throw invalid('conversation', 'conversation object is missing');
  const conv = payload.conversation;
  const { displayId, accountId, conversationExternalId } = locate(payload, conv, options, 'conversation.');
  const located = (): Located => ({
    source: 'chatwoot',
    conversationExternalId,
    ...describeConversation(payload, conv, displayId, accountId),
  });
  const id = idOf(payload.id);
  if (!id) throw invalid('id', 'message id is missing');

  const rating = ratingOf(payload);
  if (rating) {
    const copy = embeddedMessages(conv).find((m) => idOf(m.id) === id);
    const at = timeOf(payload.updated_at) ?? timeOf(copy?.updated_at) ?? timeOf(payload.created_at);
    if (at === undefined) throw invalid('created_at', 'the time of the survey answer is missing');
    return { kind: 'rating', ...located(), at, ...rating };
  }
  if (event === 'message_updated')
    return { kind: 'ignored', event, reason: 'edited messages are not re-analysed' };
  if (payload.private === true) return { kind: 'ignored', event, reason: 'private note' };
  const type = messageTypeOf(payload.message_type);
  if (!type) throw invalid('message_type', `${JSON.stringify(payload.message_type)} is not a message type`);
  if (type === 'activity') return { kind: 'ignored', event, reason: 'activity message' };
  if (type === 'template')
    return { kind: 'ignored', event, reason: 'template message (greeting, form, survey)' };
  if (payload.content != null && typeof payload.content !== 'string')
    throw invalid('content', 'expected text or null');
  const at = timeOf(payload.created_at);
  if (at === undefined) throw invalid('created_at', 'message time is missing or not a timestamp');

  const sender = senderOf(payload);
  const base = located();
  // A reply by someone not (yet) assigned still makes them one of the conversation's agents.
  if (
    type === 'outgoing' &&
    sender?.kind === 'user' &&
    !base.conversation.agents.some((a) => a.id === sender.id)
  )
    base.conversation.agents.push(plain(sender));
  const text = typeof payload.content === 'string' ? payload.content : '';
  return { kind: 'message', ...base, message: { id, at, ...roleOf(type, sender), text } };
}

/** When a conversation event happened: the change's updated_at, else the payload's clocks. */
function eventTimeOf(payload: Json): number | undefined {
  for (const v of [changeOf(payload, 'updated_at')?.current, payload.updated_at, payload.timestamp]) {
    const at = timeOf(v);
    if (at !== undefined) return at;
  }
  return undefined;
}

function fromConversationEvent(
  event: string,
  payload: Json,
  options: ChatwootEventOptions,
): ChatwootLiveEvent {
  const statusChange = textOf(changeOf(payload, 'status')?.current);
  const status =
    event === 'conversation_resolved'
      ? 'resolved'
      : event === 'conversation_opened'
        ? 'open'
        : event === 'conversation_updated'
          ? statusChange
          : (statusChange ?? textOf(payload.status));
  if (!status) {
    return event === 'conversation_updated'
      ? { kind: 'ignored', event, reason: 'no status change' }
      : { kind: 'ignored', event, reason: 'status is missing' };
  }
  if (status !== 'resolved') return { kind: 'ignored', event, reason: `status ${status} is not a close` };
  const { displayId, accountId, conversationExternalId } = locate(payload, payload, options, '');
  const at = eventTimeOf(payload);
  if (at === undefined) throw invalid('timestamp', 'the time of the resolution is missing');
  const rating = embeddedMessages(payload)
    .map(ratingOf)
    .find((r) => r !== undefined);
  return {
    kind: 'closed',
    source: 'chatwoot',
    conversationExternalId,
    ...describeConversation(payload, payload, displayId, accountId),
    at,
    ...rating,
  };
}

/**
 * Maps one Chatwoot webhook payload to what live ingestion does with it: a message to analyse,
 * a resolved conversation, a CSAT answer, or nothing (with why). Private notes, activity lines
 * and templates (greetings, forms, the survey itself) are not conversation messages. A payload
 * that claims a relevant event but lacks what it needs throws `invalid`.
 */
export function chatwootEventToLive(payload: unknown, options: ChatwootEventOptions = {}): ChatwootLiveEvent {
  if (!isObject(payload)) throw invalid('(body)', 'expected a JSON object');
  const event = textOf(payload.event);
  if (!event) throw invalid('event', 'event name is missing');
  if (event === 'message_created' || event === 'message_updated')
    return fromMessageEvent(event, payload, options);
  if (CONVERSATION_EVENTS.has(event)) return fromConversationEvent(event, payload, options);
  return { kind: 'ignored', event, reason: 'carries no conversation message or status' };
}
