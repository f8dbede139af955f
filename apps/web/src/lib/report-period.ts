import type { ConversationFilter } from '@serviq/contracts';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { conversationsHref } from './conversation-filters.ts';

// The period the report pages show, kept in the page's query string (so the back button from the
// conversation list returns to it), and the links from a report figure to its conversations.

export const PERIOD_PRESETS = ['thisWeek', 'last7Days', 'thisMonth', 'last30Days', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** [from, to) in epoch ms; `start`/`end` are the local dates of a custom range (end inclusive). */
export type Period = { preset: PeriodPreset; from: number; to: number; start?: string; end?: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The wall-clock date and time of an instant in an IANA zone. */
function zonedParts(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The instant of local midnight starting year-month-day in the zone (month and day may overflow). */
export function zonedMidnight(timeZone: string, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall;
  // The offset at the guess, then at the corrected instant: right across a DST change too.
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(instant, timeZone);
    const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - instant;
    instant = wall - offset;
  }
  return instant;
}

const ceilHour = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;

/** The range of a preset at `now`: whole hours up to the end of the current one, in the zone's days. */
export function periodOf(
  preset: PeriodPreset,
  now: number,
  timeZone: string,
  custom?: { start: string; end: string },
): Period {
  const to = ceilHour(now);
  const today = zonedParts(now, timeZone);
  if (preset === 'custom' && custom) {
    const s = DATE.exec(custom.start);
    const e = DATE.exec(custom.end);
    if (s && e) {
      const from = zonedMidnight(timeZone, Number(s[1]), Number(s[2]), Number(s[3]));
      const end = zonedMidnight(timeZone, Number(e[1]), Number(e[2]), Number(e[3]) + 1);
      if (from < end) return { preset, from, to: end, start: custom.start, end: custom.end };
    }
  }
  if (preset === 'thisWeek') {
    // getUTCDay of the local date: 0 is Sunday; weeks start on Monday, as reports bucket them.
    const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
    const from = zonedMidnight(timeZone, today.year, today.month, today.day - ((weekday + 6) % 7));
    return { preset, from, to };
  }
  if (preset === 'thisMonth')
    return { preset, from: zonedMidnight(timeZone, today.year, today.month, 1), to };
  const days = preset === 'last30Days' ? 30 : 7;
  return { preset: preset === 'last30Days' ? preset : 'last7Days', from: to - days * DAY_MS, to };
}

/** The period of the same length just before. */
export const previousOf = (period: Period) => ({ from: 2 * period.from - period.to, to: period.from });

/** The local date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * [from, to) of a report's time bucket key (day and week: YYYY-MM-DD of the first day, month:
 * YYYY-MM), clipped to the period.
 */
export function bucketRange(
  key: string,
  granularity: Granularity,
  timeZone: string,
  period: { from: number; to: number },
): { from: number; to: number } {
  const [year = 1970, month = 1, day = 1] = key.split('-').map(Number);
  const from = zonedMidnight(timeZone, year, month, granularity === 'month' ? 1 : day);
  const to =
    granularity === 'month'
      ? zonedMidnight(timeZone, year, month + 1, 1)
      : zonedMidnight(timeZone, year, month, day + (granularity === 'week' ? 7 : 1));
  return { from: Math.max(from, period.from), to: Math.min(to, period.to) };
}

export type ConversationFilters = Partial<ConversationFilter>;

/** The conversation list behind a figure: its range as from/to and the filter that selects it. */
export const conversationsOf = (
  range: { from: number; to: number },
  filter: ConversationFilters = {},
): string =>
  conversationsHref({
    filter: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), ...filter },
  });

const isPreset = (v: string | null): v is PeriodPreset => PERIOD_PRESETS.includes(v as PeriodPreset);
const isGranularity = (v: string | null): v is Granularity => GRANULARITIES.includes(v as Granularity);

export type PeriodState = {
  period: Period;
  granularity: Granularity;
  setPreset(preset: PeriodPreset, custom?: { start: string; end: string }): void;
  setGranularity(granularity: Granularity): void;
};

/**
 * The period of a report page from its query string (`period`, `start`, `end`, `granularity`);
 * last 7 days by default. Presets end at the time they were chosen, so the figures stay put while
 * the page is open.
 */
export function usePeriod(timeZone: string): PeriodState {
  const [params, setParams] = useSearchParams();
  const [now, setNow] = useState(() => Date.now());
  const presetParam = params.get('period');
  const preset = isPreset(presetParam) ? presetParam : 'last7Days';
  const start = params.get('start') ?? '';
  const end = params.get('end') ?? '';
  const granularityParam = params.get('granularity');
  const granularity = isGranularity(granularityParam) ? granularityParam : 'day';
  const period = useMemo(
    () => periodOf(preset, now, timeZone, { start, end }),
    [preset, now, timeZone, start, end],
  );

  const setPreset = useCallback(
    (next: PeriodPreset, custom?: { start: string; end: string }) => {
      setNow(Date.now());
      setParams(
        (p) => {
          const q = new URLSearchParams(p);
          q.set('period', next);
          q.delete('start');
          q.delete('end');
          if (next === 'custom' && custom) {
            q.set('start', custom.start);
            q.set('end', custom.end);
          }
          return q;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const setGranularity = useCallback(
    (next: Granularity) =>
      setParams(
        (p) => {
          const q = new URLSearchParams(p);
          q.set('granularity', next);
          return q;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { period, granularity, setPreset, setGranularity };
}
