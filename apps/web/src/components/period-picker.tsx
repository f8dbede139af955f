import { DatePicker, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type Messages, useLocale, useText } from '../i18n/locale.tsx';
import { formatDateTime } from '../lib/format.ts';
import { localDate, PERIOD_PRESETS, type PeriodPreset, type PeriodState } from '../lib/report-period.ts';

const MESSAGES: Messages<PeriodPreset | 'period' | 'range' | 'shown'> = {
  'zh-CN': {
    thisWeek: '本周',
    last7Days: '近 7 天',
    thisMonth: '本月',
    last30Days: '近 30 天',
    custom: '自定义',
    period: '时间范围',
    range: '自定义日期范围',
    shown: '统计区间',
  },
  en: {
    thisWeek: 'This week',
    last7Days: 'Last 7 days',
    thisMonth: 'This month',
    last30Days: 'Last 30 days',
    custom: 'Custom',
    period: 'Period',
    range: 'Custom date range',
    shown: 'Showing',
  },
};

/** The period of a report page: presets, or a custom range of local dates (both ends included). */
export function PeriodPicker({ state }: { state: PeriodState }) {
  const t = useText(MESSAGES);
  const { timeZone } = useLocale();
  const { period, setPreset } = state;
  // "Custom" stays chosen while its dates are being picked.
  const [isPickingCustom, setIsPickingCustom] = useState(false);
  const preset = isPickingCustom ? 'custom' : period.preset;
  const lastHour = period.to - 1;
  return (
    <Space wrap size={8} data-testid="period-picker">
      <Segmented<PeriodPreset>
        aria-label={t.period}
        value={preset}
        options={PERIOD_PRESETS.map((p) => ({ value: p, label: t[p] }))}
        onChange={(next) => {
          if (next === 'custom') setIsPickingCustom(true);
          else {
            setIsPickingCustom(false);
            setPreset(next);
          }
        }}
      />
      {preset === 'custom' ? (
        <DatePicker.RangePicker
          aria-label={t.range}
          allowClear={false}
          value={[dayjs(localDate(period.from, timeZone)), dayjs(localDate(lastHour, timeZone))]}
          onChange={(range) => {
            const [start, end] = range ?? [];
            if (!start || !end) return;
            setIsPickingCustom(false);
            setPreset('custom', { start: start.format('YYYY-MM-DD'), end: end.format('YYYY-MM-DD') });
          }}
        />
      ) : null}
      <Typography.Text type="secondary">
        {t.shown}: {formatDateTime(period.from, timeZone)} – {formatDateTime(period.to, timeZone)}
      </Typography.Text>
    </Space>
  );
}
