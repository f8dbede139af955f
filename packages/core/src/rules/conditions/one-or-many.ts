import { z } from 'zod';

/** `agent` or `[agent, bot]`: a single value or a non-empty list, read as a list. */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z
    .union([item, z.array(item).min(1)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);
}
