import type { Channel, ConversationInput } from '../model/conversation.ts';
import { parseTimestamp } from '../time/parse-timestamp.ts';
import type { ImportBatch, ImportedRecord } from './import-csv.ts';
import type { ImportIssue } from './import-issue.ts';
import { describeValue, fieldAt, idOf, isObject, type Json, textOf } from './json-values.ts';

type Problem = { field: string; reason: string };
type MessageInput = ConversationInput['messages'][number];
type EventInput = NonNullable<ConversationInput['events']>[number];
type Person = { id: string; name?: string };

const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
type MessageType = (typeof MESSAGE_TYPES)[number];

/** Who wrote a message, from `sender.type` or, in model form, `sender_type`. */
type SenderKind = 'contact' | 'user' | 'agent_bot' | 'captain_assistant';
type Sender = { kind?: SenderKind; id?: string; name?: string };

type ChatwootMessage = {
  id: string;
  type: MessageType;
  at: number;
  text: string;
  isPrivate: boolean;
  sender?: Sender;
  accountId?: string;
  conversationId?: string;
  rating?: { csat: number; comment?: string };
};

/** Conversation-level fields read from a conversation object (API, webhook, or message-list meta). */
type Snapshot = {
  accountId?: string;
  inboxId?: string;
  createdAt?: number;
  status?: string;
  labels?: string[];
  contact?: Person;
  assignee?: Person;
  team?: string;
  channelType?: string;
  priority?: string;
};

/** An operation-log entry before agent names are resolved to ids. */
type RawEvent = {
  at: number;
  kind: 'assign' | 'unassign' | 'close' | 'reopen';
  agentId?: string;
  agentName?: string;
  fromId?: string;
  team?: string;
  byName?: string;
  text?: string;
};

type Builder = {
  displayId: string;
  accountId?: string;
  line: number;
  snapshot: Snapshot;
  agents: Map<string, Person>;
  messages: Map<string, { input: MessageInput; rank: number }>;
  privateIds: Set<string>;
  skippedActivityIds: Set<string>;
  activities: Map<string, RawEvent>;
  changes: RawEvent[];
  rating?: { csat: number; comment?: string };
  resolvedAt?: number;
  failedLines: number[];
};

// Chatwoot inbox channel classes → canonical channel.
const CHANNEL_TYPES = new Map<string, Channel>(
  Object.entries({
    'Channel::WebWidget': 'chat',
    'Channel::Whatsapp': 'chat',
    'Channel::Telegram': 'chat',
    'Channel::Line': 'chat',
    'Channel::Email': 'email',
    'Channel::FacebookPage': 'social',
    'Channel::Instagram': 'social',
    'Channel::TwitterProfile': 'social',
    'Channel::Tiktok': 'social',
    'Channel::TwilioSms': 'sms',
    'Channel::Sms': 'sms',
    'Channel::Voice': 'voice',
    'Channel::Api': 'other',
  }),
);

/** The canonical channel of a Chatwoot inbox class (`Channel::WebWidget` → chat); unknown ones are `other`. */
export const chatwootChannel = (channelType: string): Channel => CHANNEL_TYPES.get(channelType) ?? 'other';

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

const EVENTS_WITHOUT_CONVERSATION = new Set([
  'contact_created',
  'contact_updated',
  'conversation_typing_on',
  'conversation_typing_off',
  'webwidget_triggered',
]);

const STATUS_EVENTS = new Map<string, string | undefined>([
  ['conversation_status_changed', undefined],
  // Deprecated names of the same event; the status is implied.
  ['conversation_resolved', 'resolved'],
  ['conversation_opened', 'open'],
]);

