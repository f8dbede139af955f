import type { ImportIssue } from '@serviq/core';

/** One JSON record of an input line (or array element); a parse failure says where and why. */
export function parseJsonRecord(text: string, line: number): { value: unknown } | { issue: ImportIssue } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isTruncated = /end of (JSON|data)/i.test(message) || /Unterminated string/i.test(message);
    const reason = isTruncated
      ? `truncated JSON (${text.length} characters): ${message}`
      : `invalid JSON: ${message}`;
    return { issue: { line, field: '(record)', reason } };
  }
}

/** A line that must hold one conversation object: its parsed value, or where and why it does not. */
export function parseConversationJson(
  text: string,
  line: number,
): { value: object } | { issue: ImportIssue } {
  const parsed = parseJsonRecord(text, line);
  return 'issue' in parsed ? parsed : asConversationObject(parsed.value, line);
}

/** A record that must be a conversation object (not null, an array or a scalar). */
export function asConversationObject(raw: unknown, line: number): { value: object } | { issue: ImportIssue } {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return { value: raw };
  const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
  return { issue: { line, field: '(record)', reason: `expected a conversation object, got ${got}` } };
}
