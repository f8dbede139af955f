import { z } from 'zod';

export const ROLES = ['customer', 'agent', 'bot', 'system'] as const;
export const CHANNELS = ['chat', 'voice', 'email', 'social', 'miniprogram', 'sms', 'other'] as const;

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/** ISO-8601 string (with or without offset), epoch seconds or epoch milliseconds. */
export const TimestampInputSchema = z.union([z.string(), z.number()]);

// No transforms here: zod's transforms cost several times the validation itself on millions of
// messages, so ids become strings and nulls become absences in normalizeConversation.
// Above 2^53 JSON.parse has already rounded the digits (Snowflake-style ids): refuse, never guess.
const NumericId = z.number().refine(Number.isSafeInteger, {
  error: (issue) =>
    `numeric id ${String(issue.input)} is beyond 2^53, where JSON numbers lose digits; write ids as strings`,
});
const Id = z.union([z.string().min(1), NumericId]);
const OptionalText = z.string().nullish();

export const ParticipantInputSchema = z.object({
  id: Id,
  name: OptionalText,
  team: OptionalText,
  vip: z.boolean().nullish(),
});

export const MessageInputSchema = z.object({
  id: Id.optional(),
  at: TimestampInputSchema,
  role: RoleSchema,
  authorId: z.union([z.string(), NumericId]).nullish(),
  // null is how exports mark attachment-only messages; it reads as empty text.
  text: z.string().nullish(),
  durationMs: z.number().nonnegative().finite().nullish(),
});

export const EventInputSchema = z.object({
  at: TimestampInputSchema,
  type: z.string().min(1),
  agentId: z.union([z.string(), NumericId]).nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
});

export const RatingInputSchema = z.object({
  csat: z.number().int().min(1).max(5).nullish(),
  comment: OptionalText,
  at: TimestampInputSchema.nullish(),
});

/** The import format of DESIGN §4, before timestamps are resolved. */
export const ConversationInputSchema = z.object({
  id: Id,
  source: z.string().min(1).nullish(),
  channel: ChannelSchema.nullish(),
  language: z.string().min(2).max(16).nullish(),
  startedAt: TimestampInputSchema.nullish(),
  endedAt: TimestampInputSchema.nullish(),
  queue: OptionalText,
  tags: z.array(z.string()).nullish(),
  industry: OptionalText,
  customer: ParticipantInputSchema.nullish(),
  agents: z.array(ParticipantInputSchema).nullish(),
  messages: z.array(MessageInputSchema),
  rating: RatingInputSchema.nullish(),
  resolved: z.boolean().nullish(),
  events: z.array(EventInputSchema).nullish(),
  ticket: z.looseObject({ category: OptionalText, priority: OptionalText }).nullish(),
  meta: z.record(z.string(), z.unknown()).nullish(),
});
export type ConversationInput = z.input<typeof ConversationInputSchema>;
export type ParsedConversationInput = z.output<typeof ConversationInputSchema>;
export type ParticipantInput = z.output<typeof ParticipantInputSchema>;

export type Participant = { id: string; name?: string; team?: string; vip?: boolean };

/** A message after import: `at` is epoch milliseconds. */
export type Message = {
  id: string;
  at: number;
  role: Role;
  authorId?: string;
  text: string;
  durationMs?: number;
};

export type ConversationEvent = {
  at: number;
  type: string;
  agentId?: string;
  data?: Record<string, unknown>;
};

/** The canonical conversation every analysis step reads; messages are sorted by time (stable). */
export type Conversation = {
  id: string;
  source: string;
  channel: Channel;
  language?: string;
  startedAt: number;
  endedAt: number;
  queue?: string;
  tags: string[];
  industry?: string;
  customer?: Participant;
  agents: Participant[];
  messages: Message[];
  rating?: { csat?: number; comment?: string; at?: number };
  resolved?: boolean;
  events: ConversationEvent[];
  ticket?: { category?: string; priority?: string; [key: string]: unknown };
  meta?: Record<string, unknown>;
};
