// Plain scalars YAML would read as something else (numbers, booleans, null, bracket emoticons, …).
const NEEDS_QUOTES =
  /^$|^[\s\-?:,[\]{}#&*!|>'"%@`]|[:#,[\]{}]|\s$|^(?:true|false|yes|no|null|~|[-+]?[\d.]+)$/i;

/** A condition as one line of YAML flow style, the way docs/rules.md writes them: `{ role: agent, keywords: { any: [您好] } }`. */
export function flowYaml(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return NEEDS_QUOTES.test(value) ? `'${value.replaceAll("'", "''")}'` : value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${flowYaml(k)}: ${flowYaml(v)}`).join(', ')} }`;
}
