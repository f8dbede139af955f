import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import type { ReportRow } from '@serviq/contracts';
import { type Messages, useLocale, useText } from '../i18n/locale.tsx';
import { changeOf, formatChange, type MetricKey, verdictOf } from '../lib/report-metrics.ts';

const MESSAGES: Messages<'versus' | 'none' | 'up' | 'down' | 'same'> = {
  'zh-CN': { versus: '较上期', none: '上期无数据', up: '上升', down: '下降', same: '持平' },
  en: { versus: 'vs previous period', none: 'no previous data', up: 'up', down: 'down', same: 'unchanged' },
};

const COLORS = { 1: '#389e0d', [-1]: '#cf1322', 0: '#8c8c8c' } as const;

/**
 * The change of a metric against the previous period: an arrow for the direction, the colour for
 * good (green) or bad (red) as the metric judges it (lower response times are better).
 */
export function ReportDelta({
  metric,
  now,
  before,
  hasLabel = true,
}: {
  metric: MetricKey;
  now: ReportRow | undefined;
  before: ReportRow | undefined;
  hasLabel?: boolean;
}) {
  const t = useText(MESSAGES);
  const { locale } = useLocale();
  const change = changeOf(metric, now, before);
  if (change === null)
    return <span style={{ color: COLORS[0], whiteSpace: 'nowrap' }}>{hasLabel ? t.none : '—'}</span>;
  const Arrow = change > 0 ? ArrowUpOutlined : change < 0 ? ArrowDownOutlined : MinusOutlined;
  const direction = change > 0 ? t.up : change < 0 ? t.down : t.same;
  const text = formatChange(metric, change, locale);
  return (
    <span
      style={{ color: COLORS[verdictOf(metric, change)], whiteSpace: 'nowrap' }}
      title={`${t.versus} ${direction} ${text}`}
    >
      <Arrow aria-label={direction} /> {text}
      {hasLabel ? <span style={{ color: COLORS[0], marginLeft: 4 }}>{t.versus}</span> : null}
    </span>
  );
}
