import type { DemoLang } from './demo-phrasebook.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A customer population writing from one UTC offset (fixed offsets: the export shows them as written). */
export type DemoZone = { lang: DemoLang; offsetMin: number; share: number };

const ZH_ZONES: readonly DemoZone[] = [{ lang: 'zh', offsetMin: 480, share: 1 }];
const EN_ZONES: readonly DemoZone[] = [
  { lang: 'en', offsetMin: -300, share: 0.45 },
  { lang: 'en', offsetMin: 0, share: 0.3 },
  { lang: 'en', offsetMin: -480, share: 0.25 },
];

export function zonesFor(lang: DemoLang | 'mixed'): readonly DemoZone[] {
  if (lang === 'zh') return ZH_ZONES;
  if (lang === 'en') return EN_ZONES;
  // ~60 % Chinese and ~40 % English conversations, before time-of-day effects.
  return [
    ...ZH_ZONES.map((z) => ({ ...z, share: 0.6 })),
    ...EN_ZONES.map((z) => ({ ...z, share: z.share * 0.4 })),
  ];
}

/** Relative contact volume by local hour: quiet nights, a morning peak and an evening shopping peak. */
const HOURLY = [
  0.22, 0.11, 0.05, 0.03, 0.03, 0.04, 0.09, 0.28, 0.65, 0.95, 1.1, 1.05, 0.8, 0.9, 1.0, 1.0, 0.95, 0.88, 0.82,
  0.9, 1.02, 1.0, 0.78, 0.45,
];
const WEEKEND = 0.75;

function localHourWeight(epochMs: number, offsetMin: number): number {
  const local = epochMs + offsetMin * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const hour = Math.floor((local - day * DAY_MS) / HOUR_MS);
  // 1970-01-01 was a Thursday (4).
  const weekday = (((day + 4) % 7) + 7) % 7;
  return (HOURLY[hour] as number) * (weekday === 0 || weekday === 6 ? WEEKEND : 1);
}

/** Local hour (0–23) and weekday (0 = Sunday) of an instant at a fixed offset. */
export function localClock(
  epochMs: number,
  offsetMin: number,
): { hour: number; weekday: number; dayStart: number } {
  const local = epochMs + offsetMin * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  return {
    hour: Math.floor((local - day * DAY_MS) / HOUR_MS),
    weekday: (((day + 4) % 7) + 7) % 7,
    dayStart: day * DAY_MS - offsetMin * MINUTE_MS,
  };
}

/**
 * Start instants for `count` conversations over `days`, following the hourly volume of every zone.
 * Conversation i takes quantile (i + u) / count of the cumulative volume, so starts come out sorted
 * and the whole run needs only one number per hour of memory, however many conversations it has.
 */
export class ArrivalSchedule {
  private readonly cumulative: Float64Array;
  private cursor = 0;

  constructor(
    private readonly startAt: number,
    days: number,
    private readonly zones: readonly DemoZone[],
    private readonly count: number,
  ) {
    const hours = Math.max(1, Math.round(days * 24));
    this.cumulative = new Float64Array(hours + 1);
    for (let h = 0; h < hours; h++) {
      const at = startAt + h * HOUR_MS;
      let w = 0;
      for (const z of zones) w += z.share * localHourWeight(at, z.offsetMin);
      this.cumulative[h + 1] = (this.cumulative[h] as number) + w;
    }
  }

  /** Start of conversation `index` (call with increasing indexes); `u` and `zonePick` are uniform in [0, 1). */
  next(index: number, u: number, zonePick: number): { at: number; zone: DemoZone } {
    const cum = this.cumulative;
    const last = cum.length - 1;
    const q = ((index + u) / this.count) * (cum[last] as number);
    while (this.cursor < last - 1 && (cum[this.cursor + 1] as number) <= q) this.cursor++;
    const lo = cum[this.cursor] as number;
    const width = (cum[this.cursor + 1] as number) - lo;
    const at = Math.floor(this.startAt + (this.cursor + (width > 0 ? (q - lo) / width : 0)) * HOUR_MS);
    // Which population wrote at this instant: proportional to its share and its local hour.
    let total = 0;
    for (const z of this.zones) total += z.share * localHourWeight(at, z.offsetMin);
    let r = zonePick * total;
    for (const z of this.zones) {
      r -= z.share * localHourWeight(at, z.offsetMin);
      if (r < 0) return { at, zone: z };
    }
    return { at, zone: this.zones[this.zones.length - 1] as DemoZone };
  }
}

const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

function offsetText(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${sign}${PAD2[Math.floor(abs / 60)]}:${PAD2[abs % 60]}`;
}

/**
 * Formats epoch ms as ISO-8601 at a fixed offset ('2025-03-03T09:15:02+08:00'); with `withMs`, keeps
 * milliseconds (voice segments). Hand-written because it runs for every message of 100k-conversation runs.
 */
export class IsoFormatter {
  private day = Number.NaN;
  private datePrefix = '';
  private readonly suffix: string;
  private readonly offsetMs: number;

  constructor(offsetMin: number) {
    this.suffix = offsetText(offsetMin);
    this.offsetMs = offsetMin * MINUTE_MS;
  }

  format(epochMs: number, withMs = false): string {
    const local = epochMs + this.offsetMs;
    const day = Math.floor(local / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.datePrefix = civilDate(day);
    }
    let rest = local - day * DAY_MS;
    const ms = rest % 1000;
    rest = (rest - ms) / 1000;
    const s = rest % 60;
    rest = (rest - s) / 60;
    const m = rest % 60;
    const h = (rest - m) / 60;
    const time = `${PAD2[h]}:${PAD2[m]}:${PAD2[s]}`;
    return withMs
      ? `${this.datePrefix}T${time}.${pad3(ms)}${this.suffix}`
      : `${this.datePrefix}T${time}${this.suffix}`;
  }
}

/** 'YYYY-MM-DD' of a count of days since 1970-01-01 (Hinnant's civil_from_days). */
function civilDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${PAD2[m]}-${PAD2[d]}`;
}
