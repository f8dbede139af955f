import type { Channel, ConversationInput, Role } from '../model/conversation.ts';
import { parseTimestamp } from '../time/parse-timestamp.ts';
import type { ImportBatch } from './import-csv.ts';
import { describeValue, fieldAt, idOf, isObject, type Json, textOf } from './json-values.ts';

type Problem = { field: string; reason: string };
type MessageInput = ConversationInput['messages'][number];
type Sideloads = { users: Map<string, { name?: string; role?: string }>; groups: Map<string, string> };

// Via types (string, or via id as a number) → canonical channel. Anything else is `other`.
const VIA_CHANNELS = new Map<string, Channel>(
  Object.entries({
    email: 'email',
    mail: 'email',
    voice: 'voice',
    voicemail: 'voice',
    phone_call_inbound: 'voice',
    phone_call_outbound: 'voice',
    chat: 'chat',
    chat_transcript: 'chat',
    native_messaging: 'chat',
    messaging: 'chat',
    mobile_sdk: 'chat',
    sdk: 'chat',
    whatsapp: 'chat',
    line: 'chat',
    wechat: 'chat',
    telegram: 'chat',
    viber: 'chat',
    kakaotalk: 'chat',
    apple_business_chat: 'chat',
    google_business_messages: 'chat',
    twitter: 'social',
    twitter_dm: 'social',
    twitter_favorite: 'social',
    x: 'social',
    facebook: 'social',
    facebook_post: 'social',
    facebook_message: 'social',
    instagram: 'social',
    instagram_dm: 'social',
    sms: 'sms',
    text_message: 'sms',
  }),
);
// Via ids from the Zendesk via-types table, for exports that use numbers.
const VIA_IDS = new Map<number, string>([
  [0, 'web'],
  [4, 'email'],
  [5, 'api'],
  [8, 'rule'],
  [23, 'twitter'],
  [26, 'twitter'],
  [29, 'chat'],
  [30, 'twitter'],
  [33, 'voice'],
  [34, 'voice'],
  [35, 'voice'],
  [37, 'sms'],
  [38, 'facebook'],
  [41, 'facebook'],
]);

function viaChannel(via: unknown): string | undefined {
  if (!isObject(via)) return undefined;
  if (typeof via.channel === 'number') return VIA_IDS.get(via.channel);
  return textOf(via.channel);
}

function readTime(
  value: unknown,
  field: string,
  problems: Problem[],
  isRequired: boolean,
): number | undefined {
  if (value == null) {
    if (isRequired) problems.push({ field, reason: 'required timestamp is missing' });
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    problems.push({ field, reason: `expected a timestamp, got ${describeValue(value)}` });
    return undefined;
  }
  const r = parseTimestamp(value);
  if (r.ok) return r.value;
  problems.push({ field, reason: r.reason });
  return undefined;
}

/** Timestamps that only add detail (solved_at, rating time): unreadable ones are left out. */
function optionalTime(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const r = parseTimestamp(value);
  return r.ok ? r.value : undefined;
}

/** html_body is the last resort for text: tags dropped, line breaks kept, common entities decoded. */
function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

function readSideloads(...holders: Json[]): Sideloads {
  const users = new Map<string, { name?: string; role?: string }>();
  const groups = new Map<string, string>();
  for (const holder of holders) {
    if (Array.isArray(holder.users)) {
      for (const u of holder.users) {
        const id = isObject(u) ? idOf(u.id) : undefined;
        if (!id || !isObject(u)) continue;
        users.set(id, { name: textOf(u.name), role: textOf(u.role) });
      }
    }
    if (Array.isArray(holder.groups)) {
      for (const g of holder.groups) {
        const id = isObject(g) ? idOf(g.id) : undefined;
        const name = isObject(g) ? textOf(g.name) : undefined;
        if (id && name) groups.set(id, name);
      }
    }
  }
  return { users, groups };
}

/**
 * Role of a comment's author: triggers and automations (via `rule`) and Answer Bot → bot;
 * via `system` → system; the requester, or any sideloaded `end-user` (a CC'd customer) →
 * customer; everyone else → agent.
 */
function roleOf(via: unknown, authorId: string, requesterId: string | undefined, sideloads: Sideloads): Role {
  const channel = viaChannel(via);
  const rel = isObject(via) && isObject(via.source) ? via.source.rel : undefined;
  if (channel === 'rule' || rel === 'trigger' || rel === 'automation' || channel?.startsWith('answer_bot')) {
    return 'bot';
  }
  if (channel === 'system') return 'system';
  if (authorId === requesterId || sideloads.users.get(authorId)?.role === 'end-user') return 'customer';
  return 'agent';
}