/** Epoch seconds (API, embedded messages) or ISO-8601 (webhook top level) → epoch ms. */
function readTime(value: unknown, field: string, problems: Problem[]): number | undefined {
  if (value === undefined || value === null) {
    problems.push({ field, reason: 'required timestamp is missing' });
    return undefined;
  }
  if (typeof value !== 'number' && typeof value !== 'string') {
    problems.push({ field, reason: `expected a timestamp, got ${describeValue(value)}` });
    return undefined;
  }
  // Older Chatwoot versions wrote "2020-03-03 13:05:57 UTC".
  const r = parseTimestamp(typeof value === 'string' ? value.replace(/ UTC$/, 'Z') : value);
  if (r.ok) return r.value;
  problems.push({ field, reason: r.reason });
  return undefined;
}

function readPerson(v: unknown): (Person & { kind?: SenderKind }) | undefined {
  if (!isObject(v)) return undefined;
  const id = idOf(v.id);
  if (!id) return undefined;
  const person: Person & { kind?: SenderKind } = { id };
  const name = textOf(v.available_name) ?? textOf(v.name);
  if (name) person.name = name;
  const kind = typeof v.type === 'string' ? SENDER_KINDS.get(v.type) : undefined;
  if (kind) person.kind = kind;
  return person;
}

function readMessageType(v: unknown): MessageType | undefined {
  if (typeof v === 'number') return MESSAGE_TYPES[v];
  return MESSAGE_TYPES.find((t) => t === v);
}

function readRating(
  raw: Json,
  prefix: string,
  problems: Problem[],
): { csat: number; comment?: string } | undefined {
  if (raw.content_type !== 'input_csat') return undefined;
  const attrs = raw.content_attributes;
  const submitted = isObject(attrs) && isObject(attrs.submitted_values) ? attrs.submitted_values : undefined;
  const response =
    submitted && isObject(submitted.csat_survey_response) ? submitted.csat_survey_response : undefined;
  // A survey that was sent but not answered yet carries no response.
  if (!response) return undefined;
  const rating = response.rating;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
    problems.push({
      field: fieldAt(prefix, 'content_attributes.submitted_values.csat_survey_response.rating'),
      reason: `${describeValue(rating)} is not a CSAT rating (a whole number 1–5)`,
    });
    return undefined;
  }
  const comment = textOf(response.feedback_message);
  return comment ? { csat: rating, comment } : { csat: rating };
}

/** Reads a message in API/embedded form (integer type, epoch s) or webhook form (string type, ISO). */
function readMessage(raw: unknown, prefix: string, problems: Problem[]): ChatwootMessage | undefined {
  if (!isObject(raw)) {
    problems.push({
      field: prefix || '(record)',
      reason: `expected a message object, got ${describeValue(raw)}`,
    });
    return undefined;
  }
  const before = problems.length;
  const id = idOf(raw.id);
  if (!id) problems.push({ field: fieldAt(prefix, 'id'), reason: 'message id is missing' });
  const type = readMessageType(raw.message_type);
  if (!type) {
    problems.push({
      field: fieldAt(prefix, 'message_type'),
      reason: `${describeValue(raw.message_type)} is not a message type (0–3 or incoming, outgoing, activity, template)`,
    });
  }
  const at = readTime(raw.created_at, fieldAt(prefix, 'created_at'), problems);
  if (raw.content != null && typeof raw.content !== 'string') {
    problems.push({
      field: fieldAt(prefix, 'content'),
      reason: `expected text or null, got ${describeValue(raw.content)}`,
    });
  }
  const rating = readRating(raw, prefix, problems);
  if (problems.length > before || !id || !type || at === undefined) return undefined;

  const message: ChatwootMessage = {
    id,
    type,
    at,
    text: typeof raw.content === 'string' ? raw.content : '',
    isPrivate: raw.private === true,
  };
  const person = readPerson(raw.sender);
  const modelKind = typeof raw.sender_type === 'string' ? SENDER_KINDS.get(raw.sender_type) : undefined;
  if (person) message.sender = { ...person, kind: person.kind ?? modelKind };
  else if (modelKind) message.sender = { kind: modelKind, id: idOf(raw.sender_id) };
  const accountId = idOf(raw.account_id);
  if (accountId) message.accountId = accountId;
  const conversationId = idOf(raw.conversation_id);
  if (conversationId) message.conversationId = conversationId;
  if (rating) message.rating = rating;
  return message;
}

