import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { readLineBatches } from '../src/read-lines.ts';

async function lines(chunks: Buffer[], maxLineBytes?: number) {
  const out = [];
  for await (const batch of readLineBatches(Readable.from(chunks), maxLineBytes)) out.push(...batch);
  return out;
}

describe('readLineBatches', () => {
  it('numbers lines across chunk boundaries, dropping a BOM and CRs', async () => {
    const text = Buffer.from('\uFEFFa\r\nbé\nc');
    // Split inside the BOM, inside "é" and between CR and LF.
    const got = await lines([
      text.subarray(0, 2),
      text.subarray(2, 6),
      text.subarray(6, 8),
      text.subarray(8),
    ]);
    assert.deepEqual(got, [
      { line: 1, text: 'a' },
      { line: 2, text: 'bé' },
      { line: 3, text: 'c' },
    ]);
  });

  it('keeps CRs when asked, for CSV cells that hold CRLF', async () => {
    const got = [];
    for await (const batch of readLineBatches(
      Readable.from([Buffer.from('a,"x\r\ny"\r\n')]),
      undefined,
      true,
    ))
      got.push(...batch);
    assert.deepEqual(got, [
      { line: 1, text: 'a,"x\r' },
      { line: 2, text: 'y"\r' },
    ]);
  });

  it('reports invalid UTF-8 and too-long lines in place, keeping later numbers true', async () => {
    // The long line arrives over several reads, as a real one does; it is never buffered whole.
    const long = [
      Buffer.from('x'.repeat(15)),
      Buffer.from('x'.repeat(15)),
      Buffer.from(`${'x'.repeat(15)}\nlast\n`),
    ];
    const got = await lines([Buffer.from('ok\n'), Buffer.from([0x61, 0xff, 0x0a]), ...long], 20);
    assert.deepEqual(got, [
      { line: 1, text: 'ok' },
      { line: 2, problem: 'invalid-utf8' },
      { line: 3, problem: 'too-long' },
      { line: 4, text: 'last' },
    ]);
  });
});
