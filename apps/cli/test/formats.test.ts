import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { resultsOf, runCli, tempDir } from './run-cli.ts';

const fixture = (path: string) =>
  new URL(`../../../packages/core/test/fixtures/${path}`, import.meta.url).pathname;

type Result = {
  id: string;
  source: string;
  channel: string;
  metrics: { firstResponseSec: number | null; messages: Record<string, number>; transfers: number };
  emoji: { agent: { items: Record<string, number> } };
  hits: { rule: string }[];
};

describe('serviq analyze on helpdesk exports', () => {
  const dir = tempDir();

  it('reads a CSV export with quoted line breaks, a Windows BOM and Chinese headers', async () => {
    const file = join(dir, 'export.csv');
    const csv = [
      '会话ID,时间,角色,发送人,内容,渠道',
      'c-1,2025-03-01 09:00:00,客户,u-1,"我的订单还没到,怎么办？",chat',
      'c-1,2025-03-01 09:00:45,客服,a-7,"您好[微笑]，',
      '马上为您查询",chat',
      'c-2,2025-03-01 10:00:00,客户,u-2,在吗,miniprogram',
      'c-1,2025-03-01 09:02:00,客户,u-1,好的谢谢👍,chat',
      'c-2,2025-03-01 10:05:00,客服,a-8,不归我管😂,miniprogram',
    ].join('\r\n');
    writeFileSync(file, `\uFEFF${csv}\r\n`);
    const run = await runCli(['analyze', file, '--timezone', 'Asia/Shanghai']);
    assert.equal(run.code, 0, run.stderr);
    const [c1, c2] = resultsOf(run.stdout) as Result[];
    assert.equal(c1?.id, 'c-1');
    assert.equal(c1?.metrics.firstResponseSec, 45);
    assert.deepEqual(c1?.metrics.messages, { customer: 2, agent: 1, bot: 0, system: 0 });
    assert.deepEqual(c1?.emoji.agent.items, { '[微笑]': 1 });
    assert.equal(c2?.channel, 'miniprogram');
    assert.ok(c2?.hits.some((h) => h.rule === 'forbidden-words'));
  });

  it('reports CSV problems found after grouping at the row and column they came from', async () => {
    const file = join(dir, 'dup.csv');
    writeFileSync(
      file,
      'conversation_id,message_id,at,role,text\nc1,m1,2025-03-01T09:00:00Z,customer,hi\nc1,m2,2025-03-01T09:00:10Z,agent,hello\nc1,m2,2025-03-01T09:00:11Z,agent,again\nc2,m1,2025-03-01T09:00:00Z,customer,ok\n',
    );
    const run = await runCli(['analyze', file]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `${file}:4: message_id: duplicate message id "m2"\n`);
    assert.deepEqual(
      resultsOf(run.stdout).map((r) => r.id),
      ['c2'],
    );
  });

  it('reads captured Chatwoot webhooks into conversations keyed by account', async () => {
    const run = await runCli(['analyze', fixture('chatwoot/webhooks.jsonl')]);
    assert.equal(run.code, 0, run.stderr);
    const results = resultsOf(run.stdout) as Result[];
    assert.deepEqual(
      results.map((r) => [r.id, r.source]),
      [
        ['1:7', 'chatwoot'],
        ['2:7', 'chatwoot'],
      ],
    );
    assert.ok(results.every((r) => r.metrics.firstResponseSec !== null));
  });

  it('reads Zendesk NDJSON, rejecting only the ticket with a bad comment', async () => {
    const run = await runCli(['analyze', fixture('zendesk/tickets.ndjson')]);
    assert.equal(run.code, 1);
    assert.deepEqual(
      (resultsOf(run.stdout) as Result[]).map((r) => r.id),
      ['35500', '35502'],
    );
    assert.match(
      run.stderr,
      /tickets\.ndjson:2: comments\[1\]\.created_at: required timestamp is missing; ticket 35501 is not imported/,
    );
  });
});

// The CSV below encoded in GB18030, as a Chinese Excel or helpdesk export writes it.
const GBK_CSV =
  'Y29udmVyc2F0aW9uX2lkLGF0LHJvbGUsdGV4dApjMSwxNzQwNzkwODAwLGN1c3RvbWVyLM7StcS/7LXd1PXDtLu5w7u1vQpjMSwxNzQwNzkwODA1LGFnZW50LMT6usPH68nUtcgKYzEsMTc0MDc5MDkwMCxjdXN0b21lciy6w7XE0LvQu8TjCg==';

describe('serviq analyze on encodings, compression and stdin', () => {
  const dir = tempDir();
  const csv =
    'conversation_id,at,role,text\nc1,1740790800,customer,我的快递怎么还没到\nc1,1740790805,agent,您好请稍等\nc1,1740790900,customer,好的谢谢你\n';

  it('decompresses .gz and transcodes UTF-16 with a byte-order mark', async () => {
    const gz = join(dir, 'export.csv.gz');
    writeFileSync(gz, gzipSync(csv));
    const utf16 = join(dir, 'excel-unicode.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
    for (const file of [gz, utf16]) {
      const run = await runCli(['analyze', file]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal((resultsOf(run.stdout)[0] as Result).metrics.firstResponseSec, 5);
    }
  });

  it('refuses a GBK export with a hint, and reads it with --encoding gb18030', async () => {
    const gbk = join(dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.from(GBK_CSV, 'base64'));
    const refused = await runCli(['analyze', gbk]);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /gbk\.csv: cannot read input: not UTF-8: it looks like GBK\/GB18030; run again with --encoding gb18030/,
    );
    const read = await runCli(['analyze', gbk, '--encoding', 'gb18030']);
    assert.equal(read.code, 0, read.stderr);
    assert.equal((resultsOf(read.stdout)[0] as Result).id, 'c1');
  });

  it('tells a pretty-printed JSON document, JSONL and CSV apart on stdin', async () => {
    const pretty = JSON.stringify(
      [{ id: 'p1', messages: [{ at: 1740790800, role: 'customer', text: 'hi' }] }],
      null,
      2,
    );
    const zendesk = readFileSync(fixture('zendesk/ticket-with-comments.json'), 'utf8');
    for (const [stdin, id] of [
      [pretty, 'p1'],
      [csv, 'c1'],
      [zendesk, '35436'],
    ]) {
      const run = await runCli(['analyze', '-'], { stdin });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(resultsOf(run.stdout)[0]?.id, id);
    }
  });
});
