/** Reading loosely typed JSON of helpdesk exports, shared by the importers. */
export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An id as exports write it: a number or a non-empty string, as a trimmed string. */
export function idOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}

export function textOf(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** `prefix.key`, or `prefix[3]` for an index key. */
export function fieldAt(prefix: string, key: string): string {
  if (!prefix) return key;
  return key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`;
}

/** A value as a reason shows it: scalars as written, containers by kind. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' && v !== null ? 'an object' : JSON.stringify(v);
}
