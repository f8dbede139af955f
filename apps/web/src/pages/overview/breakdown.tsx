import type { ReportRow } from '@serviq/contracts';
import { Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { ChartOrTable } from '../../components/report-chart-card.tsx';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { METRIC_KEYS, METRIC_NAMES, METRICS, type MetricKey } from '../../lib/report-metrics.ts';

const MESSAGES: Messages<'metric' | 'unassigned' | 'name' | 'chartLabel'> = {
  'zh-CN': {
    metric: '指标',
    unassigned: '（未分配）',
    name: '名称',
    chartLabel: '{title}：按{metric}排序的条形图，点击条目查看其会话；切换到表格可用键盘操作',
  },
  en: {
    metric: 'Metric',
    unassigned: '(unassigned)',
    name: 'Name',
    chartLabel:
      '{title}: bars by {metric}; click a bar for its conversations, or switch to the table to use the keyboard',
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a bar's tooltip tells besides the chosen metric. */
const TOOLTIP_METRICS: MetricKey[] = [
  'conversations',
  'avgScore',
  'passRate',
  'firstResponseP50',
  'firstResponseP90',
];

/**
 * Report rows of one dimension (team, agent, channel, queue) as sorted bars of a chosen metric;
 * a bar opens the conversations of its group.
 */
export function Breakdown({
  title,
  testId,
  rows,
  defaultMetric,
  labelOf,
  hrefOf,
  tableMetrics,
}: {
  title: string;
  testId: string;
  /** Undefined while loading. */
  rows: ReportRow[] | undefined;
  defaultMetric: MetricKey;
  labelOf(key: string): string;
  hrefOf(key: string): string;
  /** The table's columns besides the chosen metric: few in a narrow card. */
  tableMetrics: MetricKey[];
}) {
  const t = useText(MESSAGES);
  const names = useText(METRIC_NAMES);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [metric, setMetric] = useState<MetricKey>(defaultMetric);
  const sorted = useMemo(() => {
    const { value } = METRICS[metric];
    const rank = (row: ReportRow) => value(row) ?? Number.NEGATIVE_INFINITY;
    return [...(rows ?? [])].sort((a, b) => rank(b) - rank(a));
  }, [rows, metric]);
  const label = useCallback(
    (row: ReportRow) => (row.key === null ? t.unassigned : labelOf(row.key)),
    [t.unassigned, labelOf],
  );

  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 64, top: 4, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const row = sorted[p.dataIndex];
          if (!row) return '';
          const lines = [...new Set([metric, ...TOOLTIP_METRICS])].map(
            (m) => `${escapeHtml(names[m])}: ${METRICS[m].format(METRICS[m].value(row), locale)}`,
          );
          return `<b>${escapeHtml(label(row))}</b><br/>${lines.join('<br/>')}`;
        },
      },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map(label),
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: names[metric],
          data: sorted.map((r) => METRICS[metric].value(r)),
          itemStyle: { color: '#4096ff' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const row = sorted[p.dataIndex];
              return row ? METRICS[metric].format(METRICS[metric].value(row), locale) : '';
            },
          },
        },
      ],
    }),
    [sorted, metric, names, locale, label],
  );

  const columns: ColumnsType<ReportRow> = [
    {
      title: t.name,
      key: 'key',
      render: (_, row) => (row.key === null ? label(row) : <Link to={hrefOf(row.key)}>{label(row)}</Link>),
    },
    ...[...new Set([metric, ...tableMetrics])].map((m) => ({
      title: names[m],
      key: m,
      render: (_: unknown, row: ReportRow) => METRICS[m].format(METRICS[m].value(row), locale),
    })),
  ];

  return (
    <ChartOrTable
      title={title}
      toolbar={
        <Select<MetricKey>
          size="small"
          aria-label={`${title}: ${t.metric}`}
          value={metric}
          onChange={setMetric}
          prefix={`${t.metric}:`}
          style={{ minWidth: 220 }}
          popupMatchSelectWidth={false}
          options={METRIC_KEYS.map((m) => ({ value: m, label: names[m] }))}
        />
      }
      chart={
        rows && (
          <Chart
            testId={testId}
            label={fill(t.chartLabel, { title, metric: names[metric] })}
            option={option}
            height={Math.max(120, sorted.length * 26 + 12)}
            onClick={(click) => {
              const row = sorted[click.dataIndex];
              if (row?.key != null) navigate(hrefOf(row.key));
            }}
          />
        )
      }
      table={{ rowKey: (row) => row.key ?? '', dataSource: sorted, columns }}
    />
  );
}