/**
 * Role by message type and sender: incoming → customer; outgoing by a user → agent, by an agent
 * bot or Captain assistant → bot, with no sender (automation, auto-resolve) → bot; an outgoing
 * sender without a type is a person → agent. Templates (greeting, CSAT survey) → bot.
 */
function toMessageInput(m: ChatwootMessage): MessageInput {
  const input: MessageInput = { id: m.id, at: m.at, role: 'customer', text: m.text };
  const s = m.sender;
  if (m.type === 'incoming') {
    if (s?.id) input.authorId = s.id;
  } else if (m.type === 'template' || !s) {
    input.role = 'bot';
  } else if (s.kind === 'agent_bot' || s.kind === 'captain_assistant') {
    input.role = 'bot';
    // Bot ids live in their own table; the prefix keeps them apart from user ids.
    if (s.id) input.authorId = `${s.kind}:${s.id}`;
  } else if (s.kind !== 'contact') {
    input.role = 'agent';
    if (s.id) input.authorId = s.id;
  } else if (s.id) {
    input.authorId = s.id;
  }
  return input;
}

// English activity texts (config/locales/en.yml, conversations.activity.*); other locales are skipped.
const ACTIVITY_PATTERNS: [RegExp, (m: RegExpExecArray) => Omit<RawEvent, 'at' | 'text'>][] = [
  [
    /^Assigned to (.+) via (.+) by (.+)$/,
    (m) => ({ kind: 'assign', agentName: m[1], team: m[2], byName: m[3] }),
  ],
  [/^Assigned to (.+) by (.+)$/, (m) => ({ kind: 'assign', agentName: m[1], byName: m[2] })],
  [/^(.+) self-assigned this conversation$/, (m) => ({ kind: 'assign', agentName: m[1], byName: m[1] })],
  [/^Conversation unassigned by (.+)$/, (m) => ({ kind: 'unassign', byName: m[1] })],
  [
    /^Conversation was (?:marked resolved|resolved) by (.+?)(?: due to .*| \(.*\)|: .*)?$/,
    (m) => ({ kind: 'close', byName: m[1] }),
  ],
  [/^Conversation was reopened by (.+)$/, (m) => ({ kind: 'reopen', byName: m[1] })],
  [/^System reopened the conversation/, () => ({ kind: 'reopen', byName: 'system' })],
];

function parseActivity(text: string, at: number): RawEvent | undefined {
  const trimmed = text.trim();
  for (const [pattern, build] of ACTIVITY_PATTERNS) {
    const m = pattern.exec(trimmed);
    if (m) return { at, text: trimmed, ...build(m) };
  }
  return undefined;
}

function readLabels(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((l): l is string => typeof l === 'string' && l.trim() !== '');
}

/** Conversation-level fields of a conversation object (REST or webhook form). */
function readSnapshot(conv: Json, prefix: string, problems: Problem[]): Snapshot {
  const meta = isObject(conv.meta) ? conv.meta : {};
  const s: Snapshot = {};
  const accountId = idOf(conv.account_id) ?? (isObject(conv.account) ? idOf(conv.account.id) : undefined);
  if (accountId) s.accountId = accountId;
  const inboxId = idOf(conv.inbox_id);
  if (inboxId) s.inboxId = inboxId;
  if (conv.created_at != null) {
    const createdAt = readTime(conv.created_at, fieldAt(prefix, 'created_at'), problems);
    if (createdAt !== undefined) s.createdAt = createdAt;
  }
  const status = textOf(conv.status);
  if (status) s.status = status;
  const labels = readLabels(conv.labels);
  if (labels) s.labels = labels;
  const contact = readPerson(meta.sender);
  if (contact) s.contact = { id: contact.id, ...(contact.name ? { name: contact.name } : {}) };
  const assignee = readPerson(meta.assignee);
  if (assignee && (assignee.kind === undefined || assignee.kind === 'user')) {
    s.assignee = { id: assignee.id, ...(assignee.name ? { name: assignee.name } : {}) };
  }
  const team = isObject(meta.team) ? textOf(meta.team.name) : undefined;
  if (team) s.team = team;
  const channelType = textOf(meta.channel) ?? textOf(conv.channel);
  if (channelType) s.channelType = channelType;
  const priority = textOf(conv.priority);
  if (priority) s.priority = priority;
  return s;
}