/** `trigger:123` / `automation:456` from a rule comment's via source, when it names the rule. */
function ruleOf(via: unknown): string | undefined {
  if (!isObject(via) || !isObject(via.source)) return undefined;
  const rel = textOf(via.source.rel);
  const id = isObject(via.source.from) ? idOf(via.source.from.id) : undefined;
  return rel && id ? `${rel}:${id}` : undefined;
}

/** good → 5, bad → 1 (Zendesk's two-point scale at its ends); a numeric 1–5 score is kept. */
/** good → 5, bad → 1 (any case, with or without comment), 1–5 kept; anything else is not a rating. */
function csatOf(score: unknown): number | undefined {
  if (typeof score === 'number')
    return Number.isInteger(score) && score >= 1 && score <= 5 ? score : undefined;
  if (typeof score !== 'string') return undefined;
  const word = score.trim().toLowerCase();
  if (word.startsWith('good')) return 5;
  if (word.startsWith('bad')) return 1;
  return undefined;
}

function readSatisfaction(raw: unknown): { rating?: ConversationInput['rating']; offered?: string } {
  if (typeof raw === 'string') {
    const csat = csatOf(raw);
    return csat === undefined ? { offered: raw } : { rating: { csat } };
  }
  if (!isObject(raw)) return {};
  const score = raw.score;
  const csat = csatOf(score);
  if (csat === undefined) return typeof score === 'string' ? { offered: score } : {};
  const rating: NonNullable<ConversationInput['rating']> = { csat };
  const comment = textOf(raw.comment);
  if (comment) rating.comment = comment;
  const at = optionalTime(raw.updated_at ?? raw.created_at);
  if (at !== undefined) rating.at = at;
  return { rating };
}

/**
 * Imports Zendesk Support JSON: `{ tickets: [...] }` (list, search, incremental export),
 * `{ ticket, comments? }` (a ticket paired with its `GET /tickets/{id}/comments` response), or one
 * ticket object (an NDJSON line, possibly with embedded `comments`). Sideloaded `users` and `groups`
 * give names and roles. A ticket with a bad comment is rejected whole; other tickets still import.
 */
export function importZendeskDocument(doc: unknown, line = 1): ImportBatch {
  const batch: ImportBatch = { records: [], issues: [] };
  if (!isObject(doc)) {
    batch.issues.push({
      line,
      field: '(record)',
      reason: `expected a Zendesk JSON object, got ${describeValue(doc)}`,
    });
    return batch;
  }
  if (Array.isArray(doc.tickets)) {
    const sideloads = readSideloads(doc);
    doc.tickets.forEach((t, i) => {
      importTicket(t, `tickets[${i}]`, undefined, sideloads, line, batch);
    });
  } else if ('ticket' in doc) {
    const sideloads = readSideloads(doc, isObject(doc.ticket) ? doc.ticket : {});
    importTicket(doc.ticket, 'ticket', doc.comments, sideloads, line, batch);
  } else if ('id' in doc && ('requester_id' in doc || 'via' in doc || 'subject' in doc)) {
    importTicket(doc, '', undefined, readSideloads(doc), line, batch);
  } else if (Array.isArray(doc.comments)) {
    batch.issues.push({
      line,
      field: 'comments',
      reason: 'comments without their ticket; pair them as { "ticket": {…}, "comments": […] }',
    });
  } else {
    batch.issues.push({
      line,
      field: '(record)',
      reason: 'not a Zendesk ticket, ticket list or { ticket, comments }',
    });
  }
  return batch;
}

