import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '@serviq/core';
import { TEST_DRIVERS } from '@serviq/storage/testing';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer, twoTeamsJsonl } from './support/test-server.ts';

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json;
const jsonl = (records: readonly unknown[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (isQuoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') isQuoted = false;
      else field += ch;
    } else if (ch === '"') isQuoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  assert.equal(field, '', 'the file ends with a line break');
  return rows;
}

/** More than one page of the export (1,000 rows), plus a conversation with awkward cell values. */
const demo = [...generateDemo({ conversations: 1030, seed: 11, lang: 'mixed', days: 10 })];
const awkward = {
  id: 'awkward-1',
  source: 'helpdesk',
  channel: 'chat',
  queue: '=cmd|calc',
  tags: ['+risk', 'say "hi", then go'],
  agents: [{ id: 'a-east-1', name: '王小明', team: 't-east' }],
  messages: [
    { id: 'm1', at: '2026-11-03T23:30:00Z', role: 'customer', text: '你好，订单还没到' },
    { id: 'm2', at: '2026-11-03T23:30:30Z', role: 'agent', authorId: 'a-east-1', text: '您好，马上帮您查询' },
  ],
  rating: { csat: 2, comment: '@everyone\nline two' },
};

for (const driver of TEST_DRIVERS) {
  describe(`conversation export and detail on ${driver.name}`, () => {
    let t: TestServer;
    let reader: string;
    const get = (
      path: string,
      who: { session?: TestServer['sessions'][keyof TestServer['sessions']] } = {},
    ) => t.call('GET', path, { session: who.session ?? t.sessions.admin });
    const totalOf = async (query: string, session = t.sessions.admin) =>
      (await json(await t.call('GET', `/api/v1/conversations?withTotal=true&limit=1&${query}`, { session })))
        .total as number;

    before(async () => {
      t = await startTestServer(driver);
      const tokens: Record<string, string> = {};
      for (const scope of ['ingest', 'read']) {
        const res = await t.call('POST', '/api/v1/tokens', {
          session: t.sessions.admin,
          body: { name: scope, scopes: [scope] },
        });
        tokens[scope] = ((await json(res)) as { token: string }).token;
      }
      reader = tokens.read as string;
      for (const body of [twoTeamsJsonl(), jsonl([awkward]), jsonl(demo)]) {
        const res = await t.call('POST', '/api/v1/conversations:batch', {
          token: tokens.ingest,
          body,
          type: 'application/x-ndjson',
        });
        assert.equal(res.status, 200, await res.text());
      }
    });
    after(() => t.close());

    it('exports one CSV row per conversation the list counts, in UTF-8 with a BOM and RFC 4180 quoting', async () => {
      const res = await get('/api/v1/conversations:export?format=csv&timeZone=Asia/Shanghai');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /^attachment; filename="conversations-\d{8}-\d{4}\.csv"$/,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
      const [header, ...body] = rows;
      assert.ok(header);
      assert.equal(body.length, await totalOf(''));
      assert.equal(body.length, demo.length + 3);
      assert.ok(body.every((r) => r.length === header.length));
      const ids = body.map((r) => r[header.indexOf('id')]);
      assert.equal(new Set(ids).size, ids.length, 'no conversation twice across pages');
      const col = (row: string[] | undefined, key: string) => row?.[header.indexOf(key)];
      const started = body.map((r) => col(r, 'started_at') as string);
      assert.deepEqual(started, [...started].sort().reverse(), 'newest first');

      const east = body.find((r) => col(r, 'external_id') === 'east-1');
      // 09:00 UTC is 17:00 in Shanghai.
      assert.equal(col(east, 'started_at'), '2026-11-02 17:00:00');
      assert.equal(col(east, 'time_zone'), 'Asia/Shanghai');
      assert.equal(col(east, 'team_id'), 't-east');
      assert.equal(col(east, 'first_response_sec'), '40');

      const odd = body.find((r) => col(r, 'external_id') === 'awkward-1');
      // Cells a spreadsheet would run as formulas are defused; quotes, commas and line breaks survive.
      assert.equal(col(odd, 'queue'), "'=cmd|calc");
      assert.equal(col(odd, 'tags'), `'+risk; say "hi", then go`);
      assert.equal(col(odd, 'csat_comment'), "'@everyone\nline two");
      assert.equal(col(odd, 'agent_names'), '王小明');
      assert.equal(col(odd, 'started_at'), '2026-11-04 07:30:00');
      assert.equal(col(odd, 'csat'), '2');
      assert.equal(col(odd, 'passed') === 'true' || col(odd, 'passed') === 'false', true);
      const hit = body.find((r) => (col(r, 'rule_ids') ?? '') !== '');
      assert.ok(hit && (col(hit, 'rule_hits') ?? '').length > 0, 'rule hit names are joined');
    });

    it('honours the filters and the caller visibility, as the list does', async () => {
      const rows = async (query: string, session = t.sessions.admin) => {
        const res = await t.call('GET', `/api/v1/conversations:export?${query}`, { session });
        assert.equal(res.status, 200, query);
        return parseCsv((await res.text()).replace(/^\uFEFF/, '')).slice(1);
      };
      for (const query of [
        'channel=chat',
        'emoji=any',
        'minScore=60&maxScore=90',
        'q=east-1',
        'isPassed=false',
      ])
        assert.equal((await rows(query)).length, await totalOf(query), query);
      // The supervisor leads t-east, the agent is a-east-1: the demo's agents are neither.
      const supervisor = await rows('', t.sessions.supervisor);
      assert.deepEqual(supervisor.map((r) => r[2]).sort(), ['awkward-1', 'east-1']);
      assert.equal(supervisor.length, await totalOf('', t.sessions.supervisor));
      const agent = await rows('channel=chat', t.sessions.agent);
      assert.deepEqual(agent.map((r) => r[2]).sort(), ['awkward-1', 'east-1']);
      const token = await t.call('GET', '/api/v1/conversations:export?format=csv&channel=voice', {
        token: reader,
      });
      assert.equal(token.status, 200);
    });

    it('exports XLSX that opens, with times as dates in the requested zone', async () => {
      const res = await get('/api/v1/conversations:export?format=xlsx&timeZone=America/New_York&tag=%2Brisk');
      assert.equal(res.status, 200);
      assert.equal(
        res.headers.get('content-type'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /filename="conversations-\d{8}-\d{4}\.xlsx"/,
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.getWorksheet('conversations');
      assert.ok(sheet);
      assert.equal(sheet.rowCount, 2);
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const cell = (key: string) => sheet.getRow(2).getCell(header.indexOf(key) + 1).value;
      assert.equal(cell('external_id'), 'awkward-1');
      // A cell is text in XLSX, never a formula: no prefix needed.
      assert.equal(cell('queue'), '=cmd|calc');
      // 23:30 UTC on 3 November is 18:30 in New York (EST).
      assert.deepEqual(cell('started_at'), new Date('2026-11-03T18:30:00Z'));
      assert.equal(cell('time_zone'), 'America/New_York');
      assert.equal(cell('messages'), 2);
      assert.equal(cell('csat'), 2);

      const all = await get('/api/v1/conversations:export?format=xlsx');
      const whole = new ExcelJS.Workbook();
      await whole.xlsx.load(await all.arrayBuffer());
      assert.equal((whole.getWorksheet('conversations')?.rowCount ?? 0) - 1, await totalOf(''));
    });

    it('refuses bad input before streaming, and callers without conversations:read', async () => {
      for (const [query, field] of [
        ['format=pdf', 'format'],
        ['timeZone=%2B08:00', 'timeZone'],
        ['minScore=90&maxScore=10', 'minScore'],
        ['sort=score', 'sort'],
      ] as const) {
        const res = await get(`/api/v1/conversations:export?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(((await json(res)).error as Json).field, field, query);
      }
      const none = await t.call('GET', '/api/v1/conversations:export');
      assert.equal(none.status, 401);
    });

    it('survives a client that leaves mid-download', async () => {
      const controller = new AbortController();
      const res = await fetch(`${t.url}/api/v1/conversations:export?format=xlsx`, {
        headers: { cookie: t.sessions.admin.cookie },
        signal: controller.signal,
      });
      await (res.body as ReadableStream<Uint8Array>).getReader().read();
      controller.abort();
      const next = await get('/api/v1/conversations:export?format=csv&q=east-1');
      assert.equal(next.status, 200);
      assert.equal(parseCsv((await next.text()).replace(/^\uFEFF/, '')).length, 2);
    });

    it('answers the filter choices: queues and tags seen, rules of the published scorecards', async () => {
      let choices: Json = {};
      // Queues and tags come from the report rollups, refreshed by a job after the import.
      for (let i = 0; i < 100 && !(choices.tags as string[] | undefined)?.includes('+risk'); i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        choices = await json(await get('/api/v1/conversation-filters', { session: t.sessions.agent }));
      }
      assert.ok((choices.queues as string[]).includes('=cmd|calc'), JSON.stringify(choices.queues));
      assert.ok((choices.tags as string[]).includes('+risk'));
      const rules = choices.rules as { id: string; names: string[]; scorecards: string[] }[];
      const greeting = rules.find((r) => r.id === 'greeting');
      assert.ok(greeting && greeting.names.length >= 1 && greeting.scorecards.includes('zh-chat'));
    });

    it('shows a conversation with every rule of its scorecard judged, N/A with the reason', async () => {
      const list = await json(await get('/api/v1/conversations?q=west-1'));
      const id = (list.items as Json[])[0]?.id as string;
      const detail = await json(await get(`/api/v1/conversations/${id}`));
      const verdicts = detail.verdicts as {
        generation: number | null;
        scorecard: { id: string; passScore: number } | null;
        rules: { rule: string; status: string; points: number; scored: number; reason: string | null }[];
      };
      const analysis = detail.analysis as { scorecard: string; hits: { rule: string; points: number }[] };
      assert.equal(verdicts.scorecard?.id, analysis.scorecard);
      assert.equal(verdicts.generation, detail.ruleGeneration);
      const hits = verdicts.rules.filter((r) => r.status === 'hit');
      assert.deepEqual(hits.map((r) => r.rule).sort(), analysis.hits.map((h) => h.rule).sort());
      assert.ok(hits.every((r) => r.scored === analysis.hits.find((h) => h.rule === r.rule)?.points));
      const na = verdicts.rules.filter((r) => r.status === 'not-applicable');
      assert.ok(na.length > 0 && na.every((r) => typeof r.reason === 'string' && r.reason.length > 0));
      assert.ok(verdicts.rules.some((r) => r.status === 'pass' && r.reason === null));
    });
  });
}