function newBuilder(displayId: string, accountId: string | undefined, line: number): Builder {
  return {
    displayId,
    accountId,
    line,
    snapshot: {},
    agents: new Map(),
    messages: new Map(),
    privateIds: new Set(),
    skippedActivityIds: new Set(),
    activities: new Map(),
    changes: [],
    failedLines: [],
  };
}

function applySnapshot(b: Builder, s: Snapshot): void {
  Object.assign(b.snapshot, s);
  if (s.assignee) b.agents.set(s.assignee.id, { ...b.agents.get(s.assignee.id), ...s.assignee });
}

/** Adds one message; `rank` 1 (webhook top level) beats 0 (embedded copies), later beats earlier. */
function applyMessage(b: Builder, m: ChatwootMessage, rank: number): void {
  if (m.sender?.kind === 'user' && m.sender.id) {
    const known = b.agents.get(m.sender.id);
    b.agents.set(m.sender.id, {
      id: m.sender.id,
      ...(m.sender.name ? { name: m.sender.name } : {}),
      ...known,
    });
  }
  if (m.isPrivate) {
    b.privateIds.add(m.id);
    return;
  }
  if (m.type === 'activity') {
    const event = parseActivity(m.text, m.at);
    if (event) b.activities.set(m.id, event);
    else b.skippedActivityIds.add(m.id);
    return;
  }
  if (m.rating) b.rating = m.rating;
  const existing = b.messages.get(m.id);
  if (existing && existing.rank > rank) return;
  b.messages.set(m.id, { input: toMessageInput(m), rank });
}

function event(
  at: number,
  type: string,
  agentId: string | undefined,
  data: Record<string, unknown>,
): EventInput {
  const e: EventInput = { at, type };
  if (agentId) e.agentId = agentId;
  if (Object.keys(data).length > 0) e.data = data;
  return e;
}

/** Orders the operation log and turns names into ids; a second assignment is a transfer. */
function buildEvents(b: Builder): EventInput[] {
  const byName = new Map<string, string | undefined>();
  for (const a of b.agents.values()) {
    // Two agents with one name cannot be told apart: leave that name unresolved.
    if (a.name) byName.set(a.name, byName.has(a.name) ? undefined : a.id);
  }
  const raw = [...b.activities.values(), ...b.changes].sort((x, y) => x.at - y.at);
  const events: EventInput[] = [];
  let current: string | undefined;
  for (const e of raw) {
    const data: Record<string, unknown> = {};
    if (e.text) data.text = e.text;
    if (e.byName) data.by = e.byName;
    if (e.team) data.team = e.team;
    const byId = e.byName ? byName.get(e.byName) : undefined;
    if (e.kind === 'assign') {
      const agentId = e.agentId ?? (e.agentName ? byName.get(e.agentName) : undefined);
      // "Assigned to Billing by Ann" names a team when no agent is called Billing.
      if (!agentId && e.agentName && e.agentName === b.snapshot.team) {
        events.push({ at: e.at, type: 'assign', data: { ...data, team: e.agentName } });
        continue;
      }
      const key = agentId ?? e.agentName;
      const previous = e.fromId ?? current;
      if (e.agentName) data.assignee = e.agentName;
      const isTransfer = previous !== undefined && previous !== key;
      if (isTransfer) data.from = previous;
      events.push(event(e.at, isTransfer ? 'transfer' : 'assign', agentId, data));
      current = key;
    } else if (e.kind === 'unassign') {
      if (current) data.from = current;
      events.push(event(e.at, 'unassign', byId, data));
      current = undefined;
    } else {
      events.push(event(e.at, e.kind, byId, data));
    }
  }
  return events;
}

