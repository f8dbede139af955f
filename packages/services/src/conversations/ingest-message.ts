import { LiveMessageSchema } from '@serviq/contracts';
import { type AnalysisResult, type Conversation, normalizeConversation, redactMessages } from '@serviq/core';
import type { Queryable } from '@serviq/storage';
import { publishAlerts, type StoredAlert } from '../alerts/alert-hub.ts';
import { type Actor, authorize } from '../service/actor.ts';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import { AppError } from '../service/app-error.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { CONVERSATION_COLUMNS, conversationKey, conversationRows, HIT_COLUMNS } from './conversation-rows.ts';
import { loadConversations } from './load-conversation.ts';
import { analyseForStorage, participantsOf } from './prepare-conversations.ts';
import { upsertParticipants } from './store-prepared.ts';

export type IngestOutcome = {
  conversationId: string;
  isDuplicate: boolean;
  /** Alerts this message raised (realtime rules that newly hold). */
  alerts: StoredAlert[];
  result: AnalysisResult | null;
};

/** What this process remembers of an open conversation, valid while its message count matches. */
type LiveEntry = {
  messageCount: number;
  generation: number | null;
  conversation: Conversation;
  hitsKey: string;
  participants: Set<string>;
};

/**
 * Open conversations as this process last wrote them, so a live message costs a handful of
 * statements rather than reading the whole conversation back. An entry is used only when the
 * stored message count still matches (another process may have added messages); bounded, least
 * recently used first out.
 */
export class LiveConversations {
  private readonly entries = new Map<string, LiveEntry>();

  constructor(private readonly capacity = 10_000) {}

  /** The entry, if written under this rule generation; the write itself checks that it is current. */
  peek(key: string, generation: number | null): LiveEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.generation !== generation) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: LiveEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

/** The agents (listed or writing) and the customer a conversation names, by id. */
const participantKeys = (conv: Conversation): Set<string> =>
  new Set([
    ...conv.agents.map((a) => `a:${a.id}`),
    ...conv.messages.flatMap((m) => (m.role === 'agent' && m.authorId ? [`a:${m.authorId}`] : [])),
    ...(conv.customer ? [`c:${conv.customer.id}`] : []),
  ]);

/** The conversation so far with the new message and what the message says about it. */
function mergeLive(stored: Conversation, incoming: Conversation, isChannelGiven: boolean): Conversation {
  const message = incoming.messages[0] as Conversation['messages'][number];
  const messages = [...stored.messages];
  // Messages arrive mostly in order; a late one goes where its time puts it.
  let at = messages.length;
  while (at > 0 && (messages[at - 1]?.at ?? 0) > message.at) at--;
  messages.splice(at, 0, message);
  const agents = [...stored.agents];
  for (const a of incoming.agents) {
    const i = agents.findIndex((x) => x.id === a.id);
    if (i < 0) agents.push(a);
    else agents[i] = { ...agents[i], ...a };
  }
  if (message.role === 'agent' && message.authorId && !agents.some((a) => a.id === message.authorId))
    agents.push({ id: message.authorId });
  const tags = [...new Set([...stored.tags, ...incoming.tags])];
  return {
    ...stored,
    ...(incoming.queue ? { queue: incoming.queue } : {}),
    ...(incoming.language ? { language: incoming.language } : {}),
    ...(incoming.industry ? { industry: incoming.industry } : {}),
    ...(incoming.customer ? { customer: { ...stored.customer, ...incoming.customer } } : {}),
    // A message that names no channel keeps the conversation's (the default would reset it).
    channel: isChannelGiven ? incoming.channel : stored.channel,
    agents,
    tags,
    messages,
    startedAt: Math.min(stored.startedAt, message.at),
    endedAt: Math.max(stored.endedAt, message.at),
  };
}

const SET_ANALYSED = CONVERSATION_COLUMNS.filter((c) => c !== 'id');

/**
 * Stores one live message and analyses the conversation so far; realtime rules that now hold
 * raise alerts. Idempotent by (source, conversation id, message id): a repeat changes nothing
 * and raises nothing. Messages of one conversation are analysed one at a time (the upsert locks
 * its row). The message is redacted before it is stored; the analysis sees it whole.
 */
