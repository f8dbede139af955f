import { zonedTimeToEpoch } from './time-zone.ts';

export type TimestampResult = { ok: true; value: number } | { ok: false; reason: string };

// Earliest and latest instants a customer-service record can plausibly carry.
const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
// Below this a number is epoch seconds (1e11 s is the year 5138; 1e11 ms is 1973).
const SECONDS_BELOW = 1e11;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

// The shape nearly every export writes, `2025-03-01T09:00:00+08:00` or `…Z`, read without a regex.
function parseCommonIso(s: string): number | undefined {
  const n = s.length;
  if (
    (n !== 25 && n !== 20) ||
    s[4] !== '-' ||
    s[7] !== '-' ||
    s[10] !== 'T' ||
    s[13] !== ':' ||
    s[16] !== ':'
  ) {
    return undefined;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let offsetMin = 0;
  if (n === 25) {
    const sign = s[19] === '+' ? 1 : s[19] === '-' ? -1 : 0;
    const offH = digits(s, 20, 2);
    const offM = digits(s, 23, 2);
    if (sign === 0 || s[22] !== ':' || offH < 0 || offH > 14 || offM < 0 || offM > 59) return undefined;
    offsetMin = sign * (offH * 60 + offM);
  } else if (s[19] !== 'Z') return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
}

function checkRange(ms: number, shown: string | number): TimestampResult {
  if (ms < MIN_MS || ms >= MAX_MS) {
    return { ok: false, reason: `timestamp ${JSON.stringify(shown)} is outside 1990–2099` };
  }
  return { ok: true, value: ms };
}

/**
 * Parses ISO-8601 (with offset; without one the wall clock is read in `defaultTimeZone`),
 * epoch seconds or epoch milliseconds (numbers or digit strings) into epoch milliseconds.
 */
export function parseTimestamp(input: string | number, defaultTimeZone = 'UTC'): TimestampResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: 'timestamp is not a finite number' };
    return checkRange(input < SECONDS_BELOW ? input * 1000 : input, input);
  }
  const common = parseCommonIso(input);
  if (common !== undefined) return checkRange(common, input);
  const s = input.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseTimestamp(Number(s), defaultTimeZone);
  const m = ISO.exec(s);
  if (!m) return { ok: false, reason: `cannot parse timestamp ${JSON.stringify(input)}` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `impossible date in ${JSON.stringify(input)}` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `impossible time of day in ${JSON.stringify(input)}` };
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const zone = m[8];
  if (zone === undefined) return checkRange(zonedTimeToEpoch(local, defaultTimeZone), input);
  if (zone === 'Z' || zone === 'z') return checkRange(local, input);
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offH = Number(digits.slice(0, 2));
  const offM = Number(digits.slice(2) || 0);
  if (offH > 14 || offM > 59)
    return { ok: false, reason: `impossible UTC offset in ${JSON.stringify(input)}` };
  return checkRange(local - sign * (offH * 60 + offM) * 60_000, input);
}
