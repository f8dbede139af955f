import { z } from 'zod';

/** The body of every 4xx and 5xx answer. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z
      .array(z.object({ field: z.string().optional(), line: z.number().optional(), reason: z.string() }))
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
