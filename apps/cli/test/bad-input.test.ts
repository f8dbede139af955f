import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resultsOf, runCli, tempDir } from './run-cli.ts';

const good = (id: string) =>
  JSON.stringify({
    id,
    messages: [
      { at: 1740790800, role: 'customer', text: '在吗' },
      { at: 1740790810, role: 'agent', text: '您好，在的' },
    ],
  });

describe('bad input', () => {
  const dir = tempDir();

  it('reports every rejected record as file:line: field: reason and still analyses the good ones', async () => {
    const lines = [
      good('ok-1'),
      '{"id": "trunc", "messages": [{"at": 1740790800, "role": "cust',
      JSON.stringify({ id: 'types', messages: 'none' }),
      JSON.stringify({ messages: [] }),
      JSON.stringify({ id: 'no-messages' }),
      JSON.stringify({ id: 'role', messages: [{ at: 1740790800, role: 'robot', text: 'x' }] }),
      JSON.stringify({ id: 'time', messages: [{ at: 'next tuesday', role: 'customer', text: 'x' }] }),
      JSON.stringify({
        id: 'impossible',
        messages: [{ at: '2025-02-30T10:00:00+08:00', role: 'customer', text: 'x' }],
      }),
      good('ok-1'),
      '',
      good('ok-2'),
    ];
    const file = join(dir, 'bad.jsonl');
    // BOM and CRLF line ends, as Windows tools write them.
    writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
    const errors = join(dir, 'errors.jsonl');
    const run = await runCli(['analyze', file, '--errors', errors]);
    assert.equal(run.code, 1);
    assert.deepEqual(
      resultsOf(run.stdout).map((r) => r.id),
      ['ok-1', 'ok-2'],
    );
    const err = run.stderr.split('\n').filter(Boolean);
    const expect = [
      new RegExp(`^${file}:2: \\(record\\): truncated JSON`),
      new RegExp(`^${file}:3: messages: expected array, got string$`),
      new RegExp(`^${file}:4: id: required .* is missing$`),
      new RegExp(`^${file}:5: messages: required array is missing$`),
      new RegExp(
        `^${file}:6: messages\\[0\\]\\.role: "robot" is not one of "customer", "agent", "bot", "system"$`,
      ),
      new RegExp(`^${file}:7: messages\\[0\\]\\.at: cannot parse timestamp "next tuesday"$`),
      new RegExp(`^${file}:8: messages\\[0\\]\\.at: impossible date in "2025-02-30T10:00:00\\+08:00"$`),
      new RegExp(
        `^${file}:9: id: duplicate conversation id "ok-1" \\(first at ${file}:1\\); kept the first$`,
      ),
    ];
    assert.equal(err.length, expect.length, run.stderr);
    for (const [i, re] of expect.entries()) assert.match(err[i] ?? '', re);
    const logged = readFileSync(errors, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    assert.equal(logged.length, expect.length);
    assert.deepEqual(Object.keys(logged[1]).sort(), ['field', 'file', 'line', 'reason']);
    assert.equal(logged[1].line, 3);
  });

  it('rejects a 10 MB message with the limit named, and invalid UTF-8 by line', async () => {
    const file = join(dir, 'big.jsonl');
    const huge = JSON.stringify({
      id: 'huge',
      messages: [{ at: 1740790800, role: 'customer', text: '啊'.repeat((10 * 1024 * 1024) / 3) }],
    });
    const invalid = Buffer.concat([
      Buffer.from('{"id":"bin","messages":[{"at":1740790800,"role":"customer","text":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}]}'),
    ]);
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(`${good('a')}\n${huge}\n`), invalid, Buffer.from(`\n${good('b')}\n`)]),
    );
    const run = await runCli(['analyze', file]);
    assert.equal(run.code, 1);
    assert.deepEqual(
      resultsOf(run.stdout).map((r) => r.id),
      ['a', 'b'],
    );
    assert.match(
      run.stderr,
      new RegExp(`${file}:2: messages\\[0\\]\\.text: text of 3495253 characters exceeds the limit of 100000`),
    );
    assert.match(run.stderr, new RegExp(`${file}:3: \\(line\\): invalid UTF-8 bytes`));
  });

  it('exits 0 with a note for an empty file, and 2 for unreadable input or bad usage', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const e = await runCli(['analyze', empty]);
    assert.equal(e.code, 0);
    assert.match(e.stderr, /empty input, no conversations/);

    const missing = await runCli(['analyze', join(dir, 'nope.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.jsonl: cannot read input: no such file/);

    const flag = await runCli(['analyze', empty, '--bogus']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /Unknown option '--bogus'/);

    const fmt = await runCli(['analyze', empty, '--format', 'xml']);
    assert.equal(fmt.code, 2);
    const none = await runCli(['analyze']);
    assert.equal(none.code, 2);
    const tz = await runCli(['analyze', empty, '--timezone', 'Mars/Olympus']);
    assert.equal(tz.code, 2);
    assert.match(tz.stderr, /timeZone: unknown IANA time zone/);
  });

  it('keeps the first of a conversation id repeated in a second file and says where the first was', async () => {
    const a = join(dir, 'day1.jsonl');
    const b = join(dir, 'day2.jsonl');
    writeFileSync(a, `${good('x')}\n${good('y')}\n`);
    writeFileSync(b, `${good('z')}\n${good('y')}\n`);
    const run = await runCli(['analyze', a, b]);
    assert.equal(run.code, 1);
    assert.deepEqual(
      resultsOf(run.stdout).map((r) => r.id),
      ['x', 'y', 'z'],
    );
    assert.equal(run.stderr, `${b}:2: id: duplicate conversation id "y" (first at ${a}:2); kept the first\n`);
  });

  it('says which output could not be written, creating missing output folders', async () => {
    const file = join(dir, 'w.jsonl');
    writeFileSync(file, `${good('w')}\n`);
    const full = await runCli(['analyze', file, '--out', '/dev/full']);
    assert.equal(full.code, 2);
    assert.match(full.stderr, /\/dev\/full: cannot write: ENOSPC/);
    const nested = join(dir, 'new', 'folder', 'out.jsonl');
    const ok = await runCli(['analyze', file, '--out', nested]);
    assert.equal(ok.code, 0);
    assert.equal(resultsOf(readFileSync(nested, 'utf8'))[0]?.id, 'w');
  });

  it('validate checks without analysing', async () => {
    const file = join(dir, 'v.jsonl');
    writeFileSync(file, `${good('x')}\n{"id":\n`);
    const run = await runCli(['validate', file, '--locale', 'en']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /v\.jsonl:2: \(record\): truncated JSON/);
    assert.match(run.stderr, /1 conversations valid, 1 records rejected/);
  });

  it('reports a truncated JSON array at the element that broke and keeps the rest', async () => {
    const file = join(dir, 'arr.json');
    writeFileSync(file, `[\n${good('j1')},\n${good('j2')},\n{"id": "j3", "messages": [`);
    const run = await runCli(['analyze', file]);
    assert.equal(run.code, 1);
    assert.deepEqual(
      resultsOf(run.stdout).map((r) => r.id),
      ['j1', 'j2'],
    );
    assert.match(run.stderr, /arr\.json:4: \(file\): element is cut off/);
  });
});