export async function ingestMessage(
  ctx: ServiceContext,
  actor: Actor,
  externalId: string,
  input: unknown,
  runtime: AnalysisRuntime,
  live: LiveConversations = new LiveConversations(1),
): Promise<IngestOutcome> {
  authorize(actor, 'conversations:write');
  const body = parseInput(LiveMessageSchema, input ?? {});
  const { source, conversation: meta } = body;
  // The canonical validation (timestamps, text length, ids) on a one-message conversation.
  const normalized = normalizeConversation(
    { id: externalId, source, messages: [body.message], ...meta },
    {
      timeZone: runtime.config.timeZone,
      maxMessageChars: runtime.config.maxMessageChars,
      maxMessages: runtime.config.maxMessages,
    },
  );
  if (!normalized.ok) {
    const details = normalized.issues.map((i) => ({
      field: i.field.replace(/^messages\[0\]\.?/, 'message.'),
      reason: i.reason,
    }));
    throw new AppError('invalid', `${details[0]?.field}: ${details[0]?.reason}`, {
      details,
      ...(details[0]?.field ? { field: details[0].field } : {}),
    });
  }
  const incoming = normalized.value;
  const message = incoming.messages[0];
  if (!message) throw new AppError('invalid', 'message: missing', { field: 'message' });
  const key = conversationKey(source, externalId);
  const at = new Date(message.at).toISOString();
  const storedText = runtime.privacy.isRedacting
    ? (redactMessages([message.text], runtime.privacy.piiKinds).texts[0] ?? '')
    : message.text;
  const write = (q: Queryable, stored: Conversation, count: number, cached: LiveEntry | undefined) => {
    const merged = mergeLive(stored, incoming, meta.channel !== undefined);
    const { conversation, result } = analyseForStorage(merged, runtime.context, runtime.privacy);
    const rows = conversationRows(conversation, result, {
      status: 'open',
      analysedAt: ctx.now(),
      ruleGeneration: runtime.generation,
    });
    const entry: LiveEntry = {
      messageCount: count + 1,
      generation: runtime.generation,
      conversation,
      hitsKey: JSON.stringify(rows.hits),
      participants: participantKeys(conversation),
    };
    const alerts = result.hits.filter(
      (h) => result.scorecard !== null && runtime.realtime.has(`${result.scorecard}\u0000${h.rule}`),
    );
    const params = [
      key,
      count,
      message.id,
      message.role,
      message.authorId ?? null,
      storedText,
      message.durationMs ?? null,
      at,
      rows.analysis[1],
      runtime.generation,
      rows.analysis[3],
      entry.hitsKey === cached?.hitsKey ? null : hitsJson(rows.hits),
      rows.hits.map((h) => h[1] as string),
      alerts.length === 0
        ? null
        : JSON.stringify(
            alerts.map((h) => ({
              rule: h.rule,
              name: h.name,
              severity: h.severity,
              agent_id: rows.hits.find((r) => r[1] === h.rule)?.[7] ?? null,
              evidence: h.evidence,
            })),
          ),
      ...rows.conversation.slice(1),
    ];
    return {
      entry,
      result,
      run: () => q.query<WriteAnswer>(WRITE_SQL, params, { name: 'serviq_live_write' }),
    };
  };

  // Fast path: this process wrote the conversation last, so one statement stores the message and
  // the new analysis, provided the stored message count still matches (no other writer since).
  // New agents or a new customer go through the slow path, which records them in the directory;
  // so does a conversation at the message limit, which the slow path refuses.
  const cached = live.peek(key, runtime.generation);
  if (
    cached &&
    cached.messageCount < runtime.config.maxMessages &&
    [...participantKeys(incoming)].every((p) => cached.participants.has(p))
  ) {
    const attempt = write(ctx.db, cached.conversation, cached.messageCount, cached);
    const { rows } = await attempt.run();
    if (rows[0]?.isWritten) return finish(attempt.entry, attempt.result, rows[0]);
  }
  // Otherwise (first message here, another writer, a repeat): lock the row and read it back.
  const answer = await ctx.db.transaction(async (tx) => {
    const head = await tx.query<{ message_count: number }>(
      `INSERT INTO conversations (id, source, external_id, channel, status, started_at, ended_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $5)
       ON CONFLICT (id) DO UPDATE SET status = 'open' RETURNING message_count`,
      [key, source, externalId, incoming.channel, at],
    );
    const count = head.rows[0]?.message_count ?? 0;
    const repeat = await tx.query('SELECT 1 FROM messages WHERE conversation_id = $1 AND external_id = $2', [
      key,
      message.id,
    ]);
    if (repeat.rowCount > 0) return undefined;
    if (count >= runtime.config.maxMessages)
      throw new AppError(
        'too_large',
        `conversation ${externalId} already holds ${count} messages, the most allowed`,
        {
          field: 'message',
        },
      );
    const stored = (await loadConversations(tx, [key]))[0]?.conversation;
    if (!stored) throw new Error(`conversation ${key} vanished while it was locked`);
    const attempt = write(tx, stored, count, undefined);
    await upsertParticipants(tx, [participantsOf(attempt.entry.conversation)]);
    const { rows } = await attempt.run();
    if (!rows[0]?.isWritten) throw new Error(`conversation ${key} changed while it was locked`);
    return { attempt, written: rows[0] };
  });
  if (!answer) {
    live.forget(key);
    return { conversationId: key, isDuplicate: true, alerts: [], result: null };
  }
  return finish(answer.attempt.entry, answer.attempt.result, answer.written);

  async function finish(
    entry: LiveEntry,
    result: AnalysisResult,
    written: WriteAnswer,
  ): Promise<IngestOutcome> {
    live.set(key, entry);
    const alerts = written.alerts ?? [];
    await publishAlerts(ctx.db, alerts);
    return { conversationId: key, isDuplicate: false, alerts, result };
  }
}

