import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BusinessHours, businessSeconds, createBusinessClock } from '../src/metrics/index.ts';
import { zonedParts, zonedTimeToEpoch } from '../src/time/time-zone.ts';

const HOUR = 3600;

/** Epoch ms of a wall-clock time in a zone: local(2025, 3, 9, 12, 0, 'America/New_York'). */
function local(zone: string, y: number, mo: number, d: number, h = 0, mi = 0): number {
  return zonedTimeToEpoch(Date.UTC(y, mo - 1, d, h, mi), zone);
}
const sh = (mo: number, d: number, h = 0, mi = 0) => local('Asia/Shanghai', 2025, mo, d, h, mi);
const ny = (mo: number, d: number, h = 0, mi = 0) => local('America/New_York', 2025, mo, d, h, mi);

const OFFICE: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
// 2025 National Day: 1–8 October off, Sunday 28 September and Saturday 11 October are make-up workdays.
const SHANGHAI: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
  holidays: [
    '2025-10-01',
    '2025-10-02',
    '2025-10-03',
    '2025-10-04',
    '2025-10-05',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
  ],
  workdays: ['2025-09-28', '2025-10-11'],
};
const NINE_TO_FIVE: [string, string][] = [['09:00', '17:00']];
const NEW_YORK: BusinessHours = {
  timeZone: 'America/New_York',
  weekly: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
};

describe('businessSeconds in Asia/Shanghai', () => {
  const clock = createBusinessClock(SHANGHAI);

  it('counts an interval inside the morning in full', () => {
    // Monday 3 March 2025
    assert.equal(businessSeconds(clock, sh(3, 3, 10), sh(3, 3, 11, 30)), 1.5 * HOUR);
  });

  it('skips the lunch break', () => {
    assert.equal(businessSeconds(clock, sh(3, 3, 11), sh(3, 3, 14)), 2 * HOUR);
  });

  it('counts 0 for intervals fully outside open hours', () => {
    assert.equal(businessSeconds(clock, sh(3, 3, 19), sh(3, 3, 23)), 0);
    assert.equal(businessSeconds(clock, sh(3, 3, 12, 10), sh(3, 3, 12, 50)), 0);
    assert.equal(businessSeconds(clock, sh(3, 8, 10), sh(3, 9, 20)), 0, 'a whole weekend');
  });

  it('counts only open time of an interval spanning a weekend', () => {
    // Friday 17:00 → Monday 10:00: one hour on Friday, one on Monday.
    assert.equal(businessSeconds(clock, sh(3, 7, 17), sh(3, 10, 10)), 2 * HOUR);
  });

  it('counts whole open days in the middle of a long interval', () => {
    // Monday 00:00 → next Monday 00:00: five days of 8 hours.
    assert.equal(businessSeconds(clock, sh(3, 3), sh(3, 10)), 40 * HOUR);
  });

  it('returns 0 for empty and reversed intervals', () => {
    assert.equal(businessSeconds(clock, sh(3, 3, 10), sh(3, 3, 10)), 0);
    assert.equal(businessSeconds(clock, sh(3, 3, 11), sh(3, 3, 10)), 0);
  });

  it('rejects non-finite bounds instead of walking forever', () => {
    assert.throws(() => businessSeconds(clock, sh(3, 3), Number.POSITIVE_INFINITY), RangeError);
    assert.throws(() => businessSeconds(clock, Number.NaN, sh(3, 3)), RangeError);
  });

  it('keeps holidays closed', () => {
    assert.equal(businessSeconds(clock, sh(10, 1, 10), sh(10, 1, 11)), 0);
    // Tuesday 30 September 17:00 → Thursday 9 October 10:00: the holiday week counts nothing.
    assert.equal(businessSeconds(clock, sh(9, 30, 17), sh(10, 9, 10)), 2 * HOUR);
  });

  it('opens make-up workdays with the weekday hours', () => {
    // Sunday 28 September and Saturday 11 October
    assert.equal(businessSeconds(clock, sh(9, 28, 8), sh(9, 28, 20)), 8 * HOUR);
    assert.equal(businessSeconds(clock, sh(10, 11, 11), sh(10, 11, 14)), 2 * HOUR);
    // An ordinary Sunday stays closed.
    assert.equal(businessSeconds(clock, sh(9, 21, 8), sh(9, 21, 20)), 0);
  });

  it('uses workdayHours for make-up days when given', () => {
    const c = createBusinessClock({ ...SHANGHAI, workdayHours: [['10:00', '16:00']] });
    assert.equal(businessSeconds(c, sh(9, 28, 8), sh(9, 28, 20)), 6 * HOUR);
  });
});

