import { CheckOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SEVERITY_COLORS, SEVERITY_NAMES, severityName } from './alert-labels.ts';
import type { StreamedAlert } from './use-alert-stream.ts';

/** An alert as the page keeps it: what the stream or the list said, whichever came. */
export type AlertView = StreamedAlert & {
  externalId?: string;
  acknowledgedAt: string | null;
  /** Arrived over the stream while the page was open. */
  isNew: boolean;
};

const MESSAGES: Messages<
  | 'empty'
  | 'emptyUnacked'
  | 'acknowledge'
  | 'acknowledgeOf'
  | 'acknowledged'
  | 'agent'
  | 'team'
  | 'conversation'
  | 'new'
  | 'evidence'
  | 'more'
> = {
  'zh-CN': {
    empty: '暂无预警',
    emptyUnacked: '没有未处理的预警',
    acknowledge: '确认处理',
    acknowledgeOf: '确认处理预警：{name}',
    acknowledged: '已于 {at} 确认',
    agent: '客服',
    team: '团队',
    conversation: '会话',
    new: '新',
    evidence: '证据',
    more: '另有 {n} 处',
  },
  en: {
    empty: 'No alerts yet',
    emptyUnacked: 'No unacknowledged alerts',
    acknowledge: 'Acknowledge',
    acknowledgeOf: 'Acknowledge alert: {name}',
    acknowledged: 'Acknowledged {at}',
    agent: 'Agent',
    team: 'Team',
    conversation: 'Conversation',
    new: 'New',
    evidence: 'Evidence',
    more: '{n} more',
  },
};

const MAX_EVIDENCE = 3;

const itemStyle = (alert: AlertView): CSSProperties => ({
  listStyle: 'none',
  padding: '12px 16px',
  borderBottom: '1px solid #f0f0f0',
  borderLeft: `4px solid ${alert.acknowledgedAt ? '#d9d9d9' : alert.severity === 'critical' ? '#ff4d4f' : '#faad14'}`,
  background: alert.isNew && !alert.acknowledgedAt ? '#fffbe6' : undefined,
});

export function AlertFeed({
  alerts,
  isUnackedOnly,
  canAcknowledge,
  acknowledging,
  agentNames,
  teamNames,
  onAcknowledge,
}: {
  alerts: readonly AlertView[];
  isUnackedOnly: boolean;
  canAcknowledge: boolean;
  acknowledging: ReadonlySet<number>;
  agentNames: ReadonlyMap<string, string>;
  teamNames: ReadonlyMap<string, string>;
  onAcknowledge(alert: AlertView): void;
}) {
  const t = useText(MESSAGES);
  const severities = useText(SEVERITY_NAMES);
  const { timeZone } = useLocale();
  if (alerts.length === 0)
    return (
      <div data-testid="alert-list">
        <Empty description={isUnackedOnly ? t.emptyUnacked : t.empty} />
      </div>
    );
  return (
    <ol data-testid="alert-list" style={{ margin: 0, padding: 0 }}>
      {alerts.map((alert) => (
        <li
          key={alert.id}
          data-testid="alert-item"
          data-rule={alert.rule}
          data-conversation={alert.conversationId}
          data-acknowledged={alert.acknowledgedAt ? 'true' : 'false'}
          style={itemStyle(alert)}
        >
          <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Space wrap size={[8, 4]}>
                <Tag color={SEVERITY_COLORS[alert.severity] ?? 'default'}>
                  {severityName(severities, alert.severity)}
                </Tag>
                <Typography.Text strong>{alert.name}</Typography.Text>
                <Typography.Text type="secondary" code>
                  {alert.rule}
                </Typography.Text>
                {alert.isNew && !alert.acknowledgedAt ? <Tag color="blue">{t.new}</Tag> : null}
              </Space>
              <div style={{ marginTop: 4, color: 'rgba(0,0,0,0.65)' }}>
                <Space wrap size={[16, 0]}>
                  <time dateTime={alert.createdAt}>
                    {formatDateTime(alert.createdAt, timeZone, { hasSeconds: true })}
                  </time>
                  <span>
                    {t.conversation}:{' '}
                    <Link to={`/conversations/${alert.conversationId}`}>
                      {alert.externalId ?? alert.conversationId.slice(0, 8)}
                    </Link>
                  </span>
                  <span>
                    {t.agent}: {alert.agentId ? (agentNames.get(alert.agentId) ?? alert.agentId) : '—'}
                  </span>
                  <span>
                    {t.team}: {alert.teamId ? (teamNames.get(alert.teamId) ?? alert.teamId) : '—'}
                  </span>
                </Space>
              </div>
              {alert.evidence.length > 0 ? (
                <blockquote
                  aria-label={t.evidence}
                  style={{ margin: '6px 0 0', paddingLeft: 10, borderLeft: '2px solid #e8e8e8' }}
                >
                  {alert.evidence.slice(0, MAX_EVIDENCE).map((e) => (
                    <div key={`${e.message}:${e.start}`}>
                      <Typography.Text mark>{e.text}</Typography.Text>
                    </div>
                  ))}
                  {alert.evidence.length > MAX_EVIDENCE ? (
                    <Typography.Text type="secondary">
                      {fill(t.more, { n: alert.evidence.length - MAX_EVIDENCE })}
                    </Typography.Text>
                  ) : null}
                </blockquote>
              ) : null}
            </div>
            <div style={{ flex: 'none', textAlign: 'right' }}>
              {alert.acknowledgedAt ? (
                <Typography.Text type="secondary">
                  <CheckOutlined aria-hidden />{' '}
                  {fill(t.acknowledged, { at: formatDateTime(alert.acknowledgedAt, timeZone) })}
                </Typography.Text>
              ) : canAcknowledge ? (
                <Button
                  size="small"
                  data-testid="ack"
                  aria-label={fill(t.acknowledgeOf, { name: alert.name })}
                  loading={acknowledging.has(alert.id)}
                  onClick={() => onAcknowledge(alert)}
                >
                  {t.acknowledge}
                </Button>
              ) : null}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
