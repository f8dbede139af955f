import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CsvRow,
  createCsvImporter,
  createCsvParser,
  detectCsvDelimiter,
  normalizeConversation,
} from '../src/import/index.ts';
import type { Conversation } from '../src/model/conversation.ts';

/** Parses `text` fed in pieces of `size` characters, as a stream would deliver it. */
function parse(text: string, size = text.length || 1) {
  const parser = createCsvParser();
  const rows: CsvRow[] = [];
  for (let i = 0; i < text.length; i += size) rows.push(...parser.push(text.slice(i, i + size)));
  const end = parser.end();
  return { rows: [...rows, ...end.rows], issues: end.issues };
}

function importCsv(text: string, options = {}) {
  const { rows, issues } = parse(text);
  const importer = createCsvImporter(options);
  importer.push(rows);
  const done = importer.finish();
  return { ...done, parseIssues: issues };
}

function normalized(record: unknown, line: number): Conversation {
  const r = normalizeConversation(record, {}, line);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  return r.value;
}

describe('createCsvParser', () => {
  const text = 'a,"b, with comma","say ""hi"""\r\n\r\n"multi\nline\r\nfield",x,\n\nlast,row,"q"';
  const expected: CsvRow[] = [
    { line: 1, fields: ['a', 'b, with comma', 'say "hi"'] },
    { line: 3, fields: ['multi\nline\r\nfield', 'x', ''] },
    { line: 7, fields: ['last', 'row', 'q'] },
  ];

  it('reads quoted commas, doubled quotes, newlines in quotes, CRLF and skips empty lines', () => {
    assert.deepEqual(parse(text), { rows: expected, issues: [] });
  });

  it('gives the same rows and line numbers whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7, 11])
      assert.deepEqual(parse(text, size).rows, expected, `chunk size ${size}`);
  });

  it('treats a trailing newline and its absence alike', () => {
    assert.deepEqual(parse('a,b\n').rows, [{ line: 1, fields: ['a', 'b'] }]);
    assert.deepEqual(parse('a,b').rows, [{ line: 1, fields: ['a', 'b'] }]);
    assert.deepEqual(parse('a,b\r\n').rows, [{ line: 1, fields: ['a', 'b'] }]);
    assert.deepEqual(parse('a,\n').rows, [{ line: 1, fields: ['a', ''] }]);
  });

  it('drops a byte-order mark at the start', () => {
    assert.deepEqual(parse('\uFEFFid,at\n1,2\n').rows[0], { line: 1, fields: ['id', 'at'] });
  });

  it('reports a quote that is never closed at the line of its row and reads on from the next line', () => {
    const r = parse('a,b\nc,"open\nmore,row\nlast,one\n');
    assert.deepEqual(r.rows, [
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['more', 'row'] },
      { line: 4, fields: ['last', 'one'] },
    ]);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]?.line, 2);
    assert.equal(r.issues[0]?.field, '(row)');
    assert.match(r.issues[0]?.reason ?? '', /opened on line 2 is never closed/);
  });
});

describe('detectCsvDelimiter', () => {
  it('picks the delimiter the header uses', () => {
    assert.equal(detectCsvDelimiter('conversation_id,at,role,text'), ',');
    assert.equal(detectCsvDelimiter('conversation_id;at;role;text'), ';');
    assert.equal(detectCsvDelimiter('conversation_id\tat\trole\ttext'), '\t');
    assert.equal(detectCsvDelimiter('text'), ',');
  });

  it('parses with it, quotes included', () => {
    const p = createCsvParser(1, ';');
    assert.deepEqual(p.push('a;"b;c"\n'), [{ line: 1, fields: ['a', 'b;c'] }]);
  });
});