describe('businessSeconds across DST in America/New_York', () => {
  const always: [string, string][] = [['00:00', '24:00']];
  const allWeek = createBusinessClock({
    timeZone: 'America/New_York',
    weekly: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
  });

  it('counts the real 23 and 25 hours of DST-change days', () => {
    assert.equal(businessSeconds(allWeek, ny(3, 8, 12), ny(3, 9, 12)), 23 * HOUR);
    assert.equal(businessSeconds(allWeek, ny(3, 9), ny(3, 10)), 23 * HOUR);
    assert.equal(businessSeconds(allWeek, ny(11, 1, 12), ny(11, 2, 12)), 25 * HOUR);
    assert.equal(businessSeconds(allWeek, ny(11, 2), ny(11, 3)), 25 * HOUR);
  });

  it('counts real elapsed time of open ranges that contain the change', () => {
    const night = createBusinessClock({
      timeZone: 'America/New_York',
      weekly: { sun: [['01:00', '04:00']] },
    });
    assert.equal(businessSeconds(night, ny(3, 9), ny(3, 10)), 2 * HOUR, '02:00–03:00 does not exist');
    assert.equal(businessSeconds(night, ny(11, 2), ny(11, 3)), 4 * HOUR, '01:00–02:00 happens twice');
  });

  it('follows the shifted UTC opening time after the change', () => {
    const clock = createBusinessClock(NEW_YORK);
    // Friday 16:00 EST → Monday 10:00 EDT
    assert.equal(businessSeconds(clock, ny(3, 7, 16), ny(3, 10, 10)), 2 * HOUR);
    // Monday 10 March opens at 09:00 EDT = 13:00 UTC (it opened at 14:00 UTC the Friday before).
    assert.equal(
      businessSeconds(clock, Date.UTC(2025, 2, 10, 12, 30), Date.UTC(2025, 2, 10, 13, 30)),
      0.5 * HOUR,
    );
    assert.equal(
      businessSeconds(clock, Date.UTC(2025, 2, 7, 13, 30), Date.UTC(2025, 2, 7, 14, 30)),
      0.5 * HOUR,
    );
  });
});

describe('businessSeconds against a minute-stepping reference', () => {
  /** Independent slow reference: asks Intl for the wall clock every 5 minutes. */
  function reference(hours: BusinessHours, fromMs: number, toMs: number): number {
    const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    let open = 0;
    for (let t = fromMs; t < toMs; t += 300_000) {
      const p = zonedParts(t, hours.timeZone);
      const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
      const ranges = hours.holidays?.includes(date)
        ? []
        : hours.workdays?.includes(date)
          ? (hours.workdayHours ?? hours.weekly.mon ?? [])
          : (hours.weekly[names[p.weekday] ?? 'sun'] ?? []);
      const m = p.hour * 60 + p.minute;
      if (ranges.some(([s, e]) => m >= minutes(s) && m < minutes(e))) open += 300;
    }
    return open;
  }

  for (const [hours, from] of [
    [NEW_YORK, ny(3, 1)],
    [NEW_YORK, ny(10, 25)],
    [SHANGHAI, sh(9, 24)],
  ] as const) {
    it(`agrees on random intervals in ${hours.timeZone} from ${new Date(from).toISOString()}`, () => {
      const clock = createBusinessClock(hours);
      let seed = 12345;
      const next = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let i = 0; i < 40; i++) {
        const start = from + next(20 * 288) * 300_000;
        const end = start + next(4 * 288) * 300_000;
        assert.equal(businessSeconds(clock, start, end), reference(hours, start, end), `interval ${i}`);
      }
    });
  }

  it('skips whole weeks of long intervals exactly, across DST changes and holidays', () => {
    for (const [hours, from, to] of [
      [NEW_YORK, ny(1, 1), local('America/New_York', 2026, 1, 1)],
      [SHANGHAI, sh(9, 1), sh(11, 1)],
    ] as const) {
      const long = businessSeconds(createBusinessClock(hours), from, to);
      const daily = createBusinessClock(hours);
      let sum = 0;
      for (let t = from; t < to; t += 86_400_000)
        sum += businessSeconds(daily, t, Math.min(to, t + 86_400_000));
      assert.equal(long, sum, hours.timeZone);
    }
    // 2025 in New York: 261 weekdays of 8 hours.
    assert.equal(
      businessSeconds(createBusinessClock(NEW_YORK), ny(1, 1), local('America/New_York', 2026, 1, 1)),
      261 * 8 * HOUR,
    );
  });

  it('gives the same answers whatever order days were first seen in', () => {
    const warm = createBusinessClock(SHANGHAI);
    const intervals = Array.from({ length: 30 }, (_, i) => [
      sh(9, 20) + i * 7 * 3_600_000,
      sh(9, 20) + i * 11 * 3_600_000,
    ]);
    const forward = intervals.map(([a = 0, b = 0]) => businessSeconds(warm, a, b));
    const cold = createBusinessClock(SHANGHAI);
    const backward = intervals.toReversed().map(([a = 0, b = 0]) => businessSeconds(cold, a, b));
    assert.deepEqual(forward, backward.toReversed());
  });
});

