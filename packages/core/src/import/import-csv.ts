import { CHANNELS, type Channel, type ConversationInput, ROLES, type Role } from '../model/conversation.ts';
import { parseTimestamp } from '../time/parse-timestamp.ts';
import type { ImportIssue } from './import-issue.ts';
import type { CsvRow } from './parse-csv.ts';

/**
 * A canonical import record (DESIGN §4) and the 1-based input line it starts on. Importers whose
 * messages come from separate lines (CSV rows) say where each message came from, so a problem
 * found later in `messages[i].field` is reported at that line, under the source's own name.
 */
export type ImportedRecord = { line: number; record: ConversationInput; source?: MessageSourceMap };

export type MessageSourceMap = { lines: number[]; fields: Record<string, string> };

/** Canonical message fields → the CSV columns they were read from. */
export const CSV_MESSAGE_COLUMNS: Record<string, string> = {
  id: 'message_id',
  at: 'at',
  role: 'role',
  authorId: 'author_id',
  text: 'text',
  durationMs: 'duration_ms',
};
export type ImportBatch = { records: ImportedRecord[]; issues: ImportIssue[] };

export const CSV_REQUIRED_COLUMNS = ['conversation_id', 'at', 'role', 'text'] as const;
export const CSV_OPTIONAL_COLUMNS = [
  'author_id',
  'channel',
  'queue',
  'agent_name',
  'csat',
  'tags',
  'message_id',
  'customer_id',
  'team',
  'industry',
  'duration_ms',
  'language',
  'resolved',
] as const;

type Column = (typeof CSV_REQUIRED_COLUMNS)[number] | (typeof CSV_OPTIONAL_COLUMNS)[number];
const KNOWN_COLUMNS = new Set<string>([...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS]);

/** Header names real exports use for our columns (compared lower-cased, spaces and dashes as `_`). */
export const CSV_COLUMN_ALIASES: Record<string, Column> = {
  conversationid: 'conversation_id',
  session_id: 'conversation_id',
  chat_id: 'conversation_id',
  ticket_id: 'conversation_id',
  会话id: 'conversation_id',
  会话编号: 'conversation_id',
  对话id: 'conversation_id',
  timestamp: 'at',
  time: 'at',
  created_at: 'at',
  sent_at: 'at',
  datetime: 'at',
  时间: 'at',
  发送时间: 'at',
  消息时间: 'at',
  sender_type: 'role',
  speaker: 'role',
  sender_role: 'role',
  角色: 'role',
  发送方: 'role',
  sender_id: 'author_id',
  agent_id: 'author_id',
  发送人: 'author_id',
  发送人id: 'author_id',
  message: 'text',
  content: 'text',
  body: 'text',
  内容: 'text',
  消息: 'text',
  消息内容: 'text',
  渠道: 'channel',
  技能组: 'queue',
  满意度: 'csat',
  标签: 'tags',
};

/** Role words of real exports; the canonical four map to themselves. */
export const CSV_ROLE_ALIASES: Record<string, Role> = {
  customer: 'customer',
  user: 'customer',
  client: 'customer',
  visitor: 'customer',
  contact: 'customer',
  'end-user': 'customer',
  end_user: 'customer',
  incoming: 'customer',
  客户: 'customer',
  顾客: 'customer',
  用户: 'customer',
  买家: 'customer',
  访客: 'customer',
  agent: 'agent',
  staff: 'agent',
  operator: 'agent',
  support: 'agent',
  outgoing: 'agent',
  客服: 'agent',
  坐席: 'agent',
  人工: 'agent',
  人工客服: 'agent',
  bot: 'bot',
  robot: 'bot',
  chatbot: 'bot',
  机器人: 'bot',
  智能客服: 'bot',
  system: 'system',
  系统: 'system',
};

function columnOf(header: string): string {
  const name = header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return CSV_COLUMN_ALIASES[name] ?? name;
}

export type CsvImportOptions = {
  /** Zone for `at` values written without an offset (default UTC). */
  timeZone?: string;
};

