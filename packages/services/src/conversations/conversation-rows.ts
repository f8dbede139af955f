import { createHash } from 'node:crypto';
import type { AnalysisResult, Conversation } from '@serviq/core';
import { copyText, copyTextArray } from '@serviq/storage';

/**
 * The conversation's key in the database: a uuid of (source, external id), so every process, and
 * every re-run of an import, computes the same key without asking the database.
 */
export function conversationKey(source: string, externalId: string): string {
  const h = createHash('sha256').update(source).update('\u0000').update(externalId).digest('hex');
  // Version 8 (custom) uuid layout, so the value is a well-formed uuid.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? '0', 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path id is a conversation key at all (a malformed one is a 400, not a database error). */
export const isConversationKey = (id: string): boolean => UUID.test(id);

type Value = string | number | boolean | null | readonly string[];
type ColumnKind = 'value' | 'array' | 'json' | 'time';

const CONVERSATION_COLUMN_KINDS = {
  id: 'value',
  source: 'value',
  external_id: 'value',
  channel: 'value',
  language: 'value',
  queue: 'value',
  tags: 'array',
  industry: 'value',
  customer_id: 'value',
  agent_id: 'value',
  agent_ids: 'array',
  team_id: 'value',
  status: 'value',
  started_at: 'time',
  ended_at: 'time',
  message_count: 'value',
  csat: 'value',
  rating_comment: 'value',
  is_resolved: 'value',
  ticket: 'json',
  meta: 'json',
  events: 'json',
  score: 'value',
  max_score: 'value',
  is_passed: 'value',
  is_fatal: 'value',
  has_alert: 'value',
  scorecard: 'value',
  scorecard_version: 'value',
  first_response_ms: 'value',
  is_sla_met: 'value',
  handle_ms: 'value',
  customer_end_emotion: 'value',
  customer_end_polarity: 'value',
  customer_trend: 'value',
  agent_messages: 'value',
  agent_emoji: 'value',
  agent_emoji_messages: 'value',
  agent_emoji_while_negative: 'value',
  customer_emoji: 'value',
  predicted_csat: 'value',
  hit_rules: 'array',
  analysed_at: 'time',
  updated_at: 'time',
} satisfies Record<string, ColumnKind>;

export const CONVERSATION_COLUMNS = Object.keys(
  CONVERSATION_COLUMN_KINDS,
) as (keyof typeof CONVERSATION_COLUMN_KINDS)[];
const CONVERSATION_KINDS: ColumnKind[] = Object.values(CONVERSATION_COLUMN_KINDS);

export const MESSAGE_COLUMNS = [
  'conversation_id',
  'external_id',
  'seq',
  'at',
  'role',
  'author_id',
  'text',
  'duration_ms',
] as const;
export const ANALYSIS_COLUMNS = ['conversation_id', 'result', 'rule_set_version', 'analysed_at'] as const;
export const HIT_COLUMNS = [
  'conversation_id',
  'rule',
  'name',
  'category',
  'severity',
  'points',
  'is_fatal',
  'agent_id',
  'started_at',
  'evidence',
] as const;
const HIT_KINDS: ColumnKind[] = [
  'value',
  'value',
  'value',
  'value',
  'value',
  'value',
  'value',
  'value',
  'time',
  'json',
];
const MESSAGE_KINDS: ColumnKind[] = ['value', 'value', 'value', 'time', 'value', 'value', 'value', 'value'];
const ANALYSIS_KINDS: ColumnKind[] = ['value', 'json', 'value', 'time'];

/** Everything stored for one analysed conversation, as column values in the orders above. */
export type ConversationRows = {
  id: string;
  conversation: Value[];
  messages: Value[][];
  analysis: Value[];
  hits: Value[][];
  /** Epoch ms of the UTC hour the conversation started in: the report rollup it belongs to. */
  hour: number;
};

/** The agent who wrote most agent messages; reports attribute the conversation to them. */
function primaryAgent(conv: Conversation): string | null {
  const counts = new Map<string, number>();
  for (const m of conv.messages)
    if (m.role === 'agent' && m.authorId !== undefined)
      counts.set(m.authorId, (counts.get(m.authorId) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [id, n] of counts)
    if (n > bestCount) {
      best = id;
      bestCount = n;
    }
  return best ?? conv.agents[0]?.id ?? null;
}

const iso = (ms: number | undefined | null): string | null =>
  ms === undefined || ms === null ? null : new Date(ms).toISOString();
const ms = (sec: number | null | undefined): number | null =>
  sec === null || sec === undefined ? null : Math.round(sec * 1000);

export function conversationRows(
  conv: Conversation,
  result: AnalysisResult,
  options: { status: 'open' | 'closed'; analysedAt: number; ruleGeneration: number | null },
): ConversationRows {
  const id = conversationKey(conv.source, conv.id);
  const agentId = primaryAgent(conv);
  const agentIds = [...new Set([...conv.agents.map((a) => a.id), ...result.agents])];
  const teamId =
    conv.agents.find((a) => a.id === agentId)?.team ?? conv.agents.find((a) => a.team)?.team ?? null;
  const trajectory = result.sentiment.customer;
  const agentEmoji = result.emoji.agent;
  let whileNegative = 0;
  for (const use of Object.values(result.emoji.byAgent)) whileNegative += use.whileCustomerNegative;
  const startedAt = iso(conv.startedAt);
  const conversation: Value[] = [
    id,
    conv.source,
    conv.id,
    conv.channel,
    result.language,
    conv.queue ?? null,
    conv.tags,
    conv.industry ?? null,
    conv.customer?.id ?? null,
    agentId,
    agentIds,
    teamId,
    options.status,
    startedAt,
    iso(conv.endedAt),
    conv.messages.length,
    conv.rating?.csat ?? null,
    conv.rating?.comment ?? null,
    conv.resolved ?? null,
    conv.ticket ? JSON.stringify(conv.ticket) : null,
    conv.meta ? JSON.stringify(conv.meta) : null,
    JSON.stringify(conv.events),
    result.score,
    result.maxScore,
    result.passed,
    result.fatal,
    result.alert,
    result.scorecard,
    result.scorecardVersion,
    ms(result.metrics.firstResponseSec),
    result.metrics.slaMet,
    ms(result.metrics.handleSec),
    trajectory?.endEmotion ?? null,
    trajectory?.end ?? null,
    trajectory?.trend ?? null,
    result.metrics.messages.agent,
    agentEmoji.count,
    agentEmoji.messagesWithEmoji,
    whileNegative,
    result.emoji.customer.count,
    result.satisfaction.predicted,
    result.hits.map((h) => h.rule),
    iso(options.analysedAt),
    iso(options.analysedAt),
  ];
  const messages: Value[][] = conv.messages.map((m, i) => [
    id,
    m.id,
    i,
    iso(m.at),
    m.role,
    m.authorId ?? null,
    m.text,
    m.durationMs === undefined ? null : Math.round(m.durationMs),
  ]);
  const hits: Value[][] = result.hits.map((h) => [
    id,
    h.rule,
    h.name,
    h.category,
    h.severity,
    h.points,
    h.isFatal === true,
    agentOfHit(conv, h.messages) ?? agentId,
    startedAt,
    JSON.stringify(h.evidence),
  ]);
  return {
    id,
    conversation,
    messages,
    analysis: [id, JSON.stringify(result), options.ruleGeneration, iso(options.analysedAt)],
    hits,
    hour: Math.floor(conv.startedAt / 3_600_000) * 3_600_000,
  };
}

/** The author of the first agent message a hit points at, when it points at one. */
function agentOfHit(conv: Conversation, messages: readonly number[]): string | undefined {
  for (const i of messages) {
    const m = conv.messages[i];
    if (m?.role === 'agent' && m.authorId !== undefined) return m.authorId;
  }
  return undefined;
}

function copyField(value: Value, kind: ColumnKind): string {
  if (kind === 'array') return copyTextArray((value ?? []) as readonly string[]);
  return copyText(value as string | number | boolean | null);
}

function copyLine(values: readonly Value[], kinds: readonly ColumnKind[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++)
    line += (i === 0 ? '' : '\t') + copyField(values[i] as Value, kinds[i] as ColumnKind);
  return `${line}\n`;
}

/** The rows of one conversation as COPY text, per table. */
export type CopyText = { conversations: string; messages: string; analyses: string; hits: string };

export function toCopyText(rows: ConversationRows): CopyText {
  let messages = '';
  for (const m of rows.messages) messages += copyLine(m, MESSAGE_KINDS);
  let hits = '';
  for (const h of rows.hits) hits += copyLine(h, HIT_KINDS);
  return {
    conversations: copyLine(rows.conversation, CONVERSATION_KINDS),
    messages,
    analyses: copyLine(rows.analysis, ANALYSIS_KINDS),
    hits,
  };
}
