import type { z } from 'zod';
import { AppError } from './app-error.ts';

/** Parses a use-case's input, or throws AppError 'invalid' naming the first wrong field (and all of them). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => {
    // An unknown key's issue sits on the object; the key itself is the field to name.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    return { field: path.map(String).join('.') || undefined, reason: issue.message };
  });
  const first = details[0];
  const message = first?.field ? `${first.field}: ${first.reason}` : (first?.reason ?? 'invalid input');
  throw new AppError('invalid', message, { field: first?.field, details });
}

/** The id of a row in a table keyed by a bigint identity. */
export function parseId(id: unknown, field = 'id'): number {
  if (typeof id === 'string' && /^[1-9]\d{0,14}$/.test(id)) return Number(id);
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
  throw new AppError('invalid', `${field}: expected a positive integer`, { field });
}