function toRecord(b: Builder): ConversationInput {
  const s = b.snapshot;
  const record: ConversationInput = {
    id: b.accountId ? `${b.accountId}:${b.displayId}` : b.displayId,
    source: 'chatwoot',
    messages: [...b.messages.values()].map((v) => v.input),
  };
  const channel = s.channelType ? chatwootChannel(s.channelType) : undefined;
  if (channel) record.channel = channel;
  if (s.createdAt !== undefined) record.startedAt = s.createdAt;
  if (s.status !== undefined) record.resolved = s.status === 'resolved';
  if (record.resolved && b.resolvedAt !== undefined) record.endedAt = b.resolvedAt;
  if (s.team) record.queue = s.team;
  if (s.labels && s.labels.length > 0) record.tags = s.labels;
  if (s.contact) record.customer = s.contact;
  if (b.agents.size > 0) record.agents = [...b.agents.values()];
  if (b.rating) record.rating = b.rating;
  const events = buildEvents(b);
  if (events.length > 0) record.events = events;
  if (s.priority) record.ticket = { priority: s.priority };
  const meta: Record<string, unknown> = { conversationId: b.displayId };
  if (b.accountId) meta.accountId = b.accountId;
  if (s.inboxId) meta.inboxId = s.inboxId;
  if (s.status) meta.status = s.status;
  if (s.channelType) meta.channelType = s.channelType;
  // Internal notes and unrecognised activity lines are left out of messages; their counts stay.
  meta.privateNotes = b.privateIds.size;
  meta.skippedActivities = b.skippedActivityIds.size;
  record.meta = meta;
  return record;
}

function rejectionReason(problem: Problem, conversationKey: string): string {
  return `${problem.reason}; conversation ${conversationKey} is not imported`;
}

// ---------------------------------------------------------------- REST API documents

/**
 * Imports a Chatwoot REST API document: a conversation object (`GET …/conversations/{id}` with
 * `messages`), a conversation list (`{ data: { meta, payload: [conversation…] } }` or
 * `{ payload: [conversation…] }`), a bare array of conversations, or a message list
 * (`GET …/conversations/{id}/messages`: `{ meta, payload: [message…] }`). A conversation with a
 * bad message is rejected whole; the others still import.
 */
export function importChatwootDocument(doc: unknown, line = 1): ImportBatch {
  const batch: ImportBatch = { records: [], issues: [] };
  const conversations = (list: unknown[], prefix: string) => {
    list.forEach((c, i) => {
      importConversation(c, `${prefix}[${i}]`, line, batch);
    });
  };
  if (Array.isArray(doc)) conversations(doc, '');
  else if (isObject(doc) && isObject(doc.data) && Array.isArray(doc.data.payload)) {
    conversations(doc.data.payload, 'data.payload');
  } else if (isObject(doc) && Array.isArray(doc.payload)) {
    const isMessageList = doc.payload.some((p) => isObject(p) && 'message_type' in p);
    if (isMessageList) importMessageList(doc, line, batch);
    else conversations(doc.payload, 'payload');
  } else if (isObject(doc) && ('messages' in doc || 'inbox_id' in doc)) {
    importConversation(doc, '', line, batch);
  } else {
    batch.issues.push({
      line,
      field: '(record)',
      reason: 'not a Chatwoot conversation, conversation list or message list',
    });
  }
  return batch;
}

