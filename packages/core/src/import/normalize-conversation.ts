import {
  type Conversation,
  type ConversationEvent,
  ConversationInputSchema,
  type Message,
  type ParsedConversationInput,
  type Participant,
  type ParticipantInput,
} from '../model/conversation.ts';
import { parseTimestamp } from '../time/parse-timestamp.ts';
import { type ImportIssue, type ImportResult, issuesFromZod } from './import-issue.ts';

export type NormalizeOptions = {
  /** Zone for timestamps written without an offset. */
  timeZone?: string;
  /** Longest message text accepted, in UTF-16 code units. */
  maxMessageChars?: number;
  maxMessages?: number;
  defaultSource?: string;
};

export const DEFAULT_MAX_MESSAGE_CHARS = 100_000;
export const DEFAULT_MAX_MESSAGES = 10_000;

/** Validates one import record (DESIGN §4) and resolves it into the canonical conversation. */
export function normalizeConversation(
  raw: unknown,
  options: NormalizeOptions = {},
  line?: number,
): ImportResult<Conversation> {
  const parsed = ConversationInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, raw, line) };
  return resolveConversation(parsed.data, options, line);
}

function resolveConversation(
  input: ParsedConversationInput,
  options: NormalizeOptions,
  line?: number,
): ImportResult<Conversation> {
  const tz = options.timeZone ?? 'UTC';
  const maxChars = options.maxMessageChars ?? DEFAULT_MAX_MESSAGE_CHARS;
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  const issues: ImportIssue[] = [];
  const issue = (field: string, reason: string) =>
    issues.push(line === undefined ? { field, reason } : { line, field, reason });
  const time = (field: string, value: string | number | null | undefined): number | undefined => {
    if (value == null) return undefined;
    const r = parseTimestamp(value, tz);
    if (r.ok) return r.value;
    issue(field, r.reason);
    return undefined;
  };

  if (input.messages.length > maxMessages) {
    issue('messages', `${input.messages.length} messages exceed the limit of ${maxMessages}`);
  }
  const messages: Message[] = [];
  const seenIds = new Set<string>();
  for (let i = 0; i < input.messages.length; i++) {
    const m = input.messages[i] as (typeof input.messages)[number];
    // Field names are built only for a problem: this loop runs for every message of every file.
    const at = parseTimestamp(m.at, tz);
    if (!at.ok) issue(`messages[${i}].at`, at.reason);
    const id = m.id === undefined ? `m${i + 1}` : String(m.id);
    if (seenIds.has(id)) issue(`messages[${i}].id`, `duplicate message id ${JSON.stringify(id)}`);
    seenIds.add(id);
    const text = m.text ?? '';
    if (text.length > maxChars) {
      issue(`messages[${i}].text`, `text of ${text.length} characters exceeds the limit of ${maxChars}`);
    }
    if (!at.ok) continue;
    const msg: Message = { id, at: at.value, role: m.role, text };
    if (m.authorId != null) msg.authorId = String(m.authorId);
    if (m.durationMs != null) msg.durationMs = m.durationMs;
    messages.push(msg);
  }
  const events: ConversationEvent[] = [];
  input.events?.forEach((e, i) => {
    const at = time(`events[${i}].at`, e.at);
    if (at === undefined) return;
    const ev: ConversationEvent = { at, type: e.type };
    if (e.agentId != null) ev.agentId = String(e.agentId);
    if (e.data) ev.data = e.data;
    events.push(ev);
  });
  const startedAt = time('startedAt', input.startedAt);
  const endedAt = time('endedAt', input.endedAt);
  const ratingAt = time('rating.at', input.rating?.at);
  if (issues.length > 0) return { ok: false, issues };

  // Array.prototype.sort is stable, so equal times keep their input order.
  messages.sort((a, b) => a.at - b.at);
  events.sort((a, b) => a.at - b.at);
  const first = messages[0]?.at;
  const last = messages.at(-1);
  const lastEnd = last ? last.at + (last.durationMs ?? 0) : undefined;
  const start = startedAt ?? first ?? endedAt ?? 0;
  const conv: Conversation = {
    id: String(input.id),
    source: input.source ?? options.defaultSource ?? 'import',
    channel: input.channel ?? 'chat',
    startedAt: start,
    endedAt: endedAt ?? lastEnd ?? start,
    tags: input.tags ?? [],
    agents: (input.agents ?? []).map(participantOf),
    messages,
    events,
  };
  if (conv.endedAt < conv.startedAt) {
    return {
      ok: false,
      issues: [
        endedAt === undefined
          ? {
              ...(line === undefined ? {} : { line }),
              field: 'startedAt',
              reason: 'startedAt is after the last message',
            }
          : {
              ...(line === undefined ? {} : { line }),
              field: 'endedAt',
              reason: 'endedAt is before startedAt',
            },
      ],
    };
  }
  if (input.language) conv.language = input.language;
  if (input.queue) conv.queue = input.queue;
  if (input.industry) conv.industry = input.industry;
  if (input.customer) conv.customer = participantOf(input.customer);
  if (input.rating) {
    conv.rating = {};
    if (input.rating.csat != null) conv.rating.csat = input.rating.csat;
    if (input.rating.comment) conv.rating.comment = input.rating.comment;
    if (ratingAt !== undefined) conv.rating.at = ratingAt;
  }
  if (input.resolved != null) conv.resolved = input.resolved;
  if (input.ticket) conv.ticket = stripNullish(input.ticket);
  if (input.meta) conv.meta = input.meta;
  return { ok: true, value: conv };
}

function participantOf(p: ParticipantInput): Participant {
  const out: Participant = { id: String(p.id) };
  if (p.name != null) out.name = p.name;
  if (p.team != null) out.team = p.team;
  if (p.vip != null) out.vip = p.vip;
  return out;
}

function stripNullish<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v != null) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], null> };
}
