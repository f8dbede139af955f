import { Alert, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime, formatDuration, formatNumber } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { EMOTION_COLORS, EMOTION_NAMES } from '../conversations/conversation-labels.ts';

/** A row of GET /conversations:ongoing. */
type Ongoing = {
  id: string;
  externalId: string;
  channel: string;
  agentId: string | null;
  agentName: string | null;
  teamId: string | null;
  startedAt: string;
  lastMessageAt: string;
  messageCount: number;
  lastCustomerEmotion: string | null;
  lastCustomerAt: string | null;
  waitingSince: string | null;
  openAlerts: number;
};

const MESSAGES: Messages<
  | 'conversation'
  | 'agent'
  | 'emotion'
  | 'waiting'
  | 'answered'
  | 'messages'
  | 'lastMessage'
  | 'empty'
  | 'shown'
  | 'updated'
  | 'failed'
  | 'alert'
> = {
  'zh-CN': {
    conversation: '会话',
    agent: '客服',
    emotion: '客户当前情绪',
    waiting: '客户等待',
    answered: '已回复',
    messages: '消息数',
    lastMessage: '最近消息',
    empty: '当前没有进行中的会话',
    shown: '显示最近开始的 {n} 个，共 {total} 个进行中',
    updated: '更新于 {at}',
    failed: '进行中会话加载失败：{error}',
    alert: '未处理预警 {n}',
  },
  en: {
    conversation: 'Conversation',
    agent: 'Agent',
    emotion: 'Customer’s current emotion',
    waiting: 'Customer waiting',
    answered: 'Answered',
    messages: 'Messages',
    lastMessage: 'Last message',
    empty: 'No conversation is in progress',
    shown: 'The {n} most recently started of {total} in progress',
    updated: 'Updated {at}',
    failed: 'Could not load the ongoing conversations: {error}',
    alert: 'Open alerts: {n}',
  },
};

// A customer waiting longer than this is shown in red: the common chat first-response target.
const LONG_WAIT_SEC = 60;
const POLL_MS = 5_000;

const waitOf = (row: Ongoing, now: number) =>
  row.waitingSince === null ? null : Math.max(0, (now - Date.parse(row.waitingSince)) / 1000);

/**
 * Open conversations, polled every few seconds (only while the page is visible) and whenever
 * `refreshKey` changes (a new alert); the waits tick every second in between.
 */
export function OngoingConversations({ refreshKey }: { refreshKey: number }) {
  const t = useText(MESSAGES);
  const emotions = useText(EMOTION_NAMES);
  const { locale, timeZone } = useLocale();
  const [poll, setPoll] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const { data, error } = useApi(
    (signal) => api<{ items: Ongoing[]; total: number }>('GET', '/conversations:ongoing', { signal }),
    [refreshKey, poll],
  );
  const [updatedAt, setUpdatedAt] = useState<number | undefined>();

  useEffect(() => {
    if (data) setUpdatedAt(Date.now());
  }, [data]);
  useEffect(() => {
    const ticker = setInterval(() => setNow(Date.now()), 1000);
    const poller = setInterval(() => {
      if (document.visibilityState === 'visible') setPoll((p) => p + 1);
    }, POLL_MS);
    return () => {
      clearInterval(ticker);
      clearInterval(poller);
    };
  }, []);

  const columns: ColumnsType<Ongoing> = [
    {
      title: t.conversation,
      key: 'conversation',
      render: (_, row) => (
        <span>
          <Link to={`/conversations/${row.id}`}>{row.externalId}</Link>{' '}
          {row.openAlerts > 0 ? <Tag color="red">{fill(t.alert, { n: row.openAlerts })}</Tag> : null}
        </span>
      ),
    },
    {
      title: t.agent,
      key: 'agent',
      render: (_, row) => row.agentName ?? row.agentId ?? '—',
    },
    {
      title: t.emotion,
      key: 'emotion',
      render: (_, row) =>
        row.lastCustomerEmotion ? (
          <Tag color={EMOTION_COLORS[row.lastCustomerEmotion] ?? 'default'}>
            {(emotions as Record<string, string>)[row.lastCustomerEmotion] ?? row.lastCustomerEmotion}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t.waiting,
      key: 'waiting',
      defaultSortOrder: 'descend',
      sorter: (a, b) => (waitOf(a, now) ?? -1) - (waitOf(b, now) ?? -1),
      render: (_, row) => {
        const wait = waitOf(row, now);
        if (wait === null) return <Typography.Text type="secondary">{t.answered}</Typography.Text>;
        return (
          <Typography.Text type={wait > LONG_WAIT_SEC ? 'danger' : undefined} strong={wait > LONG_WAIT_SEC}>
            {formatDuration(wait, locale)}
          </Typography.Text>
        );
      },
    },
    {
      title: t.messages,
      dataIndex: 'messageCount',
      align: 'right',
      sorter: (a, b) => a.messageCount - b.messageCount,
      render: (n: number) => formatNumber(n, locale),
    },
    {
      title: t.lastMessage,
      dataIndex: 'lastMessageAt',
      render: (at: string) => <time dateTime={at}>{formatDateTime(at, timeZone, { hasSeconds: true })}</time>,
    },
  ];

  return (
    <div data-testid="ongoing-list">
      {error ? (
        <Alert
          type="error"
          showIcon
          title={fill(t.failed, { error: error.message })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table<Ongoing>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        pagination={false}
        scroll={{ y: 420 }}
        locale={{ emptyText: t.empty }}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {data && data.total > data.items.length
          ? `${fill(t.shown, { n: data.items.length, total: data.total })} · `
          : ''}
        {updatedAt ? fill(t.updated, { at: formatDateTime(updatedAt, timeZone, { hasSeconds: true }) }) : ''}
      </Typography.Text>
    </div>
  );
}
