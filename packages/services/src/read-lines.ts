import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import type { ImportIssue } from '@serviq/core';

/** One line of input; `problem` says why it has no text. */
export type InputLine =
  | { line: number; text: string; problem?: undefined }
  | { line: number; text?: undefined; problem: 'invalid-utf8' | 'too-long' };

/** Whole lines of input as bytes; `skippedLongLine` marks a too-long line dropped just before them. */
export type ByteChunk = { bytes: Uint8Array; hasSkippedLongLine: boolean };

const NEWLINE = 10;
const CR = 13;
export const DEFAULT_MAX_LINE_BYTES = 64 << 20;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function stripCr(s: string): string {
  return s.charCodeAt(s.length - 1) === CR ? s.slice(0, -1) : s;
}

function hasBom(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/**
 * Splits whole lines (bytes ending in LF, or the last line without one) into numbered lines.
 * CRLF and LF both end lines; a line with invalid UTF-8 is reported as such instead of being
 * decoded into replacement characters.
 */
export function splitLines(bytes: Uint8Array, firstLine: number, isKeepingCr = false): InputLine[] {
  const tidy = isKeepingCr ? (s: string) => s : stripCr;
  const out: InputLine[] = [];
  let lineNo = firstLine;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  if (isUtf8(buf)) {
    const text = decoder.decode(buf);
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      out.push({ line: lineNo++, text: tidy(text.slice(start, nl)) });
      start = nl + 1;
    }
    if (start < text.length) out.push({ line: lineNo, text: tidy(text.slice(start)) });
    return out;
  }
  for (;;) {
    const nl = buf.indexOf(NEWLINE, start);
    const end = nl < 0 ? buf.length : nl;
    if (nl < 0 && start >= buf.length) break;
    const line = buf.subarray(start, end);
    out.push(
      isUtf8(line)
        ? { line: lineNo, text: tidy(decoder.decode(line)) }
        : { line: lineNo, problem: 'invalid-utf8' },
    );
    lineNo++;
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

/**
 * Streams input as chunks of whole lines, in bounded memory: a leading BOM is dropped and a line
 * longer than `maxLineBytes` is skipped (and flagged) rather than buffered.
 */
export async function* readByteChunks(
  input: Readable,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<ByteChunk> {
  let carry: Buffer | undefined;
  let isFirst = true;
  let isSkipping = false;
  let hasSkipped = false;
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
    if (isSkipping) {
      const nl = buf.indexOf(NEWLINE);
      if (nl < 0) continue;
      isSkipping = false;
      hasSkipped = true;
      buf = buf.subarray(nl + 1);
    }
    const last = buf.lastIndexOf(NEWLINE);
    if (last < 0) {
      if (buf.length > maxLineBytes) isSkipping = true;
      else carry = Buffer.from(buf);
      continue;
    }
    if (last + 1 < buf.length) carry = Buffer.from(buf.subarray(last + 1));
    yield { bytes: new Uint8Array(buf.subarray(0, last + 1)), hasSkippedLongLine: hasSkipped };
    hasSkipped = false;
  }
  if (isSkipping) yield { bytes: new Uint8Array(0), hasSkippedLongLine: true };
  else if (carry && carry.length > 0) {
    if (isFirst && hasBom(carry)) carry = carry.subarray(3);
    if (carry.length > 0 || hasSkipped)
      yield { bytes: new Uint8Array(carry), hasSkippedLongLine: hasSkipped };
  } else if (hasSkipped) yield { bytes: new Uint8Array(0), hasSkippedLongLine: true };
}

/** The numbered lines of a chunk, the too-long line dropped before it reported in its place. */
export function chunkLines(chunk: ByteChunk, firstLine: number, isKeepingCr = false): InputLine[] {
  if (!chunk.hasSkippedLongLine) return splitLines(chunk.bytes, firstLine, isKeepingCr);
  return [{ line: firstLine, problem: 'too-long' }, ...splitLines(chunk.bytes, firstLine + 1, isKeepingCr)];
}

/** Why a line has no text, as the issue every reader reports. */
export function lineIssue(l: InputLine): ImportIssue | undefined {
  if (l.problem === 'invalid-utf8') return { line: l.line, field: '(line)', reason: 'invalid UTF-8 bytes' };
  if (l.problem === 'too-long') return { line: l.line, field: '(line)', reason: 'line longer than 64 MiB' };
  return undefined;
}

/**
 * Numbered lines of a chunk stream, with too-long lines reported in place. CSV keeps the CRs:
 * its parser ends rows on CRLF itself and a CRLF inside a quoted cell is part of the text.
 */
export async function* readLineBatches(
  input: Readable,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  isKeepingCr = false,
): AsyncGenerator<InputLine[]> {
  let next = 1;
  for await (const chunk of readByteChunks(input, maxLineBytes)) {
    const lines = chunkLines(chunk, next, isKeepingCr);
    next += lines.length;
    yield lines;
  }
}