describe('createBusinessClock validation', () => {
  const bad: [string, BusinessHours, RegExp][] = [
    [
      'unknown zone',
      { timeZone: 'Mars/Olympus', weekly: { mon: OFFICE } },
      /unknown time zone "Mars\/Olympus"/,
    ],
    [
      'impossible hour',
      { timeZone: 'UTC', weekly: { mon: [['09:00', '25:00']] } },
      /weekly\.mon\[0\]: impossible time "25:00"/,
    ],
    [
      'not a time',
      { timeZone: 'UTC', weekly: { mon: [['9am', '17:00']] } },
      /weekly\.mon\[0\]: expected 'HH:MM'/,
    ],
    ['24:00 as a start', { timeZone: 'UTC', weekly: { mon: [['24:00', '24:00']] } }, /only valid as an end/],
    ['overnight range', { timeZone: 'UTC', weekly: { fri: [['22:00', '06:00']] } }, /split overnight hours/],
    [
      'overlapping ranges',
      {
        timeZone: 'UTC',
        weekly: {
          tue: [
            ['09:00', '12:00'],
            ['11:00', '14:00'],
          ],
        },
      },
      /weekly\.tue: ranges overlap/,
    ],
    [
      'unknown weekday',
      { timeZone: 'UTC', weekly: { monday: OFFICE } as BusinessHours['weekly'] },
      /unknown day "monday"/,
    ],
    [
      'impossible date',
      { timeZone: 'UTC', weekly: { mon: OFFICE }, holidays: ['2025-02-30'] },
      /holidays\[0\]/,
    ],
    [
      'holiday and workday at once',
      { timeZone: 'UTC', weekly: { mon: OFFICE }, holidays: ['2025-10-01'], workdays: ['2025-10-01'] },
      /2025-10-01 is both a holiday and a workday/,
    ],
    ['never open', { timeZone: 'UTC', weekly: {} }, /no day of the week is open/],
    [
      'make-up days without hours',
      { timeZone: 'UTC', weekly: { sat: OFFICE }, workdays: ['2025-10-01'] },
      /no workdayHours/,
    ],
  ];
  for (const [name, hours, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => createBusinessClock(hours), message);
    });
  }

  it('accepts seconds, 24:00 ends and touching ranges', () => {
    const clock = createBusinessClock({
      timeZone: 'UTC',
      weekly: {
        mon: [
          ['00:00:30', '12:00'],
          ['12:00', '24:00'],
        ],
      },
    });
    assert.equal(businessSeconds(clock, Date.UTC(2025, 2, 3), Date.UTC(2025, 2, 4)), 24 * HOUR - 30);
  });
});
