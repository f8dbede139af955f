import type { ImportIssue } from './import-issue.ts';

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The delimiter of a CSV file from its header line: Excel in many locales writes `;`, and
 * "CSV" exported as text is often tab-separated. Comma unless another one clearly wins.
 */
export function detectCsvDelimiter(headerLine: string): CsvDelimiter {
  const count = (d: string) => headerLine.split(d).length - 1;
  const comma = count(',');
  const semicolon = count(';');
  const tab = count('\t');
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

/** One parsed CSV record; `line` is the 1-based line where it starts. */
export type CsvRow = { line: number; fields: string[] };

export type CsvParser = {
  /** Parses the next piece of text and returns the rows it completed. */
  push(chunk: string): CsvRow[];
  /** Flushes the last row; a quoted field still open at the end is reported, not returned. */
  end(): { rows: CsvRow[]; issues: ImportIssue[] };
};

const QUOTE = 34;
const LF = 10;
const CR = 13;

// Where the parser stands between two characters.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3;

/**
 * Streaming RFC 4180 parser: quoted fields may hold commas, doubled quotes and line breaks;
 * rows end at LF or CRLF; empty lines are skipped. It is lenient where the RFC is strict:
 * a quote inside an unquoted field and text after a closing quote are kept as written.
 * A lone CR is text (only LF counts as a line break), so line numbers match editors.
 */
export function createCsvParser(firstLine = 1, delimiter: CsvDelimiter = ','): CsvParser {
  const COMMA = delimiter.charCodeAt(0);
  let state = FIELD_START;
  let fields: string[] = [];
  let field = '';
  let line = firstLine;
  let rowLine = firstLine;
  let quoteLine = firstLine;
  let isFirstChunk = firstLine === 1;

  const finishRow = (out: CsvRow[]) => {
    // A line with nothing on it parses as one empty field; it is not a row.
    if (fields.length > 1 || fields[0] !== '') out.push({ line: rowLine, fields });
    fields = [];
  };

  const push = (chunk: string): CsvRow[] => {
    const out: CsvRow[] = [];
    let i = 0;
    if (isFirstChunk && chunk.length > 0) {
      isFirstChunk = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = chunk.length;
    while (i < n) {
      if (state === QUOTED) {
        const q = chunk.indexOf('"', i);
        const stop = q === -1 ? n : q;
        for (let nl = chunk.indexOf('\n', i); nl !== -1 && nl < stop; nl = chunk.indexOf('\n', nl + 1))
          line++;
        field += chunk.slice(i, stop);
        if (q === -1) break;
        state = AFTER_QUOTE;
        i = q + 1;
        continue;
      }
      if (state === AFTER_QUOTE) {
        const c = chunk.charCodeAt(i);
        i++;
        if (c === QUOTE) {
          field += '"';
          state = QUOTED;
        } else if (c === COMMA) {
          fields.push(field);
          field = '';
          state = FIELD_START;
        } else if (c === LF) {
          fields.push(field);
          field = '';
          state = FIELD_START;
          finishRow(out);
          rowLine = ++line;
        } else if (c !== CR) {
          field += chunk[i - 1];
          state = UNQUOTED;
        }
        continue;
      }
      if (state === FIELD_START) {
        if (chunk.charCodeAt(i) === QUOTE) {
          state = QUOTED;
          quoteLine = line;
          i++;
          continue;
        }
        state = UNQUOTED;
      }
      // Unquoted text: the hot path, scanned without building strings per character.
      let j = i;
      let c = 0;
      while (j < n) {
        c = chunk.charCodeAt(j);
        if (c === COMMA || c === LF) break;
        j++;
      }
      field = field === '' ? chunk.slice(i, j) : field + chunk.slice(i, j);
      if (j === n) break;
      i = j + 1;
      if (c === COMMA) {
        fields.push(field);
        field = '';
        state = FIELD_START;
      } else {
        fields.push(field.charCodeAt(field.length - 1) === CR ? field.slice(0, -1) : field);
        field = '';
        state = FIELD_START;
        finishRow(out);
        rowLine = ++line;
      }
    }
    return out;
  };

  const end = (): { rows: CsvRow[]; issues: ImportIssue[] } => {
    const rows: CsvRow[] = [];
    const issues: ImportIssue[] = [];
    if (state === QUOTED) {
      issues.push({
        line: rowLine,
        field: '(row)',
        reason: `the quoted field opened on line ${quoteLine} is never closed; that row is dropped and reading resumes on the next line`,
      });
      // A stray quote must not swallow the rest of the file: read again from the line after it.
      const nl = field.indexOf('\n');
      if (nl >= 0) {
        const again = createCsvParser(quoteLine + 1, delimiter);
        rows.push(...again.push(field.slice(nl + 1)));
        const tail = again.end();
        rows.push(...tail.rows);
        issues.push(...tail.issues);
      }
    } else if (state !== FIELD_START || fields.length > 0) {
      fields.push(field.charCodeAt(field.length - 1) === CR ? field.slice(0, -1) : field);
      finishRow(rows);
    }
    state = FIELD_START;
    fields = [];
    field = '';
    return { rows, issues };
  };

  return { push, end };
}
