import type { Locale } from '../i18n/locale.tsx';

// Building an Intl formatter costs far more than using one, and a table formats thousands of cells.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const known = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (known) return known;
  const format = new Intl.DateTimeFormat('en-CA', options);
  formatters.set(key, format);
  return format;
}

function numberFormat(key: string, locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const known = formatters.get(key) as Intl.NumberFormat | undefined;
  if (known) return known;
  const format = new Intl.NumberFormat(locale, options);
  formatters.set(key, format);
  return format;
}

/** A time in the user's time zone: `2026-11-20 14:03` (seconds when asked). */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  timeZone: string,
  options: { hasSeconds?: boolean; isDateOnly?: boolean } = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  const key = `d|${timeZone}|${options.isDateOnly ? 'day' : options.hasSeconds ? 'sec' : 'min'}`;
  const parts = dateFormat(key, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(options.isDateOnly
      ? {}
      : { hour: '2-digit', minute: '2-digit', ...(options.hasSeconds ? { second: '2-digit' } : {}) }),
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  if (options.isDateOnly) return day;
  return `${day} ${get('hour')}:${get('minute')}${options.hasSeconds ? `:${get('second')}` : ''}`;
}

const intlLocale = (locale: Locale) => (locale === 'zh-CN' ? 'zh-CN' : 'en-US');

export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(`n|${locale}|${digits}`, intlLocale(locale), {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(value);
}

/** A share (0..1) as a percentage. */
export function formatPercent(share: number | null | undefined, locale: Locale, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return numberFormat(`p|${locale}|${digits}`, intlLocale(locale), {
    style: 'percent',
    maximumFractionDigits: digits,
  }).format(share);
}

/** Seconds as `45 s`, `3 min 20 s`, `2 h 5 min` (秒/分/小时 in Chinese). */
export function formatDuration(seconds: number | null | undefined, locale: Locale): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  const units = locale === 'zh-CN' ? { s: '秒', m: '分', h: '小时' } : { s: ' s', m: ' min', h: ' h' };
  const sep = locale === 'zh-CN' ? '' : ' ';
  const total = Math.round(seconds);
  if (total < 60) return `${total}${units.s}`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}${units.h}${m ? `${sep}${m}${units.m}` : ''}`;
  return `${m}${units.m}${s ? `${sep}${s}${units.s}` : ''}`;
}
