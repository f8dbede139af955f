import type { z } from 'zod';

/** Why one input record was rejected; `line` is 1-based in the input file. */
export type ImportIssue = { line?: number; record?: string; field: string; reason: string };

export type ImportResult<T> = { ok: true; value: T } | { ok: false; issues: ImportIssue[] };

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(record)';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v == null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Plain-language reasons for zod issues, each naming its field. */
export function issuesFromZod(error: z.ZodError, input: unknown, line?: number): ImportIssue[] {
  return error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    const value = valueAt(input, issue.path);
    let reason = issue.message;
    if (issue.code === 'invalid_type') {
      reason =
        value === undefined
          ? `required ${issue.expected} is missing`
          : `expected ${issue.expected}, got ${describe(value)}`;
    } else if (issue.code === 'invalid_value') {
      reason = `${JSON.stringify(value)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (issue.code === 'invalid_union') {
      // Name what the branches wanted: "expected string or number, got null".
      const wanted = [
        ...new Set(
          issue.errors.flatMap((branch) =>
            branch.flatMap((e) => (e.code === 'invalid_type' ? [e.expected] : [])),
          ),
        ),
      ].join(' or ');
      if (value === undefined) reason = `required ${wanted || 'value'} is missing`;
      else reason = `${wanted ? `expected ${wanted}` : 'unexpected value'}, got ${describe(value)}`;
    }
    return line === undefined ? { field, reason } : { line, field, reason };
  });
}
