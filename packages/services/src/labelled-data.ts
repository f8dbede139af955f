import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createCsvParser, detectCsvDelimiter } from '@serviq/core';

export type LabelledText = { text: string; label: string };

export type LabelledFile = { rows: LabelledText[]; issues: string[] };

export type LabelledColumns = { textCol: string; labelCol: string };

function fromRecord(
  record: unknown,
  where: string,
  cols: LabelledColumns,
  issues: string[],
): LabelledText | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    issues.push(`${where}: expected an object with "${cols.textCol}" and "${cols.labelCol}"`);
    return undefined;
  }
  const r = record as Record<string, unknown>;
  const text = r[cols.textCol];
  const label = r[cols.labelCol];
  if (typeof text !== 'string' || text.trim() === '') {
    issues.push(`${where}: ${cols.textCol}: missing or empty text`);
    return undefined;
  }
  if (typeof label !== 'string' && typeof label !== 'number') {
    issues.push(`${where}: ${cols.labelCol}: missing label`);
    return undefined;
  }
  return { text, label: String(label) };
}

/**
 * Labelled texts from CSV (a header row names the columns), JSONL or a JSON array, for training
 * and evaluating classifiers. Bad rows are reported as `file:line: field: reason` and skipped.
 */
export function readLabelledFile(file: string, cols: LabelledColumns): LabelledFile {
  const content = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const issues: string[] = [];
  const rows: LabelledText[] = [];
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') {
    const header = content.slice(0, content.indexOf('\n') >= 0 ? content.indexOf('\n') : content.length);
    const parser = createCsvParser(1, ext === '.tsv' ? '\t' : detectCsvDelimiter(header));
    const parsed = [...parser.push(content)];
    const end = parser.end();
    parsed.push(...end.rows);
    for (const i of end.issues) issues.push(`${file}:${i.line ?? '?'}: ${i.field}: ${i.reason}`);
    const [head, ...body] = parsed;
    if (!head) return { rows, issues: [...issues, `${file}: empty file`] };
    const names = head.fields.map((f) => f.trim());
    for (const col of [cols.textCol, cols.labelCol]) {
      if (!names.includes(col)) issues.push(`${file}:1: no column "${col}" (columns: ${names.join(', ')})`);
    }
    if (issues.length > 0 && !names.includes(cols.textCol)) return { rows, issues };
    for (const row of body) {
      const record = Object.fromEntries(names.map((n, i) => [n, row.fields[i]]));
      const r = fromRecord(record, `${file}:${row.line}`, cols, issues);
      if (r) rows.push(r);
    }
    return { rows, issues };
  }
  const trimmed = content.trimStart();
  if (trimmed.startsWith('[')) {
    let values: unknown[];
    try {
      values = JSON.parse(trimmed) as unknown[];
    } catch (error) {
      return { rows, issues: [`${file}: invalid JSON: ${(error as Error).message}`] };
    }
    values.forEach((v, i) => {
      const r = fromRecord(v, `${file}: [${i}]`, cols, issues);
      if (r) rows.push(r);
    });
    return { rows, issues };
  }
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      issues.push(`${file}:${i + 1}: invalid JSON: ${(error as Error).message}`);
      return;
    }
    const r = fromRecord(value, `${file}:${i + 1}`, cols, issues);
    if (r) rows.push(r);
  });
  return { rows, issues };
}