function importConversation(raw: unknown, prefix: string, line: number, batch: ImportBatch): void {
  if (!isObject(raw)) {
    batch.issues.push({
      line,
      field: prefix || '(record)',
      reason: `expected a conversation, got ${describeValue(raw)}`,
    });
    return;
  }
  const displayId = idOf(raw.id);
  if (!displayId) {
    batch.issues.push({ line, field: fieldAt(prefix, 'id'), reason: 'conversation id is missing' });
    return;
  }
  const problems: Problem[] = [];
  const snapshot = readSnapshot(raw, prefix, problems);
  const messages = Array.isArray(raw.messages)
    ? raw.messages.map((m, i) => readMessage(m, fieldAt(prefix, `messages[${i}]`), problems))
    : [];
  const accountId = snapshot.accountId ?? messages.find((m) => m?.accountId)?.accountId;
  const b = newBuilder(displayId, accountId, line);
  if (problems.length > 0) {
    const key = accountId ? `${accountId}:${displayId}` : displayId;
    for (const p of problems) batch.issues.push({ line, field: p.field, reason: rejectionReason(p, key) });
    return;
  }
  applySnapshot(b, snapshot);
  for (const m of messages) if (m) applyMessage(b, m, 0);
  batch.records.push({ line, record: toRecord(b) });
}

function importMessageList(doc: Json, line: number, batch: ImportBatch): void {
  const meta = isObject(doc.meta) ? doc.meta : {};
  const snapshot: Snapshot = {};
  const labels = readLabels(meta.labels);
  if (labels) snapshot.labels = labels;
  const contact = readPerson(meta.contact);
  if (contact) snapshot.contact = { id: contact.id, ...(contact.name ? { name: contact.name } : {}) };
  const assignee = readPerson(meta.assignee);
  if (assignee) snapshot.assignee = { id: assignee.id, ...(assignee.name ? { name: assignee.name } : {}) };

  const groups = new Map<string, { messages: ChatwootMessage[]; problems: Problem[] }>();
  (doc.payload as unknown[]).forEach((raw, i) => {
    const prefix = `payload[${i}]`;
    const problems: Problem[] = [];
    const m = readMessage(raw, prefix, problems);
    const conversationId = m?.conversationId ?? (isObject(raw) ? idOf(raw.conversation_id) : undefined);
    if (!conversationId) {
      problems.push({ field: fieldAt(prefix, 'conversation_id'), reason: 'conversation_id is missing' });
      for (const p of problems) batch.issues.push({ line, ...p });
      return;
    }
    const group = groups.get(conversationId) ?? { messages: [], problems: [] };
    groups.set(conversationId, group);
    if (m) group.messages.push(m);
    group.problems.push(...problems);
  });
  for (const [conversationId, group] of groups) {
    const accountId = group.messages.find((m) => m.accountId)?.accountId;
    const key = accountId ? `${accountId}:${conversationId}` : conversationId;
    if (group.problems.length > 0) {
      for (const p of group.problems)
        batch.issues.push({ line, field: p.field, reason: rejectionReason(p, key) });
      continue;
    }
    const b = newBuilder(conversationId, accountId, line);
    applySnapshot(b, snapshot);
    for (const m of group.messages) applyMessage(b, m, 0);
    batch.records.push({ line, record: toRecord(b) });
  }
}

// ---------------------------------------------------------------- webhooks

type ConversationRef = { displayId: string; accountId?: string; inboxId?: string };
type Op = { line: number; ref: ConversationRef } & (
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'message'; message: ChatwootMessage; rank: number }
  | { kind: 'status'; status: string; at?: number }
  | { kind: 'assignee'; at: number; fromId?: string; toId?: string; toName?: string }
  | { kind: 'failed' }
);

export type ChatwootWebhookBatch = ImportBatch & {
  /** Payloads whose `event` carries no conversation data (contact_created, typing, …), by event. */
  skippedEvents: Record<string, number>;
};

