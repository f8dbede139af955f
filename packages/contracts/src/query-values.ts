import { z } from 'zod';

/** A list in a query string: repeated (`?tag=a&tag=b`) or comma-separated (`?tag=a,b`). */
export const CsvSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''));

/** `true` / `false` in a query string. */
export const QueryBooleanSchema = z.enum(['true', 'false']).transform((v) => v === 'true');

/** An ISO time or epoch milliseconds, as an ISO string. */
export const TimeSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = typeof v === 'number' || /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (Number.isNaN(ms)) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(v)} is not an ISO time or epoch milliseconds`,
    });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});
