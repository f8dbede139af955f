import { CHANNELS, ChannelSchema, EMOTIONS, MessageInputSchema, ParticipantInputSchema } from '@serviq/core';
import { z } from 'zod';
import { CsvSchema, QueryBooleanSchema, TimeSchema } from './query-values.ts';
import { ReportQuerySchema } from './reports.ts';

/** One live message and, optionally, what is known of its conversation so far. */
export const LiveMessageSchema = z.strictObject({
  source: z.string().min(1).max(100).default('api'),
  conversation: z
    .strictObject({
      channel: ChannelSchema.optional(),
      language: z.string().min(2).max(16).optional(),
      queue: z.string().max(200).optional(),
      tags: z.array(z.string().max(200)).max(100).optional(),
      industry: z.string().max(100).optional(),
      customer: ParticipantInputSchema.optional(),
      agents: z.array(ParticipantInputSchema).max(50).optional(),
    })
    .default({}),
  message: MessageInputSchema.required({ id: true }),
});
export type LiveMessage = z.input<typeof LiveMessageSchema>;

export const CloseConversationSchema = z.strictObject({
  source: z.string().min(1).max(100).default('api'),
  at: z.union([z.string(), z.number()]).optional(),
  csat: z.number().int().min(1).max(5).optional(),
  comment: z.string().max(10_000).optional(),
  isResolved: z.boolean().optional(),
});
export type CloseConversation = z.input<typeof CloseConversationSchema>;

export const CONVERSATION_SORTS = ['started_at', 'score', 'first_response_ms', 'csat'] as const;
const Num = z.coerce.number().finite();

/** Filters of the conversation list (query-string friendly: lists may be comma-separated). */
export const ConversationFilterSchema = z.strictObject({
  from: TimeSchema.optional(),
  to: TimeSchema.optional(),
  agent: CsvSchema.optional(),
  team: CsvSchema.optional(),
  channel: CsvSchema.pipe(z.array(z.enum(CHANNELS))).optional(),
  queue: CsvSchema.optional(),
  tag: CsvSchema.optional(),
  minScore: Num.optional(),
  maxScore: Num.optional(),
  isPassed: QueryBooleanSchema.optional(),
  rule: CsvSchema.optional(),
  emotion: CsvSchema.pipe(z.array(z.enum(EMOTIONS))).optional(),
  /** none: agents used no emoji; any: some; negative: some while the customer was negative. */
  emoji: z.enum(['none', 'any', 'negative']).optional(),
  /** The customer's last message was negative (as reports count negativeEndRate), or was not. */
  isNegativeEnd: QueryBooleanSchema.optional(),
  minCsat: z.coerce.number().int().min(1).max(5).optional(),
  maxCsat: z.coerce.number().int().min(1).max(5).optional(),
  status: z.enum(['open', 'closed']).optional(),
  source: z.string().optional(),
  q: z.string().min(1).max(200).optional(),
});
export type ConversationFilter = z.output<typeof ConversationFilterSchema>;

export const ListConversationsSchema = ConversationFilterSchema.extend({
  sort: z.enum(CONVERSATION_SORTS).default('started_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** Count every match too (costs a second scan on large filters). */
  withTotal: QueryBooleanSchema.optional(),
});
export type ListConversations = z.input<typeof ListConversationsSchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/**
 * An export of the conversation list: the list's filters, one row per conversation, newest first.
 * Times are written in `timeZone` (IANA, default UTC), as reports take it.
 */
export const ExportConversationsSchema = ConversationFilterSchema.extend({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  timeZone: ReportQuerySchema.shape.timeZone,
});
export type ExportConversations = z.input<typeof ExportConversationsSchema>;

export const ReviewSchema = z.strictObject({
  score: z.number().min(0).max(1000),
  verdicts: z
    .array(
      z.strictObject({
        rule: z.string().min(1),
        verdict: z.enum(['hit', 'pass', 'na']),
        comment: z.string().max(2000).optional(),
      }),
    )
    .max(500)
    .default([]),
  comment: z.string().max(10_000).optional(),
});
export type Review = z.input<typeof ReviewSchema>;

export const ListAlertsSchema = z.strictObject({
  isAcknowledged: QueryBooleanSchema.optional(),
  rule: z.string().optional(),
  conversationId: z.uuid().optional(),
  /** Alerts with a smaller id than this: the next page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListAlerts = z.input<typeof ListAlertsSchema>;
