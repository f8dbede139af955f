import { LiveMessageSchema } from '@serviq/contracts';
import { type AnalysisResult, type Conversation, normalizeConversation } from '@serviq/core';
import type { Queryable } from '@serviq/storage';
import type { z } from 'zod';
import { publishAlerts, type StoredAlert } from '../alerts/alert-hub.ts';
import { type Actor, authorize } from '../service/actor.ts';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import { AppError } from '../service/app-error.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { conversationKey } from './conversation-rows.ts';
import { reanalyseIn } from './reanalyse-conversations.ts';
import { upsertParticipants } from './store-prepared.ts';

export type IngestOutcome = {
  conversationId: string;
  isDuplicate: boolean;
  /** Alerts this message raised (realtime rules that newly hold). */
  alerts: StoredAlert[];
  result: AnalysisResult | null;
};

/** Zod issues as the field-and-reason details every 4xx carries. */
export function invalidInput(error: z.ZodError, prefix = ''): AppError {
  const details = error.issues.map((i) => ({ field: prefix + i.path.join('.'), reason: i.message }));
  const first = details[0];
  return new AppError('invalid', first ? `${first.field || '(body)'}: ${first.reason}` : 'invalid input', {
    ...(first?.field ? { field: first.field } : {}),
    details,
  });
}

/**
 * Stores one live message and analyses the conversation so far; realtime rules that now hold
 * raise alerts. Idempotent by (source, conversation id, message id): a repeat changes nothing
 * and raises nothing. Messages of one conversation are analysed one at a time (a row lock).
 */
export async function ingestMessage(
  ctx: ServiceContext,
  actor: Actor,
  externalId: string,
  input: unknown,
  runtime: AnalysisRuntime,
): Promise<IngestOutcome> {
  authorize(actor, 'conversations:write');
  const parsed = LiveMessageSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { source, conversation: meta } = parsed.data;
  // The canonical validation (timestamps, text length, ids) on a one-message conversation.
  const normalized = normalizeConversation(
    { id: externalId, source, messages: [parsed.data.message], ...meta },
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
      field: details[0]?.field,
    });
  }
  const conv = normalized.value;
  const message = conv.messages[0];
  if (!message) throw new AppError('invalid', 'message: missing', { field: 'message' });
  const key = conversationKey(source, externalId);
  const at = new Date(message.at).toISOString();
  const { outcome, notify } = await ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO conversations (id, source, external_id, channel, status, started_at, ended_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $5) ON CONFLICT (id) DO NOTHING`,
      [key, source, externalId, conv.channel, at],
    );
    const locked = await tx.query<{ message_count: number }>(
      'SELECT message_count FROM conversations WHERE id = $1 FOR UPDATE',
      [key],
    );
    const count = locked.rows[0]?.message_count ?? 0;
    if (count >= runtime.config.maxMessages)
      throw new AppError(
        'too_large',
        `conversation ${externalId} already holds ${count} messages, the most allowed`,
        {
          field: 'message',
        },
      );
    const inserted = await tx.query(
      `INSERT INTO messages (conversation_id, external_id, seq, at, role, author_id, text, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING external_id`,
      [
        key,
        message.id,
        count,
        at,
        message.role,
        message.authorId ?? null,
        message.text,
        message.durationMs ?? null,
      ],
    );
    if (inserted.rowCount === 0)
      return { outcome: { conversationId: key, isDuplicate: true, alerts: [], result: null }, notify: [] };
    await mergeMetadata(tx, key, conv, at);
    const [done] = await reanalyseIn(tx, [key], runtime, ctx.now());
    if (!done) throw new Error(`conversation ${key} vanished while it was locked`);
    const alerts = await insertAlerts(tx, key, done.result, runtime);
    return {
      outcome: { conversationId: key, isDuplicate: false, alerts, result: done.result },
      notify: alerts,
    };
  });
  await publishAlerts(ctx.db, notify);
  return outcome;
}

async function mergeMetadata(tx: Queryable, key: string, conv: Conversation, at: string): Promise<void> {
  await upsertParticipants(tx, [
    {
      agents: conv.agents.map((a) => ({ id: a.id, name: a.name ?? null, team: a.team ?? null })),
      customer: conv.customer
        ? { id: conv.customer.id, name: conv.customer.name ?? null, isVip: conv.customer.vip === true }
        : null,
    },
  ]);
  const agentIds = [
    ...new Set([
      ...conv.agents.map((a) => a.id),
      ...conv.messages.flatMap((m) => (m.role === 'agent' && m.authorId ? [m.authorId] : [])),
    ]),
  ];
  await tx.query(
    `UPDATE conversations SET
       status = 'open',
       started_at = LEAST(started_at, $2::timestamptz), ended_at = GREATEST(ended_at, $2::timestamptz),
       agent_ids = ARRAY(SELECT DISTINCT unnest(agent_ids || $3::text[])),
       tags = ARRAY(SELECT DISTINCT unnest(tags || $4::text[])),
       queue = COALESCE($5, queue), language = COALESCE($6, language), industry = COALESCE($7, industry),
       customer_id = COALESCE($8, customer_id), channel = $9, updated_at = now()
     WHERE id = $1`,
    [
      key,
      at,
      agentIds,
      conv.tags,
      conv.queue ?? null,
      conv.language ?? null,
      conv.industry ?? null,
      conv.customer?.id ?? null,
      conv.channel,
    ],
  );
}

async function insertAlerts(
  tx: Queryable,
  key: string,
  result: AnalysisResult,
  runtime: AnalysisRuntime,
): Promise<StoredAlert[]> {
  const hits = result.hits.filter(
    (h) => result.scorecard !== null && runtime.realtime.has(`${result.scorecard}\u0000${h.rule}`),
  );
  if (hits.length === 0) return [];
  const { rows } = await tx.query<StoredAlert>(
    `INSERT INTO alerts (conversation_id, rule, name, severity, agent_id, team_id, evidence)
     SELECT $1, h.rule, h.name, h.severity, h.agent_id, c.team_id, h.evidence
     FROM rule_hits h JOIN conversations c ON c.id = h.conversation_id
     WHERE h.conversation_id = $1 AND h.rule = ANY($2::text[])
     ON CONFLICT (conversation_id, rule) DO NOTHING
     RETURNING id::int AS id, conversation_id AS "conversationId", rule, name, severity, agent_id AS "agentId",
       team_id AS "teamId", evidence, created_at AS "createdAt"`,
    [key, hits.map((h) => h.rule)],
  );
  return rows;
}
