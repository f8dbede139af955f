import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** One line of input; `problem` says why it has no text. */
export type InputLine =
  | { line: number; text: string; problem?: undefined }
  | { line: number; text?: undefined; problem: 'invalid-utf8' | 'too-long' };

export type LineBatch = InputLine[];

const NEWLINE = 10;
const CR = 13;
export const DEFAULT_MAX_LINE_BYTES = 64 << 20;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function stripCr(s: string): string {
  return s.charCodeAt(s.length - 1) === CR ? s.slice(0, -1) : s;
}

function decodeLine(line: number, bytes: Buffer): InputLine {
  return isUtf8(bytes) ? { line, text: stripCr(decoder.decode(bytes)) } : { line, problem: 'invalid-utf8' };
}

function hasBom(buf: Buffer): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/**
 * Streams a file (or stdin) as batches of lines with 1-based numbers, in bounded memory:
 * a leading BOM is dropped, CRLF and LF both end lines, a line with invalid UTF-8 is reported
 * as such instead of being decoded into replacement characters, and a line longer than
 * `maxLineBytes` is skipped and reported rather than buffered.
 */
export async function* readLineBatches(
  input: Readable,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<LineBatch> {
  let carry: Buffer | undefined;
  let lineNo = 0;
  let isFirst = true;
  let isSkipping = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    if (isFirst) {
      if (buf.length < 3) {
        carry = buf;
        continue;
      }
      if (hasBom(buf)) buf = buf.subarray(3);
      isFirst = false;
    }
    const batch: LineBatch = [];
    if (isSkipping) {
      const nl = buf.indexOf(NEWLINE);
      if (nl < 0) continue;
      isSkipping = false;
      batch.push({ line: ++lineNo, problem: 'too-long' });
      buf = buf.subarray(nl + 1);
    }
    const last = buf.lastIndexOf(NEWLINE);
    if (last < 0) {
      if (buf.length > maxLineBytes) isSkipping = true;
      else carry = Buffer.from(buf);
      if (batch.length > 0) yield batch;
      continue;
    }
    if (last + 1 < buf.length) carry = Buffer.from(buf.subarray(last + 1));
    const whole = buf.subarray(0, last + 1);
    let start = 0;
    if (isUtf8(whole)) {
      const text = decoder.decode(whole);
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        batch.push({ line: ++lineNo, text: stripCr(text.slice(start, nl)) });
        start = nl + 1;
      }
    } else {
      for (let nl = whole.indexOf(NEWLINE); nl >= 0; nl = whole.indexOf(NEWLINE, start)) {
        batch.push(decodeLine(++lineNo, whole.subarray(start, nl)));
        start = nl + 1;
      }
    }
    yield batch;
  }
  if (isSkipping) yield [{ line: ++lineNo, problem: 'too-long' }];
  else if (carry && carry.length > 0) {
    if (isFirst && hasBom(carry)) carry = carry.subarray(3);
    if (carry.length > 0) yield [decodeLine(++lineNo, carry)];
  }
}

export function openInput(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
}
