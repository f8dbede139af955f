import { MAX_RULE_SOURCE_BYTES, RuleSetIdSchema } from '@serviq/contracts';
import { AppError } from '../service/app-error.ts';

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
