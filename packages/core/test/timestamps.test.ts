import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimestamp } from '../src/time/parse-timestamp.ts';

const ok = (input: string | number, tz?: string) => {
  const r = parseTimestamp(input, tz);
  assert.ok(r.ok, `expected ${input} to parse: ${r.ok ? '' : r.reason}`);
  return r.value;
};
const bad = (input: string | number) => {
  const r = parseTimestamp(input);
  assert.equal(r.ok, false, `expected ${input} to be rejected`);
  return r.ok ? '' : r.reason;
};

describe('parseTimestamp', () => {
  it('reads ISO-8601 with offsets, Z and fractions', () => {
    assert.equal(ok('2025-03-01T09:00:00+08:00'), Date.UTC(2025, 2, 1, 1));
    assert.equal(ok('2025-03-01T09:00:00.123Z'), Date.UTC(2025, 2, 1, 9, 0, 0, 123));
    assert.equal(ok('2025-03-01 09:00:00+0800'), Date.UTC(2025, 2, 1, 1));
    assert.equal(ok('2025-03-01T09:00:00.123456-05:00'), Date.UTC(2025, 2, 1, 14, 0, 0, 123));
  });

  it('reads epoch seconds and milliseconds, as numbers or digit strings', () => {
    assert.equal(ok(1740790800), 1740790800000);
    assert.equal(ok(1740790800123), 1740790800123);
    assert.equal(ok('1740790800'), 1740790800000);
    assert.equal(ok(1740790800.5), 1740790800500);
  });

  it('reads a wall clock without offset in the given zone, across DST', () => {
    assert.equal(ok('2025-03-01 09:00:00', 'Asia/Shanghai'), Date.UTC(2025, 2, 1, 1));
    assert.equal(ok('2025-03-01 09:00:00'), Date.UTC(2025, 2, 1, 9));
    // New York: EST (-5) in January, EDT (-4) in July.
    assert.equal(ok('2025-01-15 12:00', 'America/New_York'), Date.UTC(2025, 0, 15, 17));
    assert.equal(ok('2025-07-15 12:00', 'America/New_York'), Date.UTC(2025, 6, 15, 16));
  });

  it('rejects unparseable and impossible timestamps with a reason', () => {
    assert.match(bad('yesterday'), /cannot parse/);
    assert.match(bad('2025-02-30T10:00:00Z'), /impossible date/);
    assert.match(bad('2025-13-01T10:00:00Z'), /impossible date/);
    assert.match(bad('2025-03-01T25:00:00Z'), /impossible time/);
    assert.match(bad('2025-03-01T10:61:00Z'), /impossible time/);
    assert.match(bad('2025-03-01T10:00:00+15:00'), /impossible UTC offset/);
    assert.match(bad(0), /outside/);
    assert.match(bad(Number.NaN), /finite/);
    assert.match(bad('2025-02-29T10:00:00Z'), /impossible date/);
    assert.equal(ok('2024-02-29T10:00:00Z'), Date.UTC(2024, 1, 29, 10));
  });
});