export type ChatwootWebhookAccumulator = {
  /** Takes one webhook payload (one line of a capture file); returns the issues it raised. */
  add(payload: unknown, line: number): ImportIssue[];
  /** Builds one record per conversation; `line` is the line of its first event. */
  finish(): ChatwootWebhookBatch;
};

/** `changed_attributes` is `[{ name: { previous_value, current_value } }, …]`. */
function readChange(payload: Json, name: string): { previous?: unknown; current?: unknown } | undefined {
  if (!Array.isArray(payload.changed_attributes)) return undefined;
  for (const entry of payload.changed_attributes) {
    if (isObject(entry) && isObject(entry[name])) {
      const change = entry[name] as Json;
      return { previous: change.previous_value, current: change.current_value };
    }
  }
  return undefined;
}

/** When a conversation event happened: the change's updated_at, else the payload's clocks. */
function conversationEventTime(payload: Json): number | undefined {
  for (const candidate of [
    readChange(payload, 'updated_at')?.current,
    payload.updated_at,
    payload.timestamp,
  ]) {
    if (typeof candidate !== 'number' && typeof candidate !== 'string') continue;
    const r = parseTimestamp(candidate);
    if (r.ok) return Math.round(r.value);
  }
  return undefined;
}

/**
 * Accumulates captured Chatwoot webhook payloads (JSONL, in capture order) into conversations.
 * Conversation ids are per account, so records are keyed `${account_id}:${id}`; the account comes
 * from `account.id`, `account_id`, embedded messages, or an inbox seen with an account elsewhere in
 * the file (inbox ids are global). When none of these is known the id is `${id}` alone.
 * A malformed event rejects its conversation (reported at the conversation's first line);
 * events without conversation data are skipped and counted.
 */
