import { isValidTimeZone, zonedTimeToEpoch } from '../time/time-zone.ts';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock range 'HH:MM' or 'HH:MM:SS'; the end is exclusive and may be '24:00'. */
export type TimeRange = [string, string];

export type BusinessHours = {
  /** IANA zone the hours are read in, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** Open ranges per weekday; a day that is absent (or has no ranges) is closed. */
  weekly: Partial<Record<Weekday, TimeRange[]>>;
  /** 'YYYY-MM-DD' local dates closed all day. */
  holidays?: string[];
  /** 'YYYY-MM-DD' local dates open with `workdayHours` whatever their weekday (China's 调休 make-up days). */
  workdays?: string[];
  /** Hours of a make-up workday; defaults to the hours of the first open weekday from Monday to Friday. */
  workdayHours?: TimeRange[];
};

/** Compiled business hours; reuse one clock for many intervals, it caches each local day it has seen. */
export type BusinessClock = {
  readonly timeZone: string;
  /** Milliseconds of open time within [fromMs, toMs). */
  openMs(fromMs: number, toMs: number): number;
};

const DAY_MS = 86_400_000;
// Bounds the day cache (~137 years of days); clearing only costs recomputation.
const MAX_CACHED_DAYS = 50_000;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One local calendar day: its instants and its open intervals as flat [start, end, start, end, …] epoch ms. */
type Day = { local: number; start: number; end: number; open: number[] };

function fail(message: string): never {
  throw new Error(`business hours: ${message}`);
}

