import { z } from 'zod';

export const ListAuditSchema = z.strictObject({
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  /** `user:<id>`, `token:<id>` or `system`. */
  actor: z.string().max(100).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListAudit = z.input<typeof ListAuditSchema>;
