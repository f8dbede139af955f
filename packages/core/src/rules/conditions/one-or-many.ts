import { z } from 'zod';
import { closestKey } from '../suggest.ts';

/** `agent` or `[agent, bot]`: a single value or a non-empty list, read as a list. */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(item).min(1)) as unknown as z.ZodType<
    z.output<T>[],
    z.input<T> | z.input<T>[]
  >;
}

/** One of fixed words, with an error that lists them and guesses the one meant ("agnet" → agent). */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => {
      const input = issue.input;
      if (typeof input !== 'string')
        return `expected one of ${values.join(', ')}, got ${JSON.stringify(input)}`;
      const hint = closestKey(input, values);
      return `"${input}" is not one of ${values.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    },
  });
}