function parseTime(value: unknown, where: string, isEnd: boolean): number {
  const m = typeof value === 'string' ? TIME.exec(value) : null;
  if (!m) return fail(`${where}: expected 'HH:MM' or 'HH:MM:SS', got ${JSON.stringify(value)}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  const ms = ((h * 60 + min) * 60 + s) * 1000;
  if (min > 59 || s > 59 || ms > DAY_MS || (ms === DAY_MS && !isEnd)) {
    return fail(
      `${where}: impossible time ${JSON.stringify(value)}${ms === DAY_MS ? " ('24:00' is only valid as an end)" : ''}`,
    );
  }
  return ms;
}

/** Validates ranges and returns them as sorted flat [start, end, …] ms after local midnight, merging touching ranges. */
function compileRanges(ranges: unknown, where: string): number[] {
  if (!Array.isArray(ranges)) return fail(`${where}: expected a list of ['HH:MM', 'HH:MM'] ranges`);
  const pairs = ranges.map((r, i): [number, number] => {
    const at = `${where}[${i}]`;
    if (!Array.isArray(r) || r.length !== 2) return fail(`${at}: expected ['HH:MM', 'HH:MM']`);
    const start = parseTime(r[0], at, false);
    const end = parseTime(r[1], at, true);
    if (end <= start) {
      fail(`${at}: ${JSON.stringify(r)} does not end after it starts; split overnight hours across two days`);
    }
    return [start, end];
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [start, end] of pairs) {
    const prevEnd = flat.at(-1);
    if (prevEnd !== undefined && start < prevEnd) fail(`${where}: ranges overlap`);
    if (prevEnd === start) flat[flat.length - 1] = end;
    else flat.push(start, end);
  }
  return flat;
}

function parseDates(dates: unknown, where: string): number[] {
  if (dates === undefined) return [];
  if (!Array.isArray(dates)) return fail(`${where}: expected a list of 'YYYY-MM-DD' dates`);
  return dates.map((d, i) => {
    const m = typeof d === 'string' ? DATE.exec(d) : null;
    const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
    // Date.UTC rolls 2025-02-30 over into March; a round trip exposes impossible dates.
    if (!m || new Date(ms).toISOString().slice(0, 10) !== d) {
      return fail(`${where}[${i}]: expected a real 'YYYY-MM-DD' date, got ${JSON.stringify(d)}`);
    }
    return ms / DAY_MS;
  });
}

class CompiledClock implements BusinessClock {
  readonly timeZone: string;
  /** Flat ranges per weekday, 0 = Sunday. */
  readonly #weekly: number[][];
  readonly #holidays: Set<number>;
  readonly #workdays: Set<number>;
  readonly #workdayRanges: number[];
  readonly #days = new Map<number, Day>();
  readonly #midnights = new Map<number, number>();
  #last: Day | undefined;
  /** Zone offset of the last day looked up: the guess for the next lookup's local date. */
  #offset = 0;

  constructor(hours: BusinessHours) {
    if (typeof hours !== 'object' || hours === null) fail('expected an object');
    if (typeof hours.timeZone !== 'string' || !isValidTimeZone(hours.timeZone)) {
      fail(
        `unknown time zone ${JSON.stringify(hours.timeZone)} (expected an IANA name such as 'Asia/Shanghai')`,
      );
    }
    if (typeof hours.weekly !== 'object' || hours.weekly === null)
      fail('weekly: expected an object of weekdays');
    for (const key of Object.keys(hours.weekly)) {
      if (!(WEEKDAYS as readonly string[]).includes(key)) {
        fail(`weekly: unknown day ${JSON.stringify(key)} (use ${WEEKDAYS.join(', ')})`);
      }
    }
    this.timeZone = hours.timeZone;
    this.#weekly = WEEKDAYS.map((d) => compileRanges(hours.weekly[d] ?? [], `weekly.${d}`));
    const holidays = parseDates(hours.holidays, 'holidays');
    const workdays = parseDates(hours.workdays, 'workdays');
    this.#holidays = new Set(holidays);
    this.#workdays = new Set(workdays);
    for (const d of workdays) {
      if (this.#holidays.has(d))
        fail(`${new Date(d * DAY_MS).toISOString().slice(0, 10)} is both a holiday and a workday`);
    }
    const firstWeekdayHours = [1, 2, 3, 4, 5].map((d) => this.#weekly[d] ?? []).find((r) => r.length > 0);
    this.#workdayRanges =
      hours.workdayHours !== undefined
        ? compileRanges(hours.workdayHours, 'workdayHours')
        : (firstWeekdayHours ?? []);
    if (workdays.length > 0 && this.#workdayRanges.length === 0) {
      fail('workdays are listed but no workdayHours are given and no weekday from Monday to Friday is open');
    }
    if (this.#weekly.every((r) => r.length === 0) && workdays.length === 0)
      fail('no day of the week is open');
  }

  openMs(fromMs: number, toMs: number): number {
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
      throw new RangeError(
        `business hours: interval [${fromMs}, ${toMs}) is not in finite epoch milliseconds`,
      );
    }
    if (toMs <= fromMs) return 0;
    const first = this.#dayAt(fromMs);
    let total = openWithin(first, fromMs, toMs);
    let local = first.local;
    let end = first.end;
    while (toMs > end) {
      // Long intervals skip whole weeks without building their days when the zone offset is the same at both
      // ends of the week (no zone changes its offset twice within a week), so open time is the nominal hours.
      const weekEnd = toMs - end > 8 * DAY_MS ? this.#midnight(local + 8) : Number.NaN;
      if (weekEnd - end === 7 * DAY_MS) {
        for (let d = local + 1; d <= local + 7; d++) total += this.#nominalOpenMs(d);
        local += 7;
        end = weekEnd;
      } else {
        const day = this.#day(++local);
        total += openWithin(day, fromMs, toMs);
        end = day.end;
      }
    }
    return total;
  }

  #dayAt(ms: number): Day {
    const last = this.#last;
    if (last !== undefined && ms >= last.start && ms < last.end) return last;
    let local = Math.floor((ms + this.#offset) / DAY_MS);
    let day = this.#day(local);
    // The guessed offset may belong to another season: step to the neighbouring date.
    while (ms < day.start) day = this.#day(--local);
    while (ms >= day.end) day = this.#day(++local);
    this.#last = day;
    this.#offset = local * DAY_MS - day.start;
    return day;
  }

  /** The instant local date `local` (days since 1970-01-01) begins; the only place days meet Intl. */
  #midnight(local: number): number {
    let ms = this.#midnights.get(local);
    if (ms === undefined) {
      ms = zonedTimeToEpoch(local * DAY_MS, this.timeZone);
      if (this.#midnights.size >= MAX_CACHED_DAYS) this.#midnights.clear();
      this.#midnights.set(local, ms);
    }
    return ms;
  }

  #rangesOf(local: number): number[] {
    if (this.#holidays.has(local)) return [];
    if (this.#workdays.has(local)) return this.#workdayRanges;
    return this.#weekly[(((local + 4) % 7) + 7) % 7] ?? [];
  }

  #nominalOpenMs(local: number): number {
    const ranges = this.#rangesOf(local);
    let ms = 0;
    for (let i = 0; i < ranges.length; i += 2) ms += (ranges[i + 1] ?? 0) - (ranges[i] ?? 0);
    return ms;
  }

  #day(local: number): Day {
    const cached = this.#days.get(local);
    if (cached !== undefined) return cached;
    const start = this.#midnight(local);
    const end = this.#midnight(local + 1);
    const ranges = this.#rangesOf(local);
    // Same offset at both midnights means no DST change today: every boundary is midnight plus the wall time.
    const isPlainDay = end - start === DAY_MS;
    const instant = (wallMs: number) =>
      isPlainDay ? start + wallMs : zonedTimeToEpoch(local * DAY_MS + wallMs, this.timeZone);
    const open: number[] = [];
    for (let i = 0; i < ranges.length; i += 2) {
      // Wall times skipped or repeated by a DST change resolve through the zone; clamping keeps ranges ordered.
      const s = Math.min(end, Math.max(open.at(-1) ?? start, instant(ranges[i] ?? 0)));
      const e = Math.min(end, Math.max(s, instant(ranges[i + 1] ?? 0)));
      if (e > s) open.push(s, e);
    }
    const day: Day = { local, start, end, open };
    if (this.#days.size >= MAX_CACHED_DAYS) this.#days.clear();
    this.#days.set(local, day);
    return day;
  }
}

/** Open ms of a day within [fromMs, toMs); the interval may extend beyond the day. */
function openWithin(day: Day, fromMs: number, toMs: number): number {
  const open = day.open;
  let total = 0;
  for (let i = 0; i < open.length; i += 2) {
    const s = Math.max(open[i] ?? 0, fromMs);
    const e = Math.min(open[i + 1] ?? 0, toMs);
    if (e > s) total += e - s;
  }
  return total;
}

/** Compiles and validates business hours; throws an Error naming the bad field. */
export function createBusinessClock(hours: BusinessHours): BusinessClock {
  return new CompiledClock(hours);
}

/** Seconds of open time within [fromMs, toMs); 0 when the interval is empty or reversed; throws on non-finite bounds. */
export function businessSeconds(clock: BusinessClock, fromMs: number, toMs: number): number {
  return clock.openMs(fromMs, toMs) / 1000;
}
