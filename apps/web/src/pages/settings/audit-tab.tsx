import { Alert, Button, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';

type AuditItem = {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

const ENTITIES = [
  'user',
  'api_token',
  'webhook',
  'settings',
  'rule_set',
  'alert',
  'review',
  'agent',
  'team',
  'conversations',
] as const;

const MESSAGES: Messages<
  | 'time'
  | 'actor'
  | 'action'
  | 'entity'
  | 'entityId'
  | 'before'
  | 'after'
  | 'anyEntity'
  | 'actorFilter'
  | 'actorPlaceholder'
  | 'newer'
  | 'older'
  | 'newest'
  | 'page'
  | 'loadFailed'
  | 'system'
  | 'token'
> = {
  'zh-CN': {
    time: '时间',
    actor: '操作者',
    action: '操作',
    entity: '对象类型',
    entityId: '对象',
    before: '修改前',
    after: '修改后',
    anyEntity: '全部对象',
    actorFilter: '操作者',
    actorPlaceholder: 'user:1、token:2 或 system',
    newer: '较新',
    older: '较早',
    newest: '最新',
    page: '第 {n} 页',
    loadFailed: '审计日志加载失败：{error}',
    system: '系统',
    token: '令牌 {id}',
  },
  en: {
    time: 'Time',
    actor: 'Who',
    action: 'Action',
    entity: 'Entity',
    entityId: 'Which',
    before: 'Before',
    after: 'After',
    anyEntity: 'Every entity',
    actorFilter: 'Who',
    actorPlaceholder: 'user:1, token:2 or system',
    newer: 'Newer',
    older: 'Older',
    newest: 'Newest',
    page: 'Page {n}',
    loadFailed: 'Could not load the audit log: {error}',
    system: 'System',
    token: 'Token {id}',
  },
};

const PAGE_SIZE = 50;

const asJson = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);

export function AuditTab() {
  const t = useText(MESSAGES);
  const { timeZone } = useLocale();
  const { can } = useSession();
  const [entity, setEntity] = useState<string | undefined>();
  const [actor, setActor] = useState('');
  // The `before` cursor of each page opened so far: the first page has none.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const log = useApi(
    (signal) =>
      api<{ items: AuditItem[] }>('GET', '/audit', {
        query: { entity, actor: actor.trim() || undefined, before, limit: PAGE_SIZE },
        signal,
      }),
    [entity, actor, before],
  );
  // Admins may list users: their names stand beside their ids.
  const users = useApi(
    (signal) =>
      can('users:manage')
        ? api<{ id: number; name: string }[]>('GET', '/users', { signal })
        : Promise.resolve([] as { id: number; name: string }[]),
    [],
  );
  const items = log.data?.items ?? [];

  const actorName = (label: string) => {
    if (label === 'system') return t.system;
    const [kind, id] = label.split(':');
    if (kind === 'token') return fill(t.token, { id: id ?? '' });
    const user = users.data?.find((u) => String(u.id) === id);
    return user ? `${user.name} (${label})` : label;
  };

  const restart = () => setCursors([undefined]);

  const columns: ColumnsType<AuditItem> = [
    {
      title: t.time,
      dataIndex: 'at',
      width: 170,
      render: (at: string) => formatDateTime(at, timeZone, { hasSeconds: true }),
    },
    { title: t.actor, dataIndex: 'actor', render: actorName },
    {
      title: t.action,
      dataIndex: 'action',
      render: (a: string) => <Typography.Text code>{a}</Typography.Text>,
    },
    { title: t.entity, dataIndex: 'entity' },
    { title: t.entityId, dataIndex: 'entityId', render: (id: string | null) => id ?? '—' },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ display: 'flex' }}>
      <Space wrap>
        <Select
          aria-label={t.entity}
          allowClear
          placeholder={t.anyEntity}
          style={{ width: 180 }}
          value={entity}
          onChange={(value?: string) => {
            setEntity(value);
            restart();
          }}
          options={ENTITIES.map((e) => ({ value: e, label: e }))}
        />
        <Input.Search
          aria-label={t.actorFilter}
          placeholder={t.actorPlaceholder}
          allowClear
          style={{ width: 260 }}
          onSearch={(value) => {
            setActor(value);
            restart();
          }}
        />
      </Space>
      {log.error ? (
        <Alert type="error" showIcon title={fill(t.loadFailed, { error: log.error.message })} />
      ) : null}
      <Table<AuditItem>
        data-testid="audit-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={log.isLoading}
        pagination={false}
        expandable={{
          expandedRowRender: (item) => (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
              {(['before', 'after'] as const).map((side) => (
                <div key={side}>
                  <Typography.Text strong>{t[side]}</Typography.Text>
                  <pre
                    style={{
                      margin: '4px 0 0',
                      maxHeight: 240,
                      overflow: 'auto',
                      background: '#fafafa',
                      padding: 8,
                      fontSize: 12,
                      whiteSpace: 'pre-wrap',
                      wordBreak: 'break-all',
                    }}
                  >
                    {asJson(item[side])}
                  </pre>
                </div>
              ))}
            </div>
          ),
          rowExpandable: (item) => item.before !== null || item.after !== null,
        }}
      />
      <Space>
        <Button disabled={cursors.length === 1} onClick={restart}>
          {t.newest}
        </Button>
        <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t.newer}
        </Button>
        <Typography.Text type="secondary">{fill(t.page, { n: cursors.length })}</Typography.Text>
        <Button
          disabled={items.length < PAGE_SIZE}
          onClick={() => setCursors((c) => [...c, items.at(-1)?.id])}
          data-testid="audit-older"
        >
          {t.older}
        </Button>
      </Space>
    </Space>
  );
}