describe('createCsvImporter', () => {
  const header = 'Conversation_ID , AT,role,author_id,text,channel,csat,tags,agent_name,team,customer_id\n';

  it('groups rows by conversation in order of first appearance, even when interleaved', () => {
    const csv = `${header}c-1,2025-03-01T09:00:00+08:00,customer,u-9,"我的订单还没到,怎么办？",chat,,"complaint|late",,,u-9
c-2,2025-03-01T10:00:00Z,customer,u-3,hello,email,,,,,
c-1,2025-03-01T09:00:30+08:00,agent,a-7,"您好，
马上为您查询",chat,4,"late;refund",Li Wei,t-1,
c-2,2025-03-01T10:01:00Z,agent,a-8,hi there,,5,,Ann,,
`;
    const { records, issues } = importCsv(csv);
    assert.deepEqual(issues, []);
    assert.deepEqual(
      records.map((r) => [r.line, r.record.id]),
      [
        [2, 'c-1'],
        [3, 'c-2'],
      ],
    );
    const c1 = normalized(records[0]?.record, 2);
    assert.equal(c1.channel, 'chat');
    assert.deepEqual(
      c1.messages.map((m) => [m.role, m.at, m.authorId, m.text]),
      [
        ['customer', Date.UTC(2025, 2, 1, 1, 0, 0), 'u-9', '我的订单还没到,怎么办？'],
        ['agent', Date.UTC(2025, 2, 1, 1, 0, 30), 'a-7', '您好，\n马上为您查询'],
      ],
    );
    assert.deepEqual(c1.rating, { csat: 4 });
    assert.deepEqual(c1.tags, ['complaint', 'late', 'refund']);
    assert.deepEqual(c1.customer, { id: 'u-9' });
    assert.deepEqual(c1.agents, [{ id: 'a-7', name: 'Li Wei', team: 't-1' }]);
    const c2 = normalized(records[1]?.record, 3);
    assert.equal(c2.channel, 'email');
    assert.deepEqual(c2.customer, { id: 'u-3' });
    assert.equal(c2.rating?.csat, 5);
  });

  it('rejects the whole conversation of a bad row, reporting every bad row at its line after quoted newlines', () => {
    const csv = `${header}c-1,2025-03-01T09:00:00Z,customer,u-1,"line one
line two",chat,,,,,
c-2,2025-03-01T09:00:00Z,customer,u-2,hi,,,,,,
c-1,2025-03-01T09:01:00Z,agent,a-1,ok,,excellent,,,,
c-3,2025-03-01T09:02:00Z,,u-3,hello,,,,,,
c-2,2025-03-01T09:03:00Z,agent,a-2,"thanks, bye",,,,,,
c-4,2025-03-01T09:04:00Z,martian,u-4,hi,,,,,,
c-5,2025-03-01T09:05:00Z,customer,u-5,short row
,2025-03-01T09:06:00Z,customer,u-6,no id,,,,,,
c-6,yesterday,customer,u-7,hi,,,,,,
c-7,2025-03-01T09:07:00Z,customer,u-8,hi,fax,,,,,
c-1,2025-03-01T09:08:00Z,agent,a-1,again,,0,,,,
`;
    const { records, issues } = importCsv(csv);
    assert.deepEqual(
      records.map((r) => [r.line, r.record.id]),
      [[4, 'c-2']],
    );
    assert.deepEqual(
      issues.map((i) => [i.line, i.field]),
      [
        [5, 'csat'],
        [6, 'role'],
        [8, 'role'],
        [9, '(row)'],
        [10, 'conversation_id'],
        [11, 'at'],
        [12, 'channel'],
        [13, 'csat'],
      ],
    );
    assert.equal(
      issues[0]?.reason,
      '"excellent" is not a CSAT score (a whole number 1–5); conversation "c-1" is not imported',
    );
    assert.equal(issues[1]?.reason, 'role is empty; conversation "c-3" is not imported');
    assert.match(issues[3]?.reason ?? '', /expected 11 columns as in the header, found 5/);
    const c2 = normalized(records[0]?.record, 4);
    assert.deepEqual(
      c2.messages.map((m) => m.text),
      ['hi', 'thanks, bye'],
    );
  });

  it('reports a missing required column once, on the header line, and imports nothing', () => {
    const { records, issues } = importCsv(
      'conversation_id,at,role,author_id\nc-1,2025-03-01T09:00:00Z,customer,u-1\n',
    );
    assert.deepEqual(records, []);
    assert.deepEqual(issues, [
      { line: 1, field: 'header', reason: 'missing required column "text"; nothing was imported' },
    ]);
  });

  it('understands the header and role words real exports use, in Chinese and English', () => {
    const { records, issues } = importCsv(
      '会话ID,时间,角色,内容\nc-1,2025-03-01T09:00:00Z,客户,在吗\nc-1,2025-03-01T09:00:30Z,客服,您好\nc-1,2025-03-01T09:00:40Z,机器人,转人工\n' +
        'c-2,2025-03-01T10:00:00Z,User,hi\n',
    );
    assert.deepEqual(issues, []);
    assert.deepEqual(
      normalized(records[0]?.record, 2).messages.map((m) => m.role),
      ['customer', 'agent', 'bot'],
    );
    assert.equal(normalized(records[1]?.record, 5).messages[0]?.role, 'customer');
  });

  it('reads optional columns and applies the time zone to times without an offset', () => {
    const csv =
      'conversation_id,at,role,author_id,text,message_id,duration_ms,resolved,language,queue,industry,extra\n' +
      'v-1,2025-03-01 09:00:00,customer,u-1,喂你好,m-a,4200,yes,zh,billing,ecommerce,ignored\n' +
      'v-1,2025-03-01 09:00:05,agent,a-1,您好,m-b,3000,,,,,\n';
    const { records, issues } = importCsv(csv, { timeZone: 'Asia/Shanghai' });
    assert.deepEqual(issues, []);
    const c = normalized(records[0]?.record, 2);
    assert.deepEqual(
      c.messages.map((m) => [m.id, m.at, m.durationMs]),
      [
        ['m-a', Date.UTC(2025, 2, 1, 1, 0, 0), 4200],
        ['m-b', Date.UTC(2025, 2, 1, 1, 0, 5), 3000],
      ],
    );
    assert.equal(c.resolved, true);
    assert.equal(c.language, 'zh');
    assert.equal(c.queue, 'billing');
    assert.equal(c.industry, 'ecommerce');
  });

  it('reports a file without a header row', () => {
    assert.deepEqual(importCsv('').issues, [
      { line: 1, field: 'header', reason: 'the file has no header row' },
    ]);
  });
});
