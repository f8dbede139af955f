import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import type { ConversationFilter } from '@serviq/contracts';
import { Alert, Button, Card, Space, Spin, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useCallback, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../api/client.ts';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import {
  type ConversationListQuery,
  type ConversationSort,
  filterCount,
  filterQuery,
  PAGE_SIZES,
  readConversationQuery,
  writeConversationQuery,
} from '../../lib/conversation-filters.ts';
import { formatDateTime, formatDuration, formatNumber } from '../../lib/format.ts';
import { useDirectory } from '../../lib/report-data.ts';
import { channelName } from '../../lib/report-metrics.ts';
import { useApi } from '../../lib/use-api.ts';
import type { ConversationPage, ConversationSummary, FilterChoices } from './conversation-api.ts';
import { ConversationFilterBar } from './conversation-filter-bar.tsx';
import { EMOTION_COLORS, EMOTION_NAMES, nameOf, ruleNameIn, TREND_NAMES } from './conversation-labels.ts';

const MESSAGES: Messages<
  | 'title'
  | 'total'
  | 'counting'
  | 'exportCsv'
  | 'exportXlsx'
  | 'exportHint'
  | 'started'
  | 'conversation'
  | 'channel'
  | 'agent'
  | 'messages'
  | 'score'
  | 'passed'
  | 'failed'
  | 'fatal'
  | 'firstResponse'
  | 'slaMissed'
  | 'emotion'
  | 'emoji'
  | 'whileNegative'
  | 'csat'
  | 'hits'
  | 'noHits'
  | 'more'
  | 'open'
  | 'failedToLoad'
  | 'range'
  | 'reset'
> = {
  'zh-CN': {
    title: '会话',
    total: '共 {n} 条会话',
    counting: '正在统计…',
    exportCsv: '导出 CSV',
    exportXlsx: '导出 Excel',
    exportHint: '按当前筛选导出，每个会话一行，时间按 {zone}',
    started: '开始时间',
    conversation: '会话',
    channel: '渠道 / 队列',
    agent: '客服 / 团队',
    messages: '消息',
    score: '质检分',
    passed: '合格',
    failed: '不合格',
    fatal: '致命',
    firstResponse: '首次响应',
    slaMissed: '未达 SLA',
    emotion: '结束情绪 / 表情',
    emoji: '表情 {n}',
    whileNegative: '客户负面时 {n}',
    csat: '满意度',
    hits: '命中规则',
    noHits: '无',
    more: '另 {n} 条',
    open: '打开会话 {id}',
    failedToLoad: '会话加载失败',
    range: '第 {from}–{to} 条，共 {total} 条',
    reset: '清除筛选（{n}）',
  },
  en: {
    title: 'Conversations',
    total: '{n} conversations',
    counting: 'Counting…',
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel',
    exportHint: 'Exports the current filter, one row per conversation, times in {zone}',
    started: 'Started',
    conversation: 'Conversation',
    channel: 'Channel / queue',
    agent: 'Agent / team',
    messages: 'Msgs',
    score: 'Score',
    passed: 'Passed',
    failed: 'Failed',
    fatal: 'Fatal',
    firstResponse: 'First response',
    slaMissed: 'SLA missed',
    emotion: 'Emotion / emoji',
    emoji: 'Emoji {n}',
    whileNegative: '{n} while negative',
    csat: 'CSAT',
    hits: 'Rule hits',
    noHits: 'None',
    more: '+{n} more',
    open: 'Open conversation {id}',
    failedToLoad: 'Could not load conversations',
    range: '{from}–{to} of {total}',
    reset: 'Clear filters ({n})',
  },
};

const SHOWN_HITS = 2;
const STACK = { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 2 } as const;
const SECONDARY = { color: 'rgba(0, 0, 0, 0.45)', fontSize: 12 } as const;
const ELLIPSIS = {
  display: 'block',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
} as const;

/** A row as the table shows it: the summary and its values formatted once. */
type Row = ConversationSummary & {
  started: string;
  scoreText: string;
  firstResponse: string;
  agents: string;
  team: string;
  hits: string[];
};

const antOrder = (
  shown: { sort: ConversationSort; order: 'asc' | 'desc' },
  sort: ConversationSort,
): SortOrder => (shown.sort === sort ? (shown.order === 'asc' ? 'ascend' : 'descend') : null);

