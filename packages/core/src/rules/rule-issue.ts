import type { z } from 'zod';
import type { RulePath } from './condition-types.ts';
import { closestKey } from './suggest.ts';

/** A problem in a rule file, at a place in it; `line`/`column` are 1-based when the source is known. */
export type RuleIssue = {
  severity: 'error' | 'warning';
  file: string;
  path: RulePath;
  line?: number;
  column?: number;
  message: string;
};

/** `rules.zh.yaml:12:7: error: unknown condition "keyword" (did you mean "keywords"?)` */
export function formatRuleIssue(issue: RuleIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  const at = issue.path.length > 0 ? ` (at ${pathText(issue.path)})` : '';
  return `${where}: ${issue.severity}: ${issue.message}${at}`;
}

export function pathText(path: RulePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** zod's issues as plain reasons at their paths; unknown keys get a "did you mean". */
export function zodIssues(
  error: z.ZodError,
  base: RulePath,
  known: readonly string[] = [],
): { path: RulePath; message: string }[] {
  const out: { path: RulePath; message: string }[] = [];
  for (const issue of error.issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = closestKey(key, known);
        out.push({
          path: [...path, key],
          message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        });
      }
      continue;
    }
    // With reportInput the value is at hand: "expected number, got "eighty"" says more than zod's default.
    if (
      issue.code === 'invalid_type' &&
      issue.message.startsWith('Invalid input') &&
      issue.input !== undefined
    ) {
      out.push({ path, message: `expected ${issue.expected}, got ${JSON.stringify(issue.input)}` });
      continue;
    }
    out.push({ path, message: issue.message });
  }
  return out;
}

/** Keys a zod object schema allows, for "did you mean" on unknown keys (none for other schemas). */
export function knownKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: unknown }).shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}