function importTicket(
  raw: unknown,
  prefix: string,
  pairedComments: unknown,
  sideloads: Sideloads,
  line: number,
  batch: ImportBatch,
): void {
  if (!isObject(raw)) {
    batch.issues.push({
      line,
      field: prefix || '(record)',
      reason: `expected a ticket object, got ${describeValue(raw)}`,
    });
    return;
  }
  const ticketId = idOf(raw.id);
  if (!ticketId) {
    batch.issues.push({ line, field: fieldAt(prefix, 'id'), reason: 'ticket id is missing' });
    return;
  }
  const problems: Problem[] = [];
  const createdAt = readTime(raw.created_at, fieldAt(prefix, 'created_at'), problems, true);
  const requesterId = idOf(raw.requester_id);
  const commentsPrefix = pairedComments === undefined ? fieldAt(prefix, 'comments') : 'comments';
  const comments = pairedComments ?? raw.comments;
  if (comments !== undefined && !Array.isArray(comments)) {
    problems.push({
      field: commentsPrefix,
      reason: `expected a list of comments, got ${describeValue(comments)}`,
    });
  }

  const messages: MessageInput[] = [];
  const agentIds = new Set<string>();
  let privateComments = 0;
  if (Array.isArray(comments)) {
    comments.forEach((c, i) => {
      const at = `${commentsPrefix}[${i}]`;
      if (!isObject(c)) {
        problems.push({ field: at, reason: `expected a comment object, got ${describeValue(c)}` });
        return;
      }
      const time = readTime(c.created_at, `${at}.created_at`, problems, true);
      const authorId = idOf(c.author_id);
      if (!authorId) problems.push({ field: `${at}.author_id`, reason: 'author_id is missing' });
      if (time === undefined || !authorId) return;
      // Private comments are internal notes between agents, not part of the conversation.
      if (c.public === false) {
        privateComments++;
        return;
      }
      const role = roleOf(c.via, authorId, requesterId, sideloads);
      const data = isObject(c.data) ? c.data : {};
      const text =
        textOf(data.transcription_text) ??
        (typeof c.plain_body === 'string' ? c.plain_body : undefined) ??
        (typeof c.body === 'string' ? c.body : undefined) ??
        (typeof c.html_body === 'string' ? htmlToText(c.html_body) : '');
      // A trigger's comment names an agent as author; the trigger itself is the better author.
      const message: MessageInput = { at: time, role, text };
      const ruleAuthor = role === 'bot' ? ruleOf(c.via) : undefined;
      if (role !== 'bot') message.authorId = authorId;
      else if (ruleAuthor) message.authorId = ruleAuthor;
      const commentId = idOf(c.id);
      if (commentId) message.id = commentId;
      // Voice comments carry the call length in seconds.
      if (typeof data.call_duration === 'number' && data.call_duration >= 0) {
        message.durationMs = data.call_duration * 1000;
      }
      if (role === 'agent') agentIds.add(authorId);
      messages.push(message);
    });
  }
  if (problems.length > 0) {
    for (const p of problems) {
      batch.issues.push({ line, field: p.field, reason: `${p.reason}; ticket ${ticketId} is not imported` });
    }
    return;
  }

  const description = typeof raw.description === 'string' ? raw.description : undefined;
  const isDescriptionOnly = !Array.isArray(comments) || comments.length === 0;
  if (isDescriptionOnly && description && createdAt !== undefined) {
    // Without comments the ticket's description (its first comment) is the only message we have.
    const authorId = idOf(raw.submitter_id) ?? requesterId;
    const role: Role = authorId === undefined || authorId === requesterId ? 'customer' : 'agent';
    const message: MessageInput = { id: `${ticketId}-description`, at: createdAt, role, text: description };
    if (authorId) message.authorId = authorId;
    if (role === 'agent' && authorId) agentIds.add(authorId);
    messages.push(message);
  }

  const record: ConversationInput = { id: ticketId, source: 'zendesk', messages };
  const via = viaChannel(raw.via);
  record.channel = (via && VIA_CHANNELS.get(via)) || 'other';
  if (createdAt !== undefined) record.startedAt = createdAt;
  const metricSet = isObject(raw.metric_set) ? raw.metric_set : undefined;
  const status = textOf(raw.status);
  if (status) record.resolved = status === 'solved' || status === 'closed';
  const solvedAt = record.resolved && metricSet ? optionalTime(metricSet.solved_at) : undefined;
  if (solvedAt !== undefined) record.endedAt = solvedAt;
  if (Array.isArray(raw.tags)) record.tags = raw.tags.filter((t): t is string => typeof t === 'string');
  const groupId = idOf(raw.group_id);
  if (groupId) record.queue = sideloads.groups.get(groupId) ?? groupId;
  if (requesterId) {
    const name = sideloads.users.get(requesterId)?.name;
    record.customer = name ? { id: requesterId, name } : { id: requesterId };
  }
  const assigneeId = idOf(raw.assignee_id);
  if (assigneeId) agentIds.add(assigneeId);
  if (agentIds.size > 0) {
    record.agents = [...agentIds].map((id) => {
      const name = sideloads.users.get(id)?.name;
      return name ? { id, name } : { id };
    });
  }
  const satisfaction = readSatisfaction(raw.satisfaction_rating);
  if (satisfaction.rating) record.rating = satisfaction.rating;
  const priority = textOf(raw.priority);
  const type = textOf(raw.type);
  if (priority || type) record.ticket = { ...(priority ? { priority } : {}), ...(type ? { type } : {}) };

  const meta: Record<string, unknown> = { ticketId, privateComments };
  const subject = textOf(raw.subject);
  if (subject) meta.subject = subject;
  if (status) meta.status = status;
  if (via) meta.via = via;
  if (satisfaction.offered) meta.satisfaction = satisfaction.offered;
  if (isDescriptionOnly) meta.commentsMissing = true;
  for (const [key, field] of [
    ['organizationId', 'organization_id'],
    ['brandId', 'brand_id'],
  ] as const) {
    const value = idOf(raw[field]);
    if (value) meta[key] = value;
  }
  record.meta = meta;
  batch.records.push({ line, record });
}