type WriteAnswer = { isWritten: boolean; alerts: StoredAlert[] | null };

/** Hit rows as the JSON json_populate_recordset reads. */
function hitsJson(hits: readonly (readonly unknown[])[]): string {
  return JSON.stringify(
    hits.map((h) =>
      Object.fromEntries(
        HIT_COLUMNS.map((c, i) => [c, c === 'evidence' ? JSON.parse(h[i] as string) : h[i]]),
      ),
    ),
  );
}

/**
 * One live message in one statement: the conversation's analysed columns are updated only while
 * its message count is the one the analysis saw and the message is new; the message, the analysis,
 * the rule hits (when they changed) and new alerts are written only if that update happened.
 * $1 key, $2 expected count, $3–$8 the message, $9–$11 the analysis, $12 hits JSON or null when
 * unchanged, $13 the rules hit, $14 realtime hits (with their agent) as JSON or null, $15… the conversation's columns.
 */
const WRITE_SQL = `
WITH conv AS (
  UPDATE conversations SET (${SET_ANALYSED.join(', ')}) = (${SET_ANALYSED.map((c, i) =>
    c === 'team_id'
      ? `COALESCE($${i + 15}::text, (SELECT team_id FROM agents WHERE id = $${SET_ANALYSED.indexOf('agent_id') + 15}::text))`
      : `$${i + 15}`,
  ).join(', ')})
  WHERE id = $1 AND message_count = $2
    AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND external_id = $3)
  RETURNING id, team_id
), msg AS (
  INSERT INTO messages (conversation_id, external_id, seq, at, role, author_id, text, duration_ms)
  SELECT id, $3, $2, $8::timestamptz, $4, $5, $6, $7 FROM conv
), ana AS (
  INSERT INTO analyses (conversation_id, result, rule_set_version, analysed_at)
  SELECT id, $9::json, $10, $11::timestamptz FROM conv
  ON CONFLICT (conversation_id) DO UPDATE SET result = EXCLUDED.result,
    rule_set_version = EXCLUDED.rule_set_version, analysed_at = EXCLUDED.analysed_at
), gone AS (
  DELETE FROM rule_hits WHERE $12::json IS NOT NULL AND conversation_id = (SELECT id FROM conv)
    AND rule <> ALL($13::text[])
), hits AS (
  INSERT INTO rule_hits (${HIT_COLUMNS.join(', ')})
  SELECT ${HIT_COLUMNS.join(', ')} FROM json_populate_recordset(NULL::rule_hits, $12::json)
  WHERE EXISTS (SELECT 1 FROM conv)
  ON CONFLICT (conversation_id, rule) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,
    severity = EXCLUDED.severity, points = EXCLUDED.points, is_fatal = EXCLUDED.is_fatal,
    agent_id = EXCLUDED.agent_id, started_at = EXCLUDED.started_at, evidence = EXCLUDED.evidence
), raised AS (
  INSERT INTO alerts (conversation_id, rule, name, severity, agent_id, team_id, evidence)
  SELECT conv.id, a.rule, a.name, a.severity, a.agent_id, conv.team_id, a.evidence
  FROM conv, json_to_recordset($14::json) AS a(rule text, name text, severity text, agent_id text, evidence jsonb)
  ON CONFLICT (conversation_id, rule) DO NOTHING
  RETURNING id::int AS id, conversation_id AS "conversationId", rule, name, severity, agent_id AS "agentId",
    team_id AS "teamId", evidence, created_at AS "createdAt"
)
SELECT EXISTS (SELECT 1 FROM conv) AS "isWritten", (SELECT json_agg(raised) FROM raised) AS alerts`;
