import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useRef } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime, formatDuration, formatNumber } from '../../lib/format.ts';
import { useDirectory } from '../../lib/report-data.ts';
import { channelName } from '../../lib/report-metrics.ts';
import { useApi } from '../../lib/use-api.ts';
import { SEVERITY_COLORS, SEVERITY_NAMES, severityName } from '../live/alert-labels.ts';
import type { ConversationDetail } from './conversation-api.ts';
import { EMOTION_COLORS, EMOTION_NAMES, nameOf, ruleNameIn, STATUS_NAMES } from './conversation-labels.ts';
import { MetricsPanel } from './metrics-panel.tsx';
import { ScorecardPanel } from './scorecard-panel.tsx';
import { Transcript } from './transcript.tsx';
import './conversation-detail.css';

const MESSAGES: Messages<
  | 'back'
  | 'notFound'
  | 'failed'
  | 'channel'
  | 'agents'
  | 'team'
  | 'queue'
  | 'tags'
  | 'started'
  | 'ended'
  | 'duration'
  | 'status'
  | 'csat'
  | 'noRating'
  | 'customer'
  | 'language'
  | 'resolved'
  | 'yes'
  | 'no'
  | 'endEmotion'
  | 'transcript'
  | 'messagesCount'
  | 'reviews'
  | 'noReviews'
  | 'reviewBy'
  | 'verdicts'
  | 'alerts'
  | 'noAlerts'
  | 'acknowledged'
  | 'unacknowledged'
  | 'score'
> = {
  'zh-CN': {
    back: '返回会话列表',
    notFound: '会话不存在，或你无权查看',
    failed: '会话加载失败',
    channel: '渠道',
    agents: '客服',
    team: '团队',
    queue: '队列',
    tags: '标签',
    started: '开始',
    ended: '结束',
    duration: '时长',
    status: '状态',
    csat: '满意度',
    noRating: '未评价',
    customer: '客户',
    language: '语言',
    resolved: '已解决',
    yes: '是',
    no: '否',
    endEmotion: '客户结束情绪',
    transcript: '对话记录',
    messagesCount: '{n} 条消息',
    reviews: '人工复核',
    noReviews: '暂无复核',
    reviewBy: '复核人 #{id} · {time}',
    verdicts: '{n} 条规则判定',
    alerts: '告警',
    noAlerts: '暂无告警',
    acknowledged: '已确认',
    unacknowledged: '未确认',
    score: '{score} 分',
  },
  en: {
    back: 'Back to conversations',
    notFound: 'This conversation does not exist, or you may not see it',
    failed: 'Could not load the conversation',
    channel: 'Channel',
    agents: 'Agents',
    team: 'Team',
    queue: 'Queue',
    tags: 'Tags',
    started: 'Started',
    ended: 'Ended',
    duration: 'Duration',
    status: 'Status',
    csat: 'CSAT',
    noRating: 'Not rated',
    customer: 'Customer',
    language: 'Language',
    resolved: 'Resolved',
    yes: 'Yes',
    no: 'No',
    endEmotion: 'Customer ending emotion',
    transcript: 'Transcript',
    messagesCount: '{n} messages',
    reviews: 'Reviews',
    noReviews: 'No reviews yet',
    reviewBy: 'Reviewer #{id} · {time}',
    verdicts: '{n} rule verdicts',
    alerts: 'Alerts',
    noAlerts: 'No alerts',
    acknowledged: 'Acknowledged',
    unacknowledged: 'Not acknowledged',
    score: 'score {score}',
  },
};

const FLASH_MS = 1600;

