import type { ReportRow, TopHit } from '@serviq/contracts';
import type { Channel } from '@serviq/core';
import { Alert, Card, Col, Row, Segmented, Space, Typography } from 'antd';
import { type ReactNode, useCallback, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ChartOrTable } from '../../components/report-chart-card.tsx';
import { ReportDelta } from '../../components/report-delta.tsx';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { useDirectory, useReports } from '../../lib/report-data.ts';
import { channelName, METRIC_NAMES, METRICS, type MetricKey } from '../../lib/report-metrics.ts';
import {
  bucketRange,
  type ConversationFilters,
  conversationsOf,
  GRANULARITIES,
  type Granularity,
  previousOf,
  usePeriod,
} from '../../lib/report-period.ts';
import { useRuleCatalog } from '../../lib/report-rules.ts';
import { Breakdown } from './breakdown.tsx';

const MESSAGES: Messages<
  | 'title'
  | 'kpiConversations'
  | 'kpiScore'
  | 'kpiPassRate'
  | 'kpiFirstResponse'
  | 'kpiSla'
  | 'kpiCsat'
  | 'kpiNegative'
  | 'view'
  | 'viewFailed'
  | 'viewNegative'
  | 'viewRated'
  | 'satisfied'
  | 'rated'
  | 'trend'
  | 'trendLabel'
  | 'granularity'
  | Granularity
  | 'weekOf'
  | 'byTeam'
  | 'byAgent'
  | 'byChannel'
  | 'byQueue'
  | 'topRules'
  | 'topRulesLabel'
  | 'rule'
  | 'category'
  | 'hits'
  | 'shareOfConversations'
  | 'bucket'
  | 'scored'
> = {
  'zh-CN': {
    title: '总览',
    kpiConversations: '会话量',
    kpiScore: '平均质检分',
    kpiPassRate: '合格率',
    kpiFirstResponse: '首次响应时间',
    kpiSla: 'SLA 达标率',
    kpiCsat: '满意度 (CSAT)',
    kpiNegative: '客户负面结束占比',
    view: '查看会话',
    viewFailed: '查看不合格会话',
    viewNegative: '查看负面结束的会话',
    viewRated: '查看有评价的会话',
    satisfied: '满意 (4–5 分)',
    rated: '评价数',
    trend: '趋势',
    trendLabel: '会话量、平均分与合格率的趋势图，点击柱或点查看该时段的会话',
    granularity: '粒度',
    day: '日',
    week: '周',
    month: '月',
    weekOf: '{date} 周',
    byTeam: '按团队',
    byAgent: '按客服',
    byChannel: '按渠道',
    byQueue: '按队列',
    topRules: '违规最多的规则',
    topRulesLabel: '违规最多的规则条形图，点击查看命中该规则的会话',
    rule: '规则',
    category: '类别',
    hits: '命中会话',
    shareOfConversations: '占会话',
    bucket: '时段',
    scored: '已评分会话',
  },
  en: {
    title: 'Overview',
    kpiConversations: 'Conversations',
    kpiScore: 'Average QA score',
    kpiPassRate: 'Pass rate',
    kpiFirstResponse: 'First response time',
    kpiSla: 'SLA met',
    kpiCsat: 'CSAT',
    kpiNegative: 'Ending with a negative customer',
    view: 'View conversations',
    viewFailed: 'View failed conversations',
    viewNegative: 'View those ending negative',
    viewRated: 'View rated conversations',
    satisfied: 'satisfied (4–5)',
    rated: 'ratings',
    trend: 'Trend',
    trendLabel: 'Trend of volume, average score and pass rate; click a bar or point for its conversations',
    granularity: 'Granularity',
    day: 'Day',
    week: 'Week',
    month: 'Month',
    weekOf: 'wk {date}',
    byTeam: 'By team',
    byAgent: 'By agent',
    byChannel: 'By channel',
    byQueue: 'By queue',
    topRules: 'Most violated rules',
    topRulesLabel: 'Most violated rules; click a bar for the conversations that hit the rule',
    rule: 'Rule',
    category: 'Category',
    hits: 'Conversations hit',
    shareOfConversations: 'Share',
    bucket: 'Period',
    scored: 'Scored conversations',
  },
};

const NO_ROWS: ReportRow[] = [];
const NO_HITS: TopHit[] = [];
const asIs = (key: string) => key;

type Kpi = {
  testId: string;
  title: string;
  metrics: MetricKey[];
  detail?: ReactNode;
  link: { label: string; filters?: ConversationFilters };
  span: number;
};

