// Where issues sit in a rule file's text: no core imports, so the page's main thread can use it
// while the compile itself runs in the rule worker.

/** A problem in the draft, at its place: 1-based line and column, and the character range to underline. */
export type DraftIssue = {
  severity: 'error' | 'warning';
  line: number;
  column: number;
  from: number;
  to: number;
  message: string;
  /** Found by the browser's compile as you type, or answered by the server on save or dry-run. */
  origin: 'browser' | 'server';
};

/** A problem outside the draft (another rule set no longer compiles with it), or without a place. */
export type OtherIssue = { severity: 'error' | 'warning'; file: string; line?: number; message: string };

/** Offset of a 1-based line and column in `text`, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(0, column - 1), lineEnd);
}

const indentOf = (l: string) => l.length - l.trimStart().length;

/**
 * For a YAML syntax error: the lines after the issue's line that are indented deeper than it, which
 * YAML reads as part of its value. A mis-indented line (`   category:` under `    name: x`) is
 * reported at the value above it; the underline then reaches the line that is really wrong.
 */
function continuationEnd(text: string, from: number): number {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = text.indexOf('\n', from);
  if (lineEnd < 0) return text.length;
  const indent = indentOf(text.slice(lineStart, lineEnd));
  let end = lineEnd;
  while (end < text.length) {
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next < 0 ? text.length : next);
    if (line.trim() === '' || indentOf(line) <= indent) break;
    end = next < 0 ? text.length : next;
  }
  return end;
}

/**
 * The range to underline for an issue at a line and column: the key, quoted string or plain scalar
 * that starts there (issues point at a key for unknown keys, at a value for wrong values), or the
 * rest of the line; at least one character, so an issue at the end of a line still shows. A YAML
 * syntax error also takes the deeper-indented lines below it (see continuationEnd).
 */
export function issueRange(
  text: string,
  line: number,
  column: number,
  isSyntax = false,
): { from: number; to: number } {
  const from = offsetOf(text, line, column);
  const newline = text.indexOf('\n', from);
  const rest = text.slice(from, newline < 0 ? text.length : newline);
  let length: number;
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const close = rest.indexOf(quote, 1);
    length = close < 0 ? rest.length : close + 1;
  } else {
    const token = /^[^\s:,#[\]{}]+/.exec(rest)?.[0];
    length = token ? token.length : rest.trimEnd().length;
  }
  if (length === 0) {
    // At the end of a line (or an empty one): mark the character before it, if any.
    return from > 0 && from === text.length ? { from: from - 1, to: from } : { from, to: from + 1 };
  }
  const to = Math.min(text.length, from + length);
  return { from, to: isSyntax ? Math.max(to, continuationEnd(text, from)) : to };
}

export const located = (
  text: string,
  severity: DraftIssue['severity'],
  line: number,
  column: number,
  message: string,
  origin: DraftIssue['origin'],
): DraftIssue => ({
  severity,
  line,
  column,
  ...issueRange(text, line, column, message.startsWith('YAML:')),
  message,
  origin,
});

const ISSUE_TEXT = /^(.+?):(\d+):(\d+): (error|warning): ([\s\S]*)$/;

/**
 * The errors of a 400 from save or dry-run (`details[]` of `{field?, line?, reason}`, each reason
 * `file:line:column: error: …`): those of the draft (field "source", with a line) at their place.
 */
export function serverIssues(
  text: string,
  details: readonly unknown[] | undefined,
): { issues: DraftIssue[]; others: OtherIssue[] } {
  const issues: DraftIssue[] = [];
  const others: OtherIssue[] = [];
  for (const d of details ?? []) {
    const detail = d as { field?: string; line?: number; reason?: string };
    const reason = detail.reason ?? '';
    const m = ISSUE_TEXT.exec(reason);
    const severity = (m?.[4] as DraftIssue['severity'] | undefined) ?? 'error';
    if (detail.field === 'source' && detail.line !== undefined) {
      const column = m ? Number(m[3]) : 1;
      issues.push(located(text, severity, detail.line, column, m?.[5] ?? reason, 'server'));
    } else if (m) {
      others.push({ severity, file: m[1] as string, line: Number(m[2]), message: m[5] as string });
    } else others.push({ severity, file: '', message: reason });
  }
  return { issues, others };
}