/** One conversation: who and when, the transcript with every finding marked, the scorecard, metrics, reviews, alerts. */
export function ConversationDetailPage() {
  const t = useText(MESSAGES);
  const { locale, timeZone } = useLocale();
  const statuses = useText(STATUS_NAMES);
  const emotions = useText(EMOTION_NAMES);
  const severities = useText(SEVERITY_NAMES);
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { directory } = useDirectory();
  const transcriptRef = useRef<HTMLDivElement>(null);
  const state = useApi(
    (signal) => api<ConversationDetail>('GET', `/conversations/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const detail = state.data?.id === id ? state.data : undefined;
  const agentName = useCallback(
    (agentId: string) => directory.agents.find((a) => a.id === agentId)?.name ?? agentId,
    [directory],
  );

  // From the list, back returns to it as it was (filters, page); from elsewhere, to the whole list.
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch;
  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      style={{ paddingInline: 0 }}
      onClick={() => (listSearch === undefined ? navigate('/conversations') : navigate(-1))}
    >
      {t.back}
    </Button>
  );

  const showHit = useCallback(
    (rule: string) => {
      const root = transcriptRef.current;
      if (!root || !detail) return;
      const hit = detail.analysis?.hits.find((h) => h.rule === rule);
      const target =
        root.querySelector<HTMLElement>(`mark[data-rule="${CSS.escape(rule)}"]`) ??
        (hit?.messages[0] === undefined
          ? null
          : root.querySelector<HTMLElement>(`[data-testid="message"][data-index="${hit.messages[0]}"]`));
      if (!target) return;
      target.scrollIntoView({ behavior: 'smooth', block: 'center' });
      const marks = [...root.querySelectorAll<HTMLElement>(`mark[data-rule="${CSS.escape(rule)}"]`)];
      for (const el of marks.length > 0 ? marks : [target]) {
        el.classList.remove('is-flashing');
        // Restarts the animation when the same hit is clicked again.
        void el.offsetWidth;
        el.classList.add('is-flashing');
        setTimeout(() => el.classList.remove('is-flashing'), FLASH_MS);
      }
    },
    [detail],
  );

  if (!detail)
    return (
      <div data-testid="conversation-detail" data-state={state.isLoading ? 'loading' : 'error'}>
        {back}
        {state.isLoading ? (
          <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
            <Spin />
          </div>
        ) : (
          <Alert
            type="error"
            showIcon
            title={(state.error as { status?: number } | undefined)?.status === 404 ? t.notFound : t.failed}
            description={state.error?.message}
          />
        )}
      </div>
    );

  const a = detail.analysis;
  const header = [
    { key: 'channel', label: t.channel, children: channelName(detail.channel, locale) },
    {
      key: 'agents',
      label: t.agents,
      children: detail.agentIds.length ? detail.agentIds.map(agentName).join('、') : '—',
    },
    { key: 'team', label: t.team, children: detail.teamId ? directory.teamLabel(detail.teamId) : '—' },
    { key: 'queue', label: t.queue, children: detail.queue ?? '—' },
    {
      key: 'tags',
      label: t.tags,
      children: detail.tags.length ? detail.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—',
    },
    {
      key: 'started',
      label: t.started,
      children: formatDateTime(detail.startedAt, timeZone, { hasSeconds: true }),
    },
    {
      key: 'ended',
      label: t.ended,
      children: formatDateTime(detail.endedAt, timeZone, { hasSeconds: true }),
    },
    {
      key: 'duration',
      label: t.duration,
      children: formatDuration((Date.parse(detail.endedAt) - Date.parse(detail.startedAt)) / 1000, locale),
    },
    {
      key: 'status',
      label: t.status,
      children: (
        <Tag color={detail.status === 'open' ? 'processing' : 'default'}>
          {nameOf(statuses, detail.status)}
        </Tag>
      ),
    },
    {
      key: 'csat',
      label: t.csat,
      children: (
        <span data-testid="csat">
          {detail.csat === null ? t.noRating : `${detail.csat} / 5`}
          {detail.ratingComment ? (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              “{detail.ratingComment}”
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      key: 'endEmotion',
      label: t.endEmotion,
      children: detail.customerEndEmotion ? (
        <Tag color={EMOTION_COLORS[detail.customerEndEmotion]}>
          {nameOf(emotions, detail.customerEndEmotion)}
        </Tag>
      ) : (
        '—'
      ),
    },
    { key: 'customer', label: t.customer, children: detail.customerId ?? '—' },
    { key: 'language', label: t.language, children: detail.language ?? '—' },
    {
      key: 'resolved',
      label: t.resolved,
      children: detail.isResolved === null ? '—' : detail.isResolved ? t.yes : t.no,
    },
  ];

  return (
    <div data-testid="conversation-detail" data-state="ready">
      {back}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap align="baseline" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {detail.externalId}
          </Typography.Title>
          <Tag>{detail.source}</Tag>
          {a?.score === null || a?.score === undefined ? null : (
            <Tag color={a.passed ? 'green' : 'red'}>
              {fill(t.score, { score: formatNumber(a.score, locale, 1) })}
            </Tag>
          )}
          <Typography.Text type="secondary" copyable={{ text: detail.id }} style={{ fontSize: 12 }}>
            {detail.id}
          </Typography.Text>
        </Space>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={header} />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t.transcript}
            extra={fill(t.messagesCount, { n: detail.messages.length })}
            style={{ marginBottom: 12 }}
          >
            <div ref={transcriptRef}>
              <Transcript messages={detail.messages} analysis={a} authorName={agentName} />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <ScorecardPanel detail={detail} onShowHit={showHit} />
            <MetricsPanel analysis={a} />
            <Card size="small" title={t.reviews} data-testid="reviews">
              {detail.reviews.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noReviews} />
              ) : (
                <List
                  size="small"
                  dataSource={detail.reviews}
                  renderItem={(r) => (
                    <List.Item>
                      <List.Item.Meta
                        title={fill(t.score, { score: formatNumber(r.score, locale, 1) })}
                        description={
                          <>
                            <div>
                              {fill(t.reviewBy, {
                                id: r.reviewerId,
                                time: formatDateTime(r.createdAt, timeZone),
                              })}
                              {' · '}
                              {fill(t.verdicts, { n: r.verdicts.length })}
                            </div>
                            {r.comment ? <div>{r.comment}</div> : null}
                          </>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card size="small" title={t.alerts} data-testid="alerts">
              {detail.alerts.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noAlerts} />
              ) : (
                <List
                  size="small"
                  dataSource={detail.alerts}
                  renderItem={(alert) => (
                    <List.Item>
                      <Space wrap size={6}>
                        <Tag color={SEVERITY_COLORS[alert.severity]}>
                          {severityName(severities, alert.severity)}
                        </Tag>
                        <span>{ruleNameIn([alert.name], locale)}</span>
                        <Typography.Text type="secondary">
                          {formatDateTime(alert.createdAt, timeZone)}
                        </Typography.Text>
                        <Tag color={alert.acknowledgedAt ? 'green' : 'orange'}>
                          {alert.acknowledgedAt ? t.acknowledged : t.unacknowledged}
                        </Tag>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