/** The report overview: KPIs against the previous period, trends, breakdowns and top rules. */
export function OverviewPage() {
  const t = useText(MESSAGES);
  const metricNames = useText(METRIC_NAMES);
  const { locale, timeZone } = useLocale();
  const navigate = useNavigate();
  const periodState = usePeriod(timeZone);
  const { period, granularity, setGranularity } = periodState;
  const range = { from: period.from, to: period.to, timeZone };

  // Asked first: the rule names take two round trips (the rule sets, then their texts), which then
  // overlap the reports.
  const catalog = useRuleCatalog(locale);
  const directory = useDirectory();
  // Only the current period shows rules: the other reports skip them (topHits: 0), which is faster.
  const reports = useReports({
    current: range,
    before: { ...previousOf(period), timeZone, topHits: 0 },
    team: { ...range, groupBy: 'team', topHits: 0 },
    agent: { ...range, groupBy: 'agent', topHits: 0 },
    channel: { ...range, groupBy: 'channel', topHits: 0 },
    queue: { ...range, groupBy: 'queue', topHits: 0 },
  });
  const trend = useReports({ trend: { ...range, groupBy: granularity, topHits: 0 } });
  const states = [reports, trend, directory, catalog];
  const isLoading = states.some((s) => s.isLoading);
  const error = states.find((s) => s.error)?.error;
  const breakdown = (key: 'team' | 'agent' | 'channel' | 'queue') =>
    directory.data && reports.data?.[key].rows;

  const now = reports.data?.current.rows[0];
  const previous = reports.data?.before.rows[0];
  const href = (filters?: ConversationFilters) => conversationsOf(period, filters);

  const kpis: Kpi[] = [
    {
      testId: 'kpi-conversations',
      title: t.kpiConversations,
      metrics: ['conversations'],
      link: { label: t.view },
      span: 6,
    },
    { testId: 'kpi-score', title: t.kpiScore, metrics: ['avgScore'], link: { label: t.view }, span: 6 },
    {
      testId: 'kpi-pass-rate',
      title: t.kpiPassRate,
      metrics: ['passRate'],
      detail: now ? `${t.scored}: ${formatNumber(now.scored, locale)}` : null,
      link: { label: t.viewFailed, filters: { isPassed: false } },
      span: 6,
    },
    {
      testId: 'kpi-sla',
      title: t.kpiSla,
      metrics: ['slaMetRate'],
      link: { label: t.view },
      span: 6,
    },
    {
      testId: 'kpi-first-response',
      title: t.kpiFirstResponse,
      metrics: ['firstResponseP50', 'firstResponseP90'],
      link: { label: t.view },
      span: 10,
    },
    {
      testId: 'kpi-csat',
      title: t.kpiCsat,
      metrics: ['csat'],
      detail: now
        ? `${t.satisfied} ${formatPercent(now.csat.satisfiedRate, locale)} · ${t.rated} ${formatNumber(now.csat.count, locale)}`
        : null,
      link: { label: t.viewRated, filters: { minCsat: 1 } },
      span: 7,
    },
    {
      testId: 'kpi-negative-ending',
      title: t.kpiNegative,
      metrics: ['negativeEndRate'],
      link: { label: t.viewNegative, filters: { isNegativeEnd: true } },
      span: 7,
    },
  ];

  const trendRows = trend.data?.trend.rows ?? NO_ROWS;
  const bucketLabel = useCallback(
    (key: string | null) => {
      if (key === null) return '—';
      if (granularity === 'month') return key;
      const short = key.slice(5);
      return granularity === 'week' ? fill(t.weekOf, { date: short }) : short;
    },
    [granularity, t.weekOf],
  );
  const channelLabel = useCallback((key: string) => channelName(key, locale), [locale]);
  const bucketHref = (row: ReportRow) =>
    row.key === null ? href() : conversationsOf(bucketRange(row.key, granularity, timeZone, period));
  const trendOption = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: trendRows.map((r) => bucketLabel(r.key)) },
      yAxis: [
        { type: 'value', name: metricNames.conversations, nameTextStyle: { align: 'left' } },
        { type: 'value', min: 0, max: 100, splitLine: { show: false } },
      ],
      series: [
        {
          name: metricNames.conversations,
          type: 'bar',
          data: trendRows.map((r) => r.volume.conversations),
          itemStyle: { color: '#91caff' },
        },
        {
          name: metricNames.avgScore,
          type: 'line',
          yAxisIndex: 1,
          symbolSize: 8,
          data: trendRows.map((r) => r.avgScore),
          itemStyle: { color: '#1668dc' },
        },
        {
          name: `${metricNames.passRate} (%)`,
          type: 'line',
          yAxisIndex: 1,
          symbolSize: 8,
          data: trendRows.map((r) => (r.passRate === null ? null : Math.round(r.passRate * 1000) / 10)),
          itemStyle: { color: '#52c41a' },
        },
      ],
    }),
    [trendRows, metricNames, bucketLabel],
  );

  const topHits = now?.topHits ?? NO_HITS;
  const topRulesOption = useMemo<ChartOption>(() => {
    const label = catalog.data?.label;
    return {
      animation: false,
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: topHits.map((h) => label?.(h.rule).name ?? h.rule),
        axisLabel: { width: 190, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t.hits,
          data: topHits.map((h) => h.count),
          itemStyle: { color: '#ff7875' },
          label: { show: true, position: 'right' },
        },
      ],
    };
  }, [topHits, catalog.data, t]);

  return (
    <div data-testid="overview" data-state={isLoading ? 'loading' : 'ready'} aria-busy={isLoading}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <PeriodPicker state={periodState} />
      </Space>
      {error ? <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} /> : null}

      <Row gutter={[16, 16]}>
        {kpis.map((kpi) => (
          <Col key={kpi.testId} span={kpi.span}>
            <Card size="small" data-testid={kpi.testId} title={kpi.title} style={{ height: '100%' }}>
              <Space size={24} align="start">
                {kpi.metrics.map((metric) => (
                  <div key={metric}>
                    {kpi.metrics.length > 1 ? (
                      <Typography.Text type="secondary">{metricNames[metric]}</Typography.Text>
                    ) : null}
                    <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3 }}>
                      {now ? METRICS[metric].format(METRICS[metric].value(now), locale) : '—'}
                    </div>
                    <ReportDelta metric={metric} now={now} before={previous} />
                  </div>
                ))}
              </Space>
              {kpi.detail ? (
                <div>
                  <Typography.Text type="secondary">{kpi.detail}</Typography.Text>
                </div>
              ) : null}
              <div style={{ marginTop: 4 }}>
                <Link to={href(kpi.link.filters)}>{kpi.link.label}</Link>
              </div>
            </Card>
          </Col>
        ))}

        <Col span={24}>
          <ChartOrTable
            title={t.trend}
            extra={
              <Segmented<Granularity>
                size="small"
                aria-label={t.granularity}
                value={granularity}
                onChange={setGranularity}
                options={GRANULARITIES.map((g) => ({ value: g, label: t[g] }))}
              />
            }
            chart={
              trend.data && (
                <Chart
                  testId="chart-trend"
                  label={t.trendLabel}
                  option={trendOption}
                  height={260}
                  onClick={(click) => {
                    const row = trendRows[click.dataIndex];
                    if (row) navigate(bucketHref(row));
                  }}
                />
              )
            }
            table={{
              rowKey: (r) => r.key ?? '',
              dataSource: trendRows,
              columns: [
                {
                  title: t.bucket,
                  key: 'key',
                  render: (_, r) => <Link to={bucketHref(r)}>{bucketLabel(r.key)}</Link>,
                },
                ...(['conversations', 'avgScore', 'passRate', 'firstResponseP50'] as const).map((m) => ({
                  title: metricNames[m],
                  key: m,
                  render: (_: unknown, r: ReportRow) => METRICS[m].format(METRICS[m].value(r), locale),
                })),
              ],
            }}
          />
        </Col>

        <Col span={8}>
          <Breakdown
            title={t.byTeam}
            testId="chart-team"
            rows={breakdown('team')}
            tableMetrics={['conversations']}
            defaultMetric="avgScore"
            labelOf={directory.directory.teamLabel}
            hrefOf={(key) => href({ team: [key] })}
          />
        </Col>
        <Col span={8}>
          <Breakdown
            title={t.byChannel}
            testId="chart-channel"
            rows={breakdown('channel')}
            tableMetrics={['firstResponseP90', 'conversations']}
            defaultMetric="firstResponseP50"
            labelOf={channelLabel}
            hrefOf={(key) => href({ channel: [key as Channel] })}
          />
        </Col>
        <Col span={8}>
          <Breakdown
            title={t.byQueue}
            testId="chart-queue"
            rows={breakdown('queue')}
            tableMetrics={['conversations']}
            defaultMetric="conversations"
            labelOf={asIs}
            hrefOf={(key) => href({ queue: [key] })}
          />
        </Col>
        <Col span={12}>
          <Breakdown
            title={t.byAgent}
            testId="chart-agent"
            rows={breakdown('agent')}
            tableMetrics={['conversations', 'avgScore', 'passRate', 'firstResponseP50', 'firstResponseP90']}
            defaultMetric="avgScore"
            labelOf={directory.directory.agentLabel}
            hrefOf={(key) => href({ agent: [key] })}
          />
        </Col>
        <Col span={12}>
          <ChartOrTable
            title={t.topRules}
            chart={
              reports.data &&
              catalog.data && (
                <Chart
                  testId="chart-top-rules"
                  label={t.topRulesLabel}
                  option={topRulesOption}
                  height={Math.max(160, topHits.length * 30 + 16)}
                  onClick={(click) => {
                    const hit = topHits[click.dataIndex];
                    if (hit) navigate(href({ rule: [hit.rule] }));
                  }}
                />
              )
            }
            table={{
              rowKey: (h) => h.rule,
              dataSource: topHits,
              columns: [
                {
                  title: t.rule,
                  key: 'rule',
                  render: (_, h) => (
                    <Link to={href({ rule: [h.rule] })}>{catalog.data?.label(h.rule).name ?? h.rule}</Link>
                  ),
                },
                {
                  title: t.category,
                  key: 'category',
                  render: (_, h) => catalog.data?.label(h.rule).category,
                },
                { title: t.hits, key: 'count', render: (_, h) => formatNumber(h.count, locale) },
                {
                  title: t.shareOfConversations,
                  key: 'share',
                  render: (_, h) =>
                    formatPercent(
                      now?.volume.conversations ? h.count / now.volume.conversations : null,
                      locale,
                    ),
                },
              ],
            }}
          />
        </Col>
      </Row>
    </div>
  );
}
