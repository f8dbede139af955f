import type { Report, ReportQuery, ReportRow } from '@serviq/contracts';
import { Alert, Col, Row, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { ChartOrTable } from '../../components/report-chart-card.tsx';
import { ReportDelta } from '../../components/report-delta.tsx';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { useReports } from '../../lib/report-data.ts';
import { METRIC_NAMES, METRICS, type MetricKey } from '../../lib/report-metrics.ts';
import {
  bucketRange,
  type ConversationFilters,
  conversationsOf,
  type Period,
  previousOf,
} from '../../lib/report-period.ts';
import type { EmojiNorm, RuleCatalog } from '../../lib/report-rules.ts';

const MESSAGES: Messages<
  | 'summary'
  | 'viewAll'
  | 'viewFailed'
  | 'viewEmojiNegative'
  | 'viewEmoji'
  | 'trend'
  | 'trendLabel'
  | 'bucket'
  | 'agent'
  | 'team'
  | 'all'
  | 'weakest'
  | 'weakestHint'
  | 'categories'
  | 'categoriesLabel'
  | 'category'
  | 'rule'
  | 'hitRate'
  | 'vsTeam'
  | 'vsBefore'
  | 'perHundred'
  | 'responses'
  | 'emoji'
  | 'figure'
  | 'emojiShare'
  | 'normHits'
  | 'norms'
  | 'normsHint'
  | 'perMessage'
  | 'perConversation'
  | 'noIndustry'
  | 'over'
  | 'within'
  | 'normRules'
  | 'none'
  | 'risen'
> = {
  'zh-CN': {
    summary: '概况',
    viewAll: '查看该客服的会话',
    viewFailed: '不合格会话',
    viewEmojiNegative: '客户负面时用了表情的会话',
    viewEmoji: '用了表情的会话',
    trend: '分数趋势',
    trendLabel: '客服与团队的平均分趋势，点击查看该时段该客服的会话',
    bucket: '时段',
    agent: '本人',
    team: '团队',
    all: '全体',
    weakest: '薄弱规则（与团队相比）',
    weakestHint: '命中率 = 命中该规则的会话 / 会话数；按高出团队的幅度排序，可看出分数下降的原因。',
    categories: '规则类别命中（每百通）',
    categoriesLabel: '按规则类别的命中次数，本人与团队对比，点击查看该客服命中该类别规则的会话',
    category: '类别',
    rule: '规则',
    hitRate: '命中率',
    vsTeam: '比团队',
    vsBefore: '比上期',
    perHundred: '每百通',
    responses: '响应时间',
    emoji: '表情使用',
    figure: '指标',
    emojiShare: '含表情的客服消息占比',
    normHits: '违反表情规范 / 百通',
    norms: '行业表情规范（emoji-norms 规则包）',
    normsHint: '每个会话按其行业适用一组规范；上表“违反表情规范”按各会话自己的行业判定。',
    perMessage: '每 10 条客服消息不超过 {n} 个',
    perConversation: '每通不超过 {n} 个',
    noIndustry: '未标行业',
    over: '本人 {value}，超出',
    within: '本人 {value}，符合',
    normRules: '命中的表情规范规则',
    none: '无',
    risen: '较上期命中率上升最多的规则',
  },
  en: {
    summary: 'Summary',
    viewAll: 'View this agent’s conversations',
    viewFailed: 'Failed conversations',
    viewEmojiNegative: 'Emoji while the customer was negative',
    viewEmoji: 'Conversations with emoji',
    trend: 'Score trend',
    trendLabel: 'Average score of the agent and the team; click for the agent’s conversations of that period',
    bucket: 'Period',
    agent: 'Agent',
    team: 'Team',
    all: 'Everyone',
    weakest: 'Weakest rules (against the team)',
    weakestHint:
      'Hit rate = conversations that hit the rule / conversations; sorted by how far above the team, which shows why a score dropped.',
    categories: 'Hits by rule category (per 100 conversations)',
    categoriesLabel:
      'Rule hits by category, agent against team; click for the agent’s conversations hitting that category',
    category: 'Category',
    rule: 'Rule',
    hitRate: 'Hit rate',
    vsTeam: 'vs team',
    vsBefore: 'vs previous',
    perHundred: 'per 100',
    responses: 'Response times',
    emoji: 'Emoji use',
    figure: 'Figure',
    emojiShare: 'Agent messages with emoji',
    normHits: 'Emoji norm violations / 100 conversations',
    norms: 'Industry emoji norms (emoji-norms pack)',
    normsHint:
      'Each conversation meets the norm of its industry; “emoji norm violations” above judge each conversation by its own.',
    perMessage: 'at most {n} per 10 agent messages',
    perConversation: 'at most {n} per conversation',
    noIndustry: 'no industry',
    over: 'agent {value}: over',
    within: 'agent {value}: within',
    normRules: 'Emoji norm rules hit',
    none: 'none',
    risen: 'Rules hit more often than in the previous period',
  },
};

const DAY_MS = 86_400_000;

type RuleLine = {
  rule: string;
  name: string;
  category: string;
  agent: number;
  team: number | null;
  before: number | null;
};
type Comparison = { key: string; label: string; agent: string; team: string; all: string; delta?: MetricKey };

/** Hits of each rule per conversation of the row (the report lists every rule with topHits: 1000). */
function ratesOf(row: ReportRow | undefined): Map<string, number> {
  const rates = new Map<string, number>();
  const n = row?.volume.conversations ?? 0;
  if (n > 0) for (const hit of row?.topHits ?? []) rates.set(hit.rule, hit.count / n);
  return rates;
}

const points = (x: number | null, locale: 'zh-CN' | 'en') =>
  x === null
    ? '—'
    : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${formatNumber(Math.abs(x) * 100, locale, 1)}${locale === 'zh-CN' ? ' 个百分点' : ' pp'}`;

/**
 * One agent over the period: score trend against the team, the rules and categories they fail
 * more than the team (and than before), response times, emoji use against the team and the norms.
 */
export function AgentDetail({
  agent,
  team,
  period,
  all,
  catalog,
  hasTeam,
}: {
  agent: string;
  team: string | null;
  period: Period;
  all: ReportRow | undefined;
  catalog: RuleCatalog | undefined;
  /** Whether team figures mean anything: an agent's team report holds only their own conversations. */
  hasTeam: boolean;
}) {
  const t = useText(MESSAGES);
  const names = useText(METRIC_NAMES);
  const { locale, timeZone } = useLocale();
  const navigate = useNavigate();
  const granularity = period.to - period.from > 35 * DAY_MS ? 'week' : 'day';
  const teamId = hasTeam ? team : null;
  const range = { from: period.from, to: period.to, timeZone };
  const queries: Record<string, ReportQuery> = {
    agent: { ...range, agent, topHits: 1000 },
    before: { ...previousOf(period), timeZone, agent, topHits: 1000 },
    trend: { ...range, agent, groupBy: granularity, topHits: 0 },
  };
  if (teamId) {
    queries.team = { ...range, team: teamId, topHits: 1000 };
    queries.teamTrend = { ...range, team: teamId, groupBy: granularity, topHits: 0 };
  }
  const reports = useReports<string>(queries);
  const data: Record<string, Report | undefined> | undefined = reports.data;
  const now = data?.agent?.rows[0];
  const before = data?.before?.rows[0];
  const teamRow = data?.team?.rows[0];
  const href = (filters: ConversationFilters = {}) => conversationsOf(period, { agent: [agent], ...filters });

  const trendRows = data?.trend?.rows;
  const teamTrend = data?.teamTrend?.rows;
  const trendOption = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: (trendRows ?? []).map((r) => r.key?.slice(5) ?? '—') },
      yAxis: {
        type: 'value',
        min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10),
        max: 100,
      },
      series: [
        {
          name: t.agent,
          type: 'line',
          symbolSize: 8,
          data: (trendRows ?? []).map((r) => r.avgScore),
          itemStyle: { color: '#1668dc' },
        },
        ...(teamTrend
          ? [
              {
                name: t.team,
                type: 'line',
                symbolSize: 6,
                lineStyle: { type: 'dashed' },
                data: (trendRows ?? []).map((r) => teamTrend.find((x) => x.key === r.key)?.avgScore ?? null),
                itemStyle: { color: '#8c8c8c' },
              },
            ]
          : []),
      ],
    }),
    [trendRows, teamTrend, t.agent, t.team],
  );

  const label = catalog?.label;
  const rules = useMemo<RuleLine[]>(() => {
    const mine = ratesOf(now);
    const theirs = ratesOf(teamRow);
    const earlier = ratesOf(before);
    const ids = new Set([...mine.keys(), ...theirs.keys(), ...earlier.keys()]);
    return [...ids]
      .map((rule) => ({
        rule,
        name: label?.(rule).name ?? rule,
        category: label?.(rule).category ?? '—',
        agent: mine.get(rule) ?? 0,
        team: teamRow ? (theirs.get(rule) ?? 0) : null,
        before: before?.volume.conversations ? (earlier.get(rule) ?? 0) : null,
      }))
      .sort((a, b) => b.agent - (b.team ?? 0) - (a.agent - (a.team ?? 0)) || b.agent - a.agent);
  }, [now, teamRow, before, label]);

  const categories = useMemo(() => {
    const sums = new Map<string, { agent: number; team: number }>();
    for (const r of rules) {
      const sum = sums.get(r.category) ?? { agent: 0, team: 0 };
      sum.agent += r.agent;
      sum.team += r.team ?? 0;
      sums.set(r.category, sum);
    }
    return [...sums]
      .map(([category, s]) => ({ category, ...s }))
      .sort((a, b) => b.agent - b.team - (a.agent - a.team));
  }, [rules]);
  const categoryHref = (category: string) => href({ rule: catalog?.rulesOf(category) ?? [] });
  const categoryOption = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 40, top: 28, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: categories.map((c) => c.category),
        axisLabel: { width: 130, overflow: 'truncate' },
      },
      series: [
        {
          name: t.agent,
          type: 'bar',
          data: categories.map((c) => Math.round(c.agent * 1000) / 10),
          itemStyle: { color: '#ff7875' },
          label: { show: true, position: 'right' },
        },
        ...(teamRow
          ? [
              {
                name: t.team,
                type: 'bar',
                data: categories.map((c) => Math.round(c.team * 1000) / 10),
                itemStyle: { color: '#bfbfbf' },
              },
            ]
          : []),
      ],
    }),
    [categories, teamRow, t.agent, t.team],
  );

  const state = reports.isLoading ? 'loading' : 'ready';
  if (reports.error)
    return (
      <div data-testid="agent-detail" data-state={state}>
        <Alert type="error" showIcon message={reports.error.message} />
      </div>
    );
  if (!now)
    return (
      <div data-testid="agent-detail" data-state={state}>
        <Skeleton active />
      </div>
    );

  const figure = (metric: MetricKey, row: ReportRow | undefined) =>
    row ? METRICS[metric].format(METRICS[metric].value(row), locale) : '—';
  const normHits = (row: ReportRow | undefined) => {
    if (!row?.volume.conversations || !catalog) return null;
    const count = row.topHits
      .filter((h) => catalog.label(h.rule).isEmojiNorm)
      .reduce((n, h) => n + h.count, 0);
    return (100 * count) / row.volume.conversations;
  };
  const comparisons = (keys: MetricKey[]): Comparison[] =>
    keys.map((key) => ({
      key,
      label: names[key],
      agent: figure(key, now),
      team: figure(key, teamRow),
      all: figure(key, all),
      delta: key,
    }));
  const comparisonColumns: ColumnsType<Comparison> = [
    { title: t.figure, dataIndex: 'label', key: 'label' },
    {
      title: t.agent,
      key: 'agent',
      render: (_, c) => (
        <Space size={8}>
          <strong>{c.agent}</strong>
          {c.delta ? <ReportDelta metric={c.delta} now={now} before={before} hasLabel={false} /> : null}
        </Space>
      ),
    },
    ...(teamRow ? [{ title: t.team, dataIndex: 'team', key: 'team' }] : []),
    ...(all ? [{ title: t.all, dataIndex: 'all', key: 'all' }] : []),
  ];
  const emojiRows: Comparison[] = [
    ...comparisons(['emojiPer10']),
    {
      key: 'share',
      label: t.emojiShare,
      agent: formatPercent(now.emoji.messagesWithEmojiRate, locale),
      team: formatPercent(teamRow?.emoji.messagesWithEmojiRate, locale),
      all: formatPercent(all?.emoji.messagesWithEmojiRate, locale),
    },
    ...comparisons(['emojiWhileNegative']),
    {
      key: 'norms',
      label: t.normHits,
      agent: formatNumber(normHits(now), locale, 1),
      team: formatNumber(normHits(teamRow), locale, 1),
      all: formatNumber(normHits(all), locale, 1),
    },
  ];
  // What changed since the previous period: the rules hit more often now (why a score dropped).
  const risen = rules
    .filter((r) => r.before !== null && r.agent > r.before)
    .sort((a, b) => b.agent - (b.before ?? 0) - (a.agent - (a.before ?? 0)))
    .slice(0, 3);
  const normRules = now.topHits.filter((h) => catalog?.label(h.rule).isEmojiNorm);

  const ruleColumns: ColumnsType<RuleLine> = [
    {
      title: t.rule,
      key: 'rule',
      render: (_, r) => <Link to={href({ rule: [r.rule] })}>{r.name}</Link>,
    },
    { title: t.category, dataIndex: 'category', key: 'category' },
    {
      title: t.hitRate,
      key: 'agent',
      align: 'right',
      sorter: (a, b) => a.agent - b.agent,
      render: (_, r) => formatPercent(r.agent, locale),
    },
    ...(teamRow
      ? [
          {
            title: t.vsTeam,
            key: 'team',
            align: 'right' as const,
            sorter: (a: RuleLine, b: RuleLine) => a.agent - (a.team ?? 0) - (b.agent - (b.team ?? 0)),
            render: (_: unknown, r: RuleLine) => (
              <Typography.Text type={r.team !== null && r.agent > r.team ? 'danger' : 'success'}>
                {points(r.team === null ? null : r.agent - r.team, locale)}
              </Typography.Text>
            ),
          },
        ]
      : []),
    {
      title: t.vsBefore,
      key: 'before',
      align: 'right',
      sorter: (a, b) => a.agent - (a.before ?? 0) - (b.agent - (b.before ?? 0)),
      render: (_, r) => (
        <Typography.Text type={r.before !== null && r.agent > r.before ? 'danger' : 'success'}>
          {points(r.before === null ? null : r.agent - r.before, locale)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <div data-testid="agent-detail" data-state={state} aria-busy={reports.isLoading}>
      <Space wrap size={[24, 8]} align="start" style={{ marginBottom: 12 }}>
        {(['conversations', 'avgScore', 'passRate', 'csat', 'negativeEndRate'] as const).map((metric) => (
          <div key={metric}>
            <Typography.Text type="secondary">{names[metric]}</Typography.Text>
            <div style={{ fontSize: 20, fontWeight: 600 }}>{figure(metric, now)}</div>
            <ReportDelta metric={metric} now={now} before={before} hasLabel={false} />
          </div>
        ))}
      </Space>
      {risen.length > 0 ? (
        <Typography.Paragraph>
          {t.risen}:{' '}
          {risen.map((r, i) => (
            <span key={r.rule}>
              {i > 0 ? (locale === 'zh-CN' ? '、' : ', ') : null}
              <Link to={href({ rule: [r.rule] })}>{r.name}</Link>{' '}
              <Typography.Text type="danger">{points(r.agent - (r.before ?? 0), locale)}</Typography.Text>
            </span>
          ))}
        </Typography.Paragraph>
      ) : null}
      <Space wrap size={16} style={{ marginBottom: 16 }}>
        <Link to={href()}>{t.viewAll}</Link>
        <Link to={href({ isPassed: false })}>{t.viewFailed}</Link>
        <Link to={href({ emoji: 'negative' })}>{t.viewEmojiNegative}</Link>
      </Space>

      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <ChartOrTable
          title={t.trend}
          chart={
            trendRows && (
              <Chart
                testId="agent-score-trend"
                label={t.trendLabel}
                option={trendOption}
                height={220}
                onClick={(click) => {
                  const row = trendRows[click.dataIndex];
                  if (row?.key)
                    navigate(
                      conversationsOf(bucketRange(row.key, granularity, timeZone, period), {
                        agent: [agent],
                      }),
                    );
                }}
              />
            )
          }
          table={{
            rowKey: (r) => r.key ?? '',
            dataSource: trendRows ?? [],
            columns: [
              {
                title: t.bucket,
                key: 'key',
                render: (_, r) =>
                  r.key ? (
                    <Link
                      to={conversationsOf(bucketRange(r.key, granularity, timeZone, period), {
                        agent: [agent],
                      })}
                    >
                      {r.key}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              { title: names.conversations, key: 'n', render: (_, r) => figure('conversations', r) },
              {
                title: `${names.avgScore} (${t.agent})`,
                key: 'score',
                render: (_, r) => figure('avgScore', r),
              },
              ...(teamTrend
                ? [
                    {
                      title: `${names.avgScore} (${t.team})`,
                      key: 'team',
                      render: (_: unknown, r: ReportRow) =>
                        figure(
                          'avgScore',
                          teamTrend.find((x) => x.key === r.key),
                        ),
                    },
                  ]
                : []),
            ],
          }}
        />

        <ChartOrTable
          title={t.categories}
          chart={
            <Chart
              testId="agent-categories"
              label={t.categoriesLabel}
              option={categoryOption}
              height={Math.max(140, categories.length * (teamRow ? 40 : 26) + 36)}
              onClick={(click) => {
                const category = categories[click.dataIndex];
                if (category) navigate(categoryHref(category.category));
              }}
            />
          }
          table={{
            rowKey: (c) => c.category,
            dataSource: categories,
            columns: [
              {
                title: t.category,
                key: 'category',
                render: (_, c) => <Link to={categoryHref(c.category)}>{c.category}</Link>,
              },
              {
                title: `${t.agent} (${t.perHundred})`,
                key: 'agent',
                render: (_, c) => formatNumber(c.agent * 100, locale, 1),
              },
              ...(teamRow
                ? [
                    {
                      title: `${t.team} (${t.perHundred})`,
                      key: 'team',
                      render: (_: unknown, c: { team: number }) => formatNumber(c.team * 100, locale, 1),
                    },
                  ]
                : []),
            ],
          }}
        />

        <div>
          <Typography.Title level={5}>{t.weakest}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t.weakestHint}
          </Typography.Paragraph>
          <Table<RuleLine>
            size="small"
            rowKey="rule"
            dataSource={rules}
            columns={ruleColumns}
            pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
          />
        </div>

        <Row gutter={16}>
          <Col span={24}>
            <Typography.Title level={5}>{t.responses}</Typography.Title>
            <Table<Comparison>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={comparisons(['firstResponseP50', 'firstResponseP90', 'slaMetRate'])}
              columns={comparisonColumns}
            />
          </Col>
        </Row>

        <div>
          <Typography.Title level={5}>{t.emoji}</Typography.Title>
          <Table<Comparison>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={emojiRows}
            columns={comparisonColumns}
          />
          <Space wrap size={16} style={{ margin: '8px 0' }}>
            <Link to={href({ emoji: 'negative' })}>{t.viewEmojiNegative}</Link>
            <Link to={href({ emoji: 'any' })}>{t.viewEmoji}</Link>
          </Space>
          <NormList norms={catalog?.emojiNorms ?? []} perMessage={now.emoji.perAgentMessage} />
          <Typography.Text strong>{t.normRules}: </Typography.Text>
          {normRules.length === 0 ? (
            t.none
          ) : (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {normRules.map((h) => (
                <li key={h.rule}>
                  <Link to={href({ rule: [h.rule] })}>{catalog?.label(h.rule).name ?? h.rule}</Link> ·{' '}
                  {h.count}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Space>
    </div>
  );
}

/** The norm pack's caps per industry group, with where the agent's emoji rate stands against each. */
function NormList({ norms, perMessage }: { norms: EmojiNorm[]; perMessage: number | null }) {
  const t = useText(MESSAGES);
  const { locale } = useLocale();
  if (norms.length === 0) return null;
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text strong>{t.norms}</Typography.Text>
      <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
        {norms.map((norm) => {
          const industries = norm.industries.map((i) => i ?? t.noIndustry).join(', ');
          const caps = [
            norm.maxPerMessage === null
              ? null
              : fill(t.perMessage, { n: formatNumber(norm.maxPerMessage * 10, locale, 1) }),
            norm.maxPerConversation === null ? null : fill(t.perConversation, { n: norm.maxPerConversation }),
          ].filter(Boolean);
          const value = perMessage === null ? null : formatNumber(perMessage * 10, locale, 1);
          const isOver =
            norm.maxPerMessage !== null && perMessage !== null && perMessage > norm.maxPerMessage;
          return (
            <li key={industries}>
              {industries}: {caps.join(locale === 'zh-CN' ? '；' : '; ')}
              {norm.maxPerMessage !== null && value !== null ? (
                <Typography.Text type={isOver ? 'danger' : 'success'}>
                  {' '}
                  ({fill(isOver ? t.over : t.within, { value })})
                </Typography.Text>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Typography.Text type="secondary">{t.normsHint}</Typography.Text>
    </div>
  );
}
