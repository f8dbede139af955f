import { WarningOutlined } from '@ant-design/icons';
import type { ReportRow } from '@serviq/contracts';
import { Alert, Button, Card, Drawer, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ReportDelta } from '../../components/report-delta.tsx';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { useDirectory, useReports } from '../../lib/report-data.ts';
import { changeOf, METRICS, type MetricKey } from '../../lib/report-metrics.ts';
import { conversationsOf, previousOf, usePeriod } from '../../lib/report-period.ts';
import { useRuleCatalog } from '../../lib/report-rules.ts';
import { AgentDetail } from './agent-detail.tsx';

const MESSAGES: Messages<
  | 'title'
  | 'agents'
  | 'teams'
  | 'agent'
  | 'team'
  | 'conversations'
  | 'avgScore'
  | 'change'
  | 'passRate'
  | 'p50'
  | 'p90'
  | 'emoji'
  | 'emojiNegative'
  | 'emojiNegativeHint'
  | 'csat'
  | 'overuse'
  | 'open'
  | 'detail'
  | 'unassigned'
  | 'hint'
  | 'changeHint'
> = {
  'zh-CN': {
    title: '客服与团队',
    agents: '客服',
    teams: '团队',
    agent: '客服',
    team: '团队',
    conversations: '会话',
    avgScore: '平均分',
    change: '较上期',
    passRate: '合格率',
    p50: '首响 p50',
    p90: '首响 p90',
    emoji: '表情/10条',
    emojiNegative: '客户负面时表情/百通',
    emojiNegativeHint: '客户最近一条消息为负面时，客服发送的表情数，每 100 通会话',
    csat: 'CSAT',
    overuse: '超过全体水平的 2 倍：{value}（全体 {all}）',
    open: '查看 {name} 的详情',
    detail: '客服详情',
    unassigned: '（未分配）',
    hint: '点击客服查看分数趋势、薄弱规则、响应时间与表情使用；列可排序。',
    changeHint: '平均分较上一个同长度时段的变化',
  },
  en: {
    title: 'Agents & teams',
    agents: 'Agents',
    teams: 'Teams',
    agent: 'Agent',
    team: 'Team',
    conversations: 'Conv.',
    avgScore: 'Avg score',
    change: 'Change',
    passRate: 'Pass rate',
    p50: 'FR p50',
    p90: 'FR p90',
    emoji: 'Emoji/10 msgs',
    emojiNegative: 'Emoji to negative /100',
    emojiNegativeHint:
      'Emoji agents sent while the customer’s latest message was negative, per 100 conversations',
    csat: 'CSAT',
    overuse: 'More than twice the overall level: {value} (overall {all})',
    open: 'Details of {name}',
    detail: 'Agent details',
    unassigned: '(unassigned)',
    hint: 'Select an agent for the score trend, weakest rules, response times and emoji use; columns sort.',
    changeHint: 'Average score against the previous period of the same length',
  },
};

/** One agent's or team's figures now and in the previous period. */
type Line = { key: string | null; label: string; team: string | null; now: ReportRow; before?: ReportRow };

const byValue = (metric: MetricKey) => (a: Line, b: Line) =>
  (METRICS[metric].value(a.now) ?? Number.NEGATIVE_INFINITY) -
  (METRICS[metric].value(b.now) ?? Number.NEGATIVE_INFINITY);
const byChange = (a: Line, b: Line) =>
  (changeOf('avgScore', a.now, a.before) ?? Number.POSITIVE_INFINITY) -
  (changeOf('avgScore', b.now, b.before) ?? Number.POSITIVE_INFINITY);