/** The conversation list: filters in the address, sortable columns, pages, exports of the same filter. */
export function ConversationsPage() {
  const t = useText(MESSAGES);
  const { locale, timeZone } = useLocale();
  const emotions = useText(EMOTION_NAMES);
  const trends = useText(TREND_NAMES);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const query = useMemo(() => readConversationQuery(new URLSearchParams(search)), [search]);
  const { directory } = useDirectory();
  const choices = useApi((signal) => api<FilterChoices>('GET', '/conversation-filters', { signal }), []).data;
  const ruleNames = useMemo(
    () => new Map((choices?.rules ?? []).map((r) => [r.id, ruleNameIn(r.names, locale)])),
    [choices, locale],
  );
  const ruleName = useCallback((rule: string) => ruleNames.get(rule) ?? rule, [ruleNames]);

  const list = useApi(
    (signal) =>
      api<ConversationPage>('GET', '/conversations', {
        query: {
          ...filterQuery(query.filter),
          sort: query.sort,
          order: query.order,
          offset: query.offset,
          limit: query.limit,
          withTotal: true,
        },
        signal,
      }),
    [search],
  );

  const go = useCallback(
    (next: Partial<ConversationListQuery>) => setParams(writeConversationQuery({ ...query, ...next })),
    [query, setParams],
  );
  const setFilter = useCallback((filter: ConversationFilter) => go({ filter, offset: 0 }), [go]);

  const exportHref = (format: 'csv' | 'xlsx') =>
    apiUrl('/conversations:export', { ...filterQuery(query.filter), format, timeZone });

  // Formatted once per page of results: a re-render (loading, sorting) does not format again.
  const page = list.data;
  const rows = useMemo(
    () =>
      (page?.items ?? []).map(
        (c): Row => ({
          ...c,
          started: formatDateTime(c.startedAt, timeZone),
          scoreText: formatNumber(c.score, locale, 1),
          firstResponse: c.firstResponseMs === null ? '—' : formatDuration(c.firstResponseMs / 1000, locale),
          agents: c.agentIds.length
            ? c.agentIds.map((id) => directory.agents.find((a) => a.id === id)?.name ?? id).join('、')
            : '—',
          team: c.teamId ? directory.teamLabel(c.teamId) : '—',
          hits: c.hitRules.map(ruleName),
        }),
      ),
    [page, timeZone, locale, directory, ruleName],
  );

  const sorted = useMemo(() => ({ sort: query.sort, order: query.order }), [query.sort, query.order]);
  const columns = useMemo(
    (): TableProps<Row>['columns'] => [
      {
        key: 'started_at',
        title: t.started,
        sorter: true,
        sortOrder: antOrder(sorted, 'started_at'),
        sortDirections: ['descend', 'ascend'],
        width: 128,
        render: (_, c) => c.started,
      },
      {
        key: 'conversation',
        title: t.conversation,
        width: 112,
        render: (_, c) => (
          <div style={STACK}>
            <Link
              to={`/conversations/${c.id}`}
              state={{ listSearch: search }}
              aria-label={fill(t.open, { id: c.externalId })}
              onClick={(e) => e.stopPropagation()}
            >
              {c.externalId}
            </Link>
            <span style={SECONDARY}>{c.source}</span>
          </div>
        ),
      },
      {
        key: 'channel',
        title: t.channel,
        width: 92,
        render: (_, c) => (
          <div style={STACK}>
            {channelName(c.channel, locale)}
            <span style={SECONDARY}>{c.queue ?? '—'}</span>
          </div>
        ),
      },
      {
        key: 'agent',
        title: t.agent,
        width: 112,
        render: (_, c) => (
          <div style={STACK}>
            <span style={ELLIPSIS}>{c.agents}</span>
            <span style={{ ...SECONDARY, ...ELLIPSIS }}>{c.team}</span>
          </div>
        ),
      },
      { key: 'messages', title: t.messages, align: 'right', width: 56, render: (_, c) => c.messageCount },
      {
        key: 'score',
        title: t.score,
        sorter: true,
        sortOrder: antOrder(sorted, 'score'),
        sortDirections: ['descend', 'ascend'],
        width: 100,
        render: (_, c) =>
          c.score === null ? (
            '—'
          ) : (
            <span>
              {c.scoreText}{' '}
              {c.isFatal ? (
                <Tag color="red">{t.fatal}</Tag>
              ) : c.isPassed === null ? null : (
                <Tag color={c.isPassed ? 'green' : 'red'}>{c.isPassed ? t.passed : t.failed}</Tag>
              )}
            </span>
          ),
      },
      {
        key: 'first_response_ms',
        title: t.firstResponse,
        sorter: true,
        sortOrder: antOrder(sorted, 'first_response_ms'),
        sortDirections: ['descend', 'ascend'],
        width: 96,
        render: (_, c) =>
          c.firstResponseMs === null ? (
            '—'
          ) : (
            <Typography.Text
              type={c.isSlaMet === false ? 'danger' : undefined}
              title={c.isSlaMet === false ? t.slaMissed : undefined}
            >
              {c.firstResponse}
            </Typography.Text>
          ),
      },
      {
        key: 'emotion',
        title: t.emotion,
        width: 100,
        render: (_, c) => (
          <div style={STACK}>
            {c.customerEndEmotion === null ? (
              '—'
            ) : (
              <Tag
                color={EMOTION_COLORS[c.customerEndEmotion]}
                title={c.customerTrend ? nameOf(trends, c.customerTrend) : undefined}
              >
                {nameOf(emotions, c.customerEndEmotion)}
                {c.customerTrend === 'improved' ? ' ↑' : c.customerTrend === 'worsened' ? ' ↓' : ''}
              </Tag>
            )}
            <span
              style={c.agentEmojiWhileNegative > 0 ? { ...SECONDARY, color: '#cf1322' } : SECONDARY}
              title={
                c.agentEmojiWhileNegative > 0
                  ? fill(t.whileNegative, { n: c.agentEmojiWhileNegative })
                  : undefined
              }
              data-testid="emoji-use"
            >
              {fill(t.emoji, { n: c.agentEmoji })}
              {c.agentEmojiWhileNegative > 0 ? (
                <>
                  {' '}
                  <WarningOutlined aria-label={fill(t.whileNegative, { n: c.agentEmojiWhileNegative })} />
                </>
              ) : null}
            </span>
          </div>
        ),
      },
      {
        key: 'csat',
        title: t.csat,
        sorter: true,
        sortOrder: antOrder(sorted, 'csat'),
        sortDirections: ['descend', 'ascend'],
        align: 'right',
        width: 72,
        render: (_, c) => c.csat ?? '—',
      },
      {
        key: 'hits',
        title: t.hits,
        render: (_, c) => {
          if (c.hits.length === 0) return <span style={SECONDARY}>{t.noHits}</span>;
          const rest = c.hits.length - SHOWN_HITS;
          return (
            <div title={c.hits.join('、')} style={{ fontSize: 12 }}>
              {c.hits.slice(0, SHOWN_HITS).map((name, i) => (
                <div key={c.hitRules[i]} style={{ display: 'flex', gap: 4 }}>
                  <span style={{ ...ELLIPSIS, minWidth: 0 }}>{name}</span>
                  {i === SHOWN_HITS - 1 && rest > 0 ? (
                    <span style={{ ...SECONDARY, flexShrink: 0 }}>{fill(t.more, { n: rest })}</span>
                  ) : null}
                </div>
              ))}
            </div>
          );
        },
      },
    ],
    [t, sorted, search, emotions, trends, locale],
  );

  const total = page?.total ?? null;
  return (
    <div data-testid="conversation-list" data-state={list.isLoading ? 'loading' : 'ready'}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space align="baseline" size={16}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t.title}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="conversations-total">
            {total === null ? t.counting : fill(t.total, { n: formatNumber(total, locale) })}
          </Typography.Text>
          {list.isLoading && rows.length > 0 ? <Spin size="small" /> : null}
        </Space>
        <Space>
          <Button
            disabled={filterCount(query.filter) === 0}
            onClick={() => setFilter({})}
            data-testid="reset-filters"
          >
            {fill(t.reset, { n: filterCount(query.filter) })}
          </Button>
          <Tooltip title={fill(t.exportHint, { zone: timeZone })}>
            <Space>
              <Button icon={<DownloadOutlined />} href={exportHref('csv')} download data-testid="export-csv">
                {t.exportCsv}
              </Button>
              <Button
                icon={<DownloadOutlined />}
                href={exportHref('xlsx')}
                download
                data-testid="export-xlsx"
              >
                {t.exportXlsx}
              </Button>
            </Space>
          </Tooltip>
        </Space>
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <ConversationFilterBar
          filter={query.filter}
          onChange={setFilter}
          choices={choices}
          directory={directory}
          ruleName={ruleName}
        />
      </Card>
      {list.error ? (
        <Alert
          type="error"
          showIcon
          title={t.failedToLoad}
          description={list.error.message}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table<Row>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        // Only the first load covers the table: the blurred overlay of a refresh costs the browser
        // hundreds of milliseconds of painting; a refresh shows its spinner beside the total.
        loading={list.isLoading && rows.length === 0}
        tableLayout="fixed"
        onRow={(c) => ({
          onClick: () => navigate(`/conversations/${c.id}`, { state: { listSearch: search } }),
          style: { cursor: 'pointer' },
        })}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const order = s?.order;
            go(
              order
                ? {
                    sort: s.columnKey as ConversationSort,
                    order: order === 'ascend' ? 'asc' : 'desc',
                    offset: 0,
                  }
                : { sort: 'started_at', order: 'desc', offset: 0 },
            );
          } else if (extra.action === 'paginate') {
            const limit = pagination.pageSize ?? query.limit;
            go({ limit, offset: limit === query.limit ? ((pagination.current ?? 1) - 1) * limit : 0 });
          }
        }}
        pagination={{
          current: Math.floor(query.offset / query.limit) + 1,
          pageSize: query.limit,
          total: total ?? query.offset + (page?.items.length ?? 0),
          pageSizeOptions: PAGE_SIZES.map(String),
          showSizeChanger: true,
          showTotal: (n, [from, to]) => fill(t.range, { from, to, total: formatNumber(n, locale) }),
        }}
      />
    </div>
  );
}
