import { z } from 'zod';
import type { CompileScope, RulePath } from './condition-types.ts';

/** `{ gt: 60 }`, `{ between: [1, 3] }`: every given bound must hold. */
export const ComparisonSchema = z
  .strictObject({
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    eq: z.number().optional(),
    ne: z.number().optional(),
    between: z.tuple([z.number(), z.number()]).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'a comparison needs one of gt, gte, lt, lte, eq, ne, between');
export type Comparison = z.infer<typeof ComparisonSchema>;

export const COMPARISON_KEYS = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne', 'between'] as const;

export function compare(value: number, c: Comparison): boolean {
  if (c.gt !== undefined && !(value > c.gt)) return false;
  if (c.gte !== undefined && !(value >= c.gte)) return false;
  if (c.lt !== undefined && !(value < c.lt)) return false;
  if (c.lte !== undefined && !(value <= c.lte)) return false;
  if (c.eq !== undefined && value !== c.eq) return false;
  if (c.ne !== undefined && value === c.ne) return false;
  if (c.between !== undefined && !(value >= c.between[0] && value <= c.between[1])) return false;
  return true;
}

const NON_NEGATIVE_SAMPLES = [0, 0.5, 1, 2, 3, 5, 10, 30, 60, 100, 1000, 1e6];

/**
 * Whether a comparison of a non-negative measure (a count, seconds) holds for every value, for
 * none, or depends on it; sampled, which is enough to warn about `count: { gte: 0 }` or `lt: 0`.
 */
export function comparisonOverNonNegative(c: Comparison): 'always' | 'never' | 'depends' {
  let holds = 0;
  for (const v of NON_NEGATIVE_SAMPLES) if (compare(v, c)) holds++;
  if (holds === 0) return 'never';
  return holds === NON_NEGATIVE_SAMPLES.length ? 'always' : 'depends';
}

/** Warns about a count or duration comparison that holds whatever is measured, or never does. */
export function warnIfConstant(
  scope: Pick<CompileScope, 'warn'>,
  label: string,
  c: Comparison,
  path?: RulePath,
): void {
  const verdict = comparisonOverNonNegative(c);
  if (verdict !== 'depends')
    scope.warn(`${label} ${verdict === 'always' ? 'always holds' : 'can never hold'}`, path);
}