/** Agents and teams with their figures for the period; an agent's details in a drawer. */
export function AgentsPage() {
  const t = useText(MESSAGES);
  const { locale, timeZone } = useLocale();
  const { user } = useSession();
  // Agents see only their own conversations: team and overall figures would be theirs again.
  const isAgent = user?.role === 'agent';
  const periodState = usePeriod(timeZone);
  const { period } = periodState;
  const [params, setParams] = useSearchParams();
  const selected = params.get('agent');
  const range = { from: period.from, to: period.to, timeZone };
  const previous = { ...previousOf(period), timeZone };
  // Asked first: the rule sets take two round trips, which then overlap the reports.
  const catalog = useRuleCatalog(locale);
  const directory = useDirectory();
  const reports = useReports({
    agents: { ...range, groupBy: 'agent', topHits: 0 },
    agentsBefore: { ...previous, groupBy: 'agent', topHits: 0 },
    teams: { ...range, groupBy: 'team', topHits: 0 },
    teamsBefore: { ...previous, groupBy: 'team', topHits: 0 },
    all: { ...range, topHits: 1000 },
  });
  const isLoading = reports.isLoading || directory.isLoading || catalog.isLoading;
  const error = reports.error ?? directory.error ?? catalog.error;
  const { agentLabel, teamLabel, teamOf } = directory.directory;
  const all = reports.data?.all.rows[0];

  const lines = useMemo(() => {
    const join = (now: ReportRow[] = [], before: ReportRow[] = [], label: (key: string) => string) =>
      now.map((row) => ({
        key: row.key,
        label: row.key === null ? t.unassigned : label(row.key),
        team: row.key === null ? null : teamOf(row.key),
        now: row,
        before: before.find((b) => b.key === row.key),
      }));
    return {
      agents: join(reports.data?.agents.rows, reports.data?.agentsBefore.rows, agentLabel),
      teams: join(reports.data?.teams.rows, reports.data?.teamsBefore.rows, teamLabel),
    };
  }, [reports.data, agentLabel, teamLabel, teamOf, t.unassigned]);

  const select = (agent: string | null) =>
    setParams((p) => {
      const q = new URLSearchParams(p);
      if (agent === null) q.delete('agent');
      else q.set('agent', agent);
      return q;
    });

  /** A figure well above the overall level (twice or more) is flagged: who overuses emoji. */
  const flagged = (metric: MetricKey, row: ReportRow) => {
    const value = METRICS[metric].value(row);
    const overall = all ? METRICS[metric].value(all) : null;
    const text = METRICS[metric].format(value, locale);
    if (value === null || overall === null || overall <= 0 || value < 2 * overall) return text;
    return (
      <Tooltip title={fill(t.overuse, { value: text, all: METRICS[metric].format(overall, locale) })}>
        <Typography.Text type="danger" strong>
          <WarningOutlined
            aria-label={fill(t.overuse, { value: text, all: METRICS[metric].format(overall, locale) })}
          />{' '}
          {text}
        </Typography.Text>
      </Tooltip>
    );
  };

  const figureColumns: ColumnsType<Line> = [
    {
      title: t.conversations,
      key: 'conversations',
      align: 'right',
      sorter: byValue('conversations'),
      defaultSortOrder: 'descend',
      render: (_, l) => METRICS.conversations.format(l.now.volume.conversations, locale),
    },
    {
      title: t.avgScore,
      key: 'avgScore',
      align: 'right',
      sorter: byValue('avgScore'),
      render: (_, l) => METRICS.avgScore.format(l.now.avgScore, locale),
    },
    {
      title: <Tooltip title={t.changeHint}>{t.change}</Tooltip>,
      key: 'change',
      align: 'right',
      sorter: byChange,
      render: (_, l) => <ReportDelta metric="avgScore" now={l.now} before={l.before} hasLabel={false} />,
    },
    {
      title: t.passRate,
      key: 'passRate',
      align: 'right',
      sorter: byValue('passRate'),
      render: (_, l) => METRICS.passRate.format(l.now.passRate, locale),
    },
    {
      title: t.p50,
      key: 'p50',
      align: 'right',
      sorter: byValue('firstResponseP50'),
      render: (_, l) => METRICS.firstResponseP50.format(l.now.firstResponse.p50Sec, locale),
    },
    {
      title: t.p90,
      key: 'p90',
      align: 'right',
      sorter: byValue('firstResponseP90'),
      render: (_, l) => METRICS.firstResponseP90.format(l.now.firstResponse.p90Sec, locale),
    },
    {
      title: t.emoji,
      key: 'emoji',
      align: 'right',
      sorter: byValue('emojiPer10'),
      render: (_, l) => flagged('emojiPer10', l.now),
    },
    {
      title: <Tooltip title={t.emojiNegativeHint}>{t.emojiNegative}</Tooltip>,
      key: 'emojiNegative',
      align: 'right',
      sorter: byValue('emojiWhileNegative'),
      onCell: () => ({ style: { background: '#fff7e6' } }),
      onHeaderCell: () => ({ style: { background: '#ffe7ba' } }),
      render: (_, l) => flagged('emojiWhileNegative', l.now),
    },
    {
      title: t.csat,
      key: 'csat',
      align: 'right',
      sorter: byValue('csat'),
      render: (_, l) => METRICS.csat.format(l.now.csat.avg, locale),
    },
  ];

  const teamFilters = [...new Set(lines.agents.map((l) => l.team).filter((id) => id !== null))].map((id) => ({
    text: teamLabel(id),
    value: id,
  }));
  const agentColumns: ColumnsType<Line> = [
    {
      title: t.agent,
      key: 'agent',
      sorter: (a, b) => a.label.localeCompare(b.label),
      render: (_, l) =>
        l.key === null ? (
          l.label
        ) : (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto' }}
            aria-label={fill(t.open, { name: l.label })}
            onClick={(event) => {
              event.stopPropagation();
              select(l.key);
            }}
          >
            {l.label}
          </Button>
        ),
    },
    {
      title: t.team,
      key: 'team',
      filters: teamFilters,
      onFilter: (value, l) => l.team === value,
      render: (_, l) => (l.team ? teamLabel(l.team) : '—'),
    },
    ...figureColumns,
  ];
  const teamColumns: ColumnsType<Line> = [
    {
      title: t.team,
      key: 'team',
      sorter: (a, b) => a.label.localeCompare(b.label),
      render: (_, l) =>
        l.key === null ? l.label : <Link to={conversationsOf(period, { team: [l.key] })}>{l.label}</Link>,
    },
    ...figureColumns,
  ];

  return (
    <div data-testid="agents" data-state={isLoading ? 'loading' : 'ready'} aria-busy={isLoading}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <PeriodPicker state={periodState} />
      </Space>
      {error ? <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} /> : null}
      <Card
        size="small"
        title={t.agents}
        extra={<Typography.Text type="secondary">{t.hint}</Typography.Text>}
      >
        <Table<Line>
          data-testid="agents-table"
          size="small"
          rowKey={(l) => l.key ?? ''}
          loading={reports.isLoading && !reports.data}
          dataSource={lines.agents}
          columns={agentColumns}
          pagination={false}
          onRow={(l) => ({
            onClick: () => l.key !== null && select(l.key),
            style: { cursor: l.key === null ? undefined : 'pointer' },
          })}
          rowClassName={(l) => (l.key !== null && l.key === selected ? 'ant-table-row-selected' : '')}
        />
      </Card>
      {isAgent ? null : (
        <Card size="small" title={t.teams} style={{ marginTop: 16 }}>
          <Table<Line>
            data-testid="teams-table"
            size="small"
            rowKey={(l) => l.key ?? ''}
            loading={reports.isLoading && !reports.data}
            dataSource={lines.teams}
            columns={teamColumns}
            pagination={false}
          />
        </Card>
      )}
      <Drawer
        open={selected !== null}
        onClose={() => select(null)}
        size={820}
        title={selected ? `${t.detail}: ${agentLabel(selected)}` : t.detail}
        destroyOnHidden
      >
        {selected ? (
          <AgentDetail
            agent={selected}
            team={teamOf(selected)}
            period={period}
            all={isAgent ? undefined : all}
            catalog={catalog.data}
            hasTeam={!isAgent}
          />
        ) : null}
      </Drawer>
    </div>
  );
}
