import type { ReportRow } from '@serviq/contracts';
import type { Channel } from '@serviq/core';
import type { Locale, Messages } from '../i18n/locale.tsx';
import { formatDuration, formatNumber, formatPercent } from './format.ts';

// The figures of a report row as the report pages show and compare them: one definition of each
// (value, format, which direction is better, how a change is written) for cards, charts and tables.

export const METRIC_KEYS = [
  'conversations',
  'avgScore',
  'passRate',
  'firstResponseP50',
  'firstResponseP90',
  'slaMetRate',
  'csat',
  'negativeEndRate',
  'emojiPer10',
  'emojiWhileNegative',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

type Metric = {
  value(row: ReportRow): number | null;
  format(value: number | null, locale: Locale): string;
  /** Which way is good; `null`: neither (volume). */
  better: 'higher' | 'lower' | null;
  /** How a change is written: relative (%), in percentage points, or as a plain difference. */
  change: 'relative' | 'points' | 'difference';
};

const share = (value: number | null, locale: Locale) => formatPercent(value, locale);

export const METRICS: Record<MetricKey, Metric> = {
  conversations: {
    value: (r) => r.volume.conversations,
    format: (v, l) => formatNumber(v, l),
    better: null,
    change: 'relative',
  },
  avgScore: {
    value: (r) => r.avgScore,
    format: (v, l) => formatNumber(v, l, 1),
    better: 'higher',
    change: 'difference',
  },
  passRate: { value: (r) => r.passRate, format: share, better: 'higher', change: 'points' },
  firstResponseP50: {
    value: (r) => r.firstResponse.p50Sec,
    format: formatDuration,
    better: 'lower',
    change: 'relative',
  },
  firstResponseP90: {
    value: (r) => r.firstResponse.p90Sec,
    format: formatDuration,
    better: 'lower',
    change: 'relative',
  },
  slaMetRate: { value: (r) => r.slaMetRate, format: share, better: 'higher', change: 'points' },
  csat: {
    value: (r) => r.csat.avg,
    format: (v, l) => formatNumber(v, l, 2),
    better: 'higher',
    change: 'difference',
  },
  negativeEndRate: { value: (r) => r.negativeEndRate, format: share, better: 'lower', change: 'points' },
  emojiPer10: {
    value: (r) => (r.emoji.perAgentMessage === null ? null : r.emoji.perAgentMessage * 10),
    format: (v, l) => formatNumber(v, l, 1),
    better: null,
    change: 'difference',
  },
  emojiWhileNegative: {
    value: (r) => (r.volume.conversations ? (100 * r.emoji.whileNegative) / r.volume.conversations : null),
    format: (v, l) => formatNumber(v, l, 1),
    better: 'lower',
    change: 'difference',
  },
};

export const METRIC_NAMES: Messages<MetricKey> = {
  'zh-CN': {
    conversations: '会话量',
    avgScore: '平均分',
    passRate: '合格率',
    firstResponseP50: '首次响应 p50',
    firstResponseP90: '首次响应 p90',
    slaMetRate: 'SLA 达标率',
    csat: '满意度 (CSAT)',
    negativeEndRate: '客户负面结束占比',
    emojiPer10: '表情 / 10 条客服消息',
    emojiWhileNegative: '客户负面时的表情 / 百通',
  },
  en: {
    conversations: 'Conversations',
    avgScore: 'Average score',
    passRate: 'Pass rate',
    firstResponseP50: 'First response p50',
    firstResponseP90: 'First response p90',
    slaMetRate: 'SLA met',
    csat: 'CSAT',
    negativeEndRate: 'Ending with a negative customer',
    emojiPer10: 'Emoji per 10 agent messages',
    emojiWhileNegative: 'Emoji to a negative customer per 100 conversations',
  },
};

/** The change from `before` to `now` as the metric writes it, null when either is unknown. */
export function changeOf(
  key: MetricKey,
  now: ReportRow | undefined,
  before: ReportRow | undefined,
): number | null {
  const a = now ? METRICS[key].value(now) : null;
  const b = before ? METRICS[key].value(before) : null;
  if (a === null || b === null) return null;
  const metric = METRICS[key];
  if (metric.change === 'relative') return b === 0 ? null : (a - b) / b;
  return metric.change === 'points' ? (a - b) * 100 : a - b;
}

/** "+12.5%", "+2.1 pp", "−0.8": the change as its metric writes it, with its sign. */
export function formatChange(key: MetricKey, change: number, locale: Locale): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const size = Math.abs(change);
  const kind = METRICS[key].change;
  if (kind === 'relative') return `${sign}${formatPercent(size, locale)}`;
  if (kind === 'points')
    return `${sign}${formatNumber(size, locale, 1)}${locale === 'zh-CN' ? ' 个百分点' : ' pp'}`;
  return `${sign}${formatNumber(size, locale, key === 'csat' ? 2 : 1)}`;
}

/** Whether a change is good (1), bad (−1) or neither (0) for the metric. */
export function verdictOf(key: MetricKey, change: number | null): 1 | -1 | 0 {
  const better = METRICS[key].better;
  if (change === null || better === null || Math.abs(change) < 1e-9) return 0;
  return change > 0 === (better === 'higher') ? 1 : -1;
}

const CHANNEL_NAMES: Messages<Channel> = {
  'zh-CN': {
    chat: '在线聊天',
    voice: '电话',
    email: '邮件',
    social: '社交媒体',
    miniprogram: '微信小程序',
    sms: '短信',
    other: '其他',
  },
  en: {
    chat: 'Chat',
    voice: 'Voice',
    email: 'Email',
    social: 'Social media',
    miniprogram: 'WeChat mini program',
    sms: 'SMS',
    other: 'Other',
  },
};

/** A channel's name in the interface language (the id of one core does not know). */
export const channelName = (key: string, locale: Locale): string =>
  (CHANNEL_NAMES[locale] as Record<string, string>)[key] ?? key;
