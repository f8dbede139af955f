import { z } from 'zod';

export const ListOngoingConversationsSchema = z.strictObject({
  /** The most recently started open conversations, up to this many. */
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ListOngoingConversations = z.input<typeof ListOngoingConversationsSchema>;