export type CsvImporter = {
  /** Takes parsed rows in file order; the first row is the header. */
  push(rows: readonly CsvRow[]): void;
  finish(): ImportBatch;
};

type ConversationRows = {
  id: string;
  line: number;
  rejected: boolean;
  channel?: Channel;
  queue?: string;
  industry?: string;
  language?: string;
  customerId?: string;
  csat?: number;
  resolved?: boolean;
  tags: Set<string>;
  agents: Map<string, { id: string; name?: string; team?: string }>;
  messages: NonNullable<ConversationInput['messages']>;
  messageLines: number[];
};

const CHANNEL_SET = new Set<string>(CHANNELS);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);

/**
 * CSV import, one row per message (DESIGN §4). Rows are grouped by `conversation_id` in order of
 * first appearance and need not be contiguous. A row that cannot be read rejects the whole
 * conversation it belongs to, so nothing is half-imported; other conversations still import.
 * Conversation-level columns (channel, queue, csat, …) take the first non-empty value; tags are
 * the union over the conversation's rows. Unknown columns are ignored.
 */
export function createCsvImporter(options: CsvImportOptions = {}): CsvImporter {
  const timeZone = options.timeZone ?? 'UTC';
  const issues: ImportIssue[] = [];
  const conversations = new Map<string, ConversationRows>();
  let columns: Map<Column, number> | undefined;
  let width = 0;
  let isHeaderBad = false;

  const readHeader = (row: CsvRow) => {
    const found = new Map<Column, number>();
    row.fields.forEach((raw, index) => {
      const name = columnOf(raw);
      if (!KNOWN_COLUMNS.has(name)) return;
      if (found.has(name as Column)) {
        issues.push({ line: row.line, field: 'header', reason: `column "${name}" appears more than once` });
        isHeaderBad = true;
      }
      found.set(name as Column, index);
    });
    const missing = CSV_REQUIRED_COLUMNS.filter((c) => !found.has(c));
    if (missing.length > 0) {
      const list = missing.map((c) => `"${c}"`).join(', ');
      issues.push({
        line: row.line,
        field: 'header',
        reason: `missing required column${missing.length > 1 ? 's' : ''} ${list}; nothing was imported`,
      });
      isHeaderBad = true;
    }
    columns = found;
    width = row.fields.length;
  };

  const readRow = (row: CsvRow, cols: Map<Column, number>) => {
    const get = (c: Column): string => {
      const index = cols.get(c);
      return index === undefined ? '' : (row.fields[index] ?? '').trim();
    };
    if (row.fields.every((f) => f.trim() === '')) return;
    const id = get('conversation_id');
    const reject = (field: string, reason: string) => {
      const conv = id ? conversations.get(id) : undefined;
      if (conv) conv.rejected = true;
      else if (id) conversations.set(id, { ...emptyConversation(id, row.line), rejected: true });
      issues.push({
        line: row.line,
        field,
        reason: id ? `${reason}; conversation "${id}" is not imported` : reason,
      });
    };
    if (row.fields.length !== width) {
      reject('(row)', `expected ${width} columns as in the header, found ${row.fields.length}`);
      return;
    }
    if (!id) {
      issues.push({ line: row.line, field: 'conversation_id', reason: 'conversation_id is empty' });
      return;
    }
    let conv = conversations.get(id);
    if (!conv) {
      conv = emptyConversation(id, row.line);
      conversations.set(id, conv);
    }

    const roleText = get('role');
    if (!roleText) return reject('role', 'role is empty');
    const role = CSV_ROLE_ALIASES[roleText.toLowerCase()];
    if (!role)
      return reject(
        'role',
        `"${roleText}" is not one of ${ROLES.join(', ')} (or an alias such as 客户, 客服, user, bot)`,
      );
    const atText = get('at');
    if (!atText) return reject('at', 'at is empty');
    const at = parseTimestamp(atText, timeZone);
    if (!at.ok) return reject('at', at.reason);

    const channel = get('channel').toLowerCase();
    if (channel && !CHANNEL_SET.has(channel)) {
      return reject('channel', `"${get('channel')}" is not one of ${CHANNELS.join(', ')}`);
    }
    const csatText = get('csat');
    const csat = csatText ? Number(csatText) : undefined;
    if (csat !== undefined && !(Number.isInteger(csat) && csat >= 1 && csat <= 5)) {
      return reject('csat', `"${csatText}" is not a CSAT score (a whole number 1–5)`);
    }
    const resolvedText = get('resolved').toLowerCase();
    const resolved = TRUE_WORDS.has(resolvedText) ? true : FALSE_WORDS.has(resolvedText) ? false : undefined;
    if (resolvedText && resolved === undefined) {
      return reject('resolved', `"${get('resolved')}" is not true/false, yes/no or 1/0`);
    }
    const language = get('language');
    if (language && (language.length < 2 || language.length > 16)) {
      return reject('language', `"${language}" is not a language code (2–16 characters, e.g. zh or en)`);
    }
    const durationText = get('duration_ms');
    const durationMs = durationText ? Number(durationText) : undefined;
    if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs >= 0)) {
      return reject('duration_ms', `"${durationText}" is not a non-negative number of milliseconds`);
    }

    // Rows of a rejected conversation are still checked, so one pass reports every bad row.
    if (conv.rejected) return;
    const authorId = get('author_id');
    const message: ConversationInput['messages'][number] = {
      at: at.value,
      role: role as Role,
      // Text keeps its inner spacing; only the cell is read, not trimmed.
      text: row.fields[cols.get('text') ?? -1] ?? '',
    };
    const messageId = get('message_id');
    if (messageId) message.id = messageId;
    if (authorId) message.authorId = authorId;
    if (durationMs !== undefined) message.durationMs = durationMs;
    conv.messages.push(message);
    conv.messageLines.push(row.line);

    conv.channel ??= (channel || undefined) as Channel | undefined;
    conv.queue ||= get('queue') || undefined;
    conv.industry ||= get('industry') || undefined;
    conv.language ||= language || undefined;
    conv.customerId ||= get('customer_id') || (role === 'customer' && authorId) || undefined;
    conv.csat ??= csat;
    conv.resolved ??= resolved;
    for (const tag of get('tags').split(/[|;,]/)) {
      const t = tag.trim();
      if (t) conv.tags.add(t);
    }
    if (role === 'agent' && authorId) {
      const agent = conv.agents.get(authorId) ?? { id: authorId };
      agent.name ||= get('agent_name') || undefined;
      agent.team ||= get('team') || undefined;
      conv.agents.set(authorId, agent);
    }
  };

  return {
    push(rows) {
      for (const row of rows) {
        if (!columns) readHeader(row);
        else if (!isHeaderBad) readRow(row, columns);
      }
    },
    finish() {
      if (!columns)
        return { records: [], issues: [{ line: 1, field: 'header', reason: 'the file has no header row' }] };
      const records: ImportedRecord[] = [];
      for (const conv of conversations.values()) {
        if (!conv.rejected) {
          const source = { lines: conv.messageLines, fields: CSV_MESSAGE_COLUMNS };
          records.push({ line: conv.line, record: toRecord(conv), source });
        }
      }
      return { records, issues: [...issues] };
    },
  };
}

function emptyConversation(id: string, line: number): ConversationRows {
  return { id, line, rejected: false, tags: new Set(), agents: new Map(), messages: [], messageLines: [] };
}

function toRecord(conv: ConversationRows): ConversationInput {
  const record: ConversationInput = { id: conv.id, messages: conv.messages };
  if (conv.channel) record.channel = conv.channel;
  if (conv.queue) record.queue = conv.queue;
  if (conv.industry) record.industry = conv.industry;
  if (conv.language) record.language = conv.language;
  if (conv.tags.size > 0) record.tags = [...conv.tags];
  if (conv.customerId) record.customer = { id: conv.customerId };
  if (conv.agents.size > 0) record.agents = [...conv.agents.values()];
  if (conv.csat !== undefined) record.rating = { csat: conv.csat };
  if (conv.resolved !== undefined) record.resolved = conv.resolved;
  return record;
}
