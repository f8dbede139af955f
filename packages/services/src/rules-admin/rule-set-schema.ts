import { z } from 'zod';
import { AppError } from '../service/app-error.ts';

/** A rule set's id: a slug that names it in URLs, audit rows and file names. */
export const RuleSetIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-_]{0,63}$/,
    'a rule set id is 1 to 64 lower-case letters, digits, "-" or "_", starting with a letter or digit',
  );

/** A plain file name (no folders): issues name it as `file:line:column`. */
export const RuleFileNameSchema = z
  .string()
  .regex(
    /^[\w][\w.-]{0,122}\.(?:ya?ml|json)$/,
    'a file name ending in .yaml, .yml or .json, without folders',
  );

// A rule file is hand-written: 1 MiB is far beyond any real scorecard and keeps compiling cheap.
export const MAX_RULE_SOURCE_BYTES = 1 << 20;

export const RuleVersionSchema = z.number().int().positive();

export function parseRuleSetId(id: unknown): string {
  const parsed = RuleSetIdSchema.safeParse(id);
  if (parsed.success) return parsed.data;
  throw new AppError('invalid', `id: ${parsed.error.issues[0]?.message ?? 'not a rule set id'}`, {
    field: 'id',
  });
}

/** Refuses a rule file larger than MAX_RULE_SOURCE_BYTES before anything parses it. */
export function checkSourceSize(source: unknown): void {
  if (typeof source === 'string' && Buffer.byteLength(source, 'utf8') > MAX_RULE_SOURCE_BYTES)
    throw new AppError('too_large', `source: a rule file may hold at most ${MAX_RULE_SOURCE_BYTES} bytes`, {
      field: 'source',
    });
}
