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