export function createChatwootWebhookAccumulator(): ChatwootWebhookAccumulator {
  const ops: Op[] = [];
  const inboxAccounts = new Map<string, string>();
  const skippedEvents: Record<string, number> = {};

  const add = (payload: unknown, line: number): ImportIssue[] => {
    if (!isObject(payload)) {
      return [
        {
          line,
          field: '(record)',
          reason: `expected a webhook payload object, got ${describeValue(payload)}`,
        },
      ];
    }
    const event = payload.event;
    if (typeof event !== 'string' || event === '') {
      return [{ line, field: 'event', reason: 'event name is missing' }];
    }
    const isMessageEvent = event === 'message_created' || event === 'message_updated';
    const isConversationEvent =
      event === 'conversation_created' || event === 'conversation_updated' || STATUS_EVENTS.has(event);
    if (!isMessageEvent && !isConversationEvent) {
      // Chatwoot's own events without conversation data are expected in a capture; any other
      // name is a typo or a newer event whose data would otherwise vanish unnoticed.
      if (!EVENTS_WITHOUT_CONVERSATION.has(event)) {
        return [
          { line, field: 'event', reason: `unknown Chatwoot event ${JSON.stringify(event)}; line skipped` },
        ];
      }
      skippedEvents[event] = (skippedEvents[event] ?? 0) + 1;
      return [];
    }

    const convPrefix = isMessageEvent ? 'conversation' : '';
    const conv = isMessageEvent ? payload.conversation : payload;
    if (!isObject(conv)) return [{ line, field: 'conversation', reason: 'conversation object is missing' }];
    const displayId = idOf(conv.id);
    if (!displayId) return [{ line, field: fieldAt(convPrefix, 'id'), reason: 'conversation id is missing' }];

    const problems: Problem[] = [];
    const snapshot = readSnapshot(conv, convPrefix, problems);
    const embedded = Array.isArray(conv.messages)
      ? conv.messages.map((m, i) => readMessage(m, fieldAt(convPrefix, `messages[${i}]`), problems))
      : [];
    const top = isMessageEvent ? readMessage(payload, '', problems) : undefined;
    const accountId =
      (isObject(payload.account) ? idOf(payload.account.id) : undefined) ??
      idOf(payload.account_id) ??
      snapshot.accountId ??
      embedded.find((m) => m?.accountId)?.accountId;
    const inboxId = snapshot.inboxId ?? (isObject(payload.inbox) ? idOf(payload.inbox.id) : undefined);
    if (accountId && inboxId) inboxAccounts.set(inboxId, accountId);
    const ref: ConversationRef = { displayId, accountId, inboxId };

    const status =
      STATUS_EVENTS.get(event) ??
      (event === 'conversation_status_changed' ? textOf(payload.status) : undefined);
    if (event === 'conversation_status_changed' && !status) {
      problems.push({ field: 'status', reason: 'status is missing' });
    }
    if (problems.length > 0) {
      ops.push({ line, ref, kind: 'failed' });
      return problems.map((p) => ({ line, ...p }));
    }

    ops.push({ line, ref, kind: 'snapshot', snapshot });
    for (const m of embedded) if (m) ops.push({ line, ref, kind: 'message', message: m, rank: 0 });
    if (top) ops.push({ line, ref, kind: 'message', message: top, rank: 1 });
    const at = conversationEventTime(payload);
    if (status) ops.push({ line, ref, kind: 'status', status, at });
    const assigneeChange = readChange(payload, 'assignee_id');
    if (assigneeChange && at !== undefined) {
      const toId = idOf(assigneeChange.current);
      ops.push({
        line,
        ref,
        kind: 'assignee',
        at,
        fromId: idOf(assigneeChange.previous),
        toId,
        toName: toId && snapshot.assignee?.id === toId ? snapshot.assignee.name : undefined,
      });
    }
    return [];
  };

  const finish = (): ChatwootWebhookBatch => {
    const builders = new Map<string, Builder>();
    for (const op of ops) {
      const accountId = op.ref.accountId ?? (op.ref.inboxId ? inboxAccounts.get(op.ref.inboxId) : undefined);
      const key = accountId ? `${accountId}:${op.ref.displayId}` : op.ref.displayId;
      let b = builders.get(key);
      if (!b) {
        b = newBuilder(op.ref.displayId, accountId, op.line);
        builders.set(key, b);
      }
      applyOp(b, op);
    }
    const records: ImportedRecord[] = [];
    const issues: ImportIssue[] = [];
    for (const [key, b] of builders) {
      if (b.failedLines.length > 0) {
        const lines = b.failedLines.join(', ');
        issues.push({
          line: b.line,
          field: 'conversation',
          reason: `conversation ${key} is not imported because its event on line ${lines} was rejected`,
        });
      } else {
        records.push({ line: b.line, record: toRecord(b) });
      }
    }
    return { records, issues, skippedEvents: { ...skippedEvents } };
  };

  return { add, finish };
}

function applyOp(b: Builder, op: Op): void {
  switch (op.kind) {
    case 'failed':
      b.failedLines.push(op.line);
      return;
    case 'snapshot':
      applySnapshot(b, op.snapshot);
      return;
    case 'message':
      applyMessage(b, op.message, op.rank);
      return;
    case 'status': {
      const wasResolved = b.resolvedAt !== undefined;
      b.snapshot.status = op.status;
      if (op.status === 'resolved') {
        if (op.at !== undefined) {
          b.resolvedAt = op.at;
          b.changes.push({ at: op.at, kind: 'close' });
        }
      } else {
        b.resolvedAt = undefined;
        if (wasResolved && op.at !== undefined) b.changes.push({ at: op.at, kind: 'reopen' });
      }
      return;
    }
    case 'assignee':
      if (op.toId) {
        b.changes.push({
          at: op.at,
          kind: 'assign',
          agentId: op.toId,
          agentName: op.toName,
          fromId: op.fromId,
        });
      } else {
        b.changes.push({ at: op.at, kind: 'unassign' });
      }
      return;
  }
}
