import type { AnalysisResult, MessageFlag } from '@serviq/core';
import { Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDuration, formatNumber } from '../../lib/format.ts';
import { EMOTION_COLORS, EMOTION_NAMES, nameOf, ROLE_NAMES, TREND_NAMES } from './conversation-labels.ts';

const MESSAGES: Messages<
  | 'title'
  | 'none'
  | 'firstResponse'
  | 'sla'
  | 'slaMet'
  | 'slaMissed'
  | 'slaTarget'
  | 'responses'
  | 'responseStats'
  | 'longestWait'
  | 'unanswered'
  | 'handle'
  | 'messages'
  | 'transfers'
  | 'botHandoff'
  | 'agentEmoji'
  | 'emojiStats'
  | 'whileNegative'
  | 'customerEmoji'
  | 'trajectory'
  | 'trajectoryStats'
  | 'predictedCsat'
  | 'flags'
  | MessageFlag
> = {
  'zh-CN': {
    title: '指标',
    none: '无',
    firstResponse: '首次响应',
    sla: 'SLA',
    slaMet: '达标',
    slaMissed: '未达标',
    slaTarget: '目标 {time}',
    responses: '回复用时',
    responseStats: '平均 {avg} · 中位 {median} · P90 {p90} · 最长 {max}',
    longestWait: '客户最长等待',
    unanswered: '末尾未回复等待',
    handle: '处理时长',
    messages: '消息数',
    transfers: '转接 / 机器人转人工',
    botHandoff: '转人工后 {time} 响应',
    agentEmoji: '客服表情',
    emojiStats: '{count} 个，{messages} 条消息含表情，每条 {rate}',
    whileNegative: '其中 {n} 个在客户负面时',
    customerEmoji: '客户表情',
    trajectory: '客户情绪轨迹',
    trajectoryStats: '情感倾向 {start} → {end}（最低 {min}）',
    predictedCsat: '预测满意度',
    flags: '风险标记',
    urgency: '紧急',
    'complaint-threat': '投诉威胁',
    abuse: '辱骂',
    impatient: '不耐烦',
    rude: '粗鲁',
  },
  en: {
    title: 'Metrics',
    none: 'None',
    firstResponse: 'First response',
    sla: 'SLA',
    slaMet: 'Met',
    slaMissed: 'Missed',
    slaTarget: 'target {time}',
    responses: 'Response times',
    responseStats: 'avg {avg} · median {median} · p90 {p90} · max {max}',
    longestWait: 'Longest customer wait',
    unanswered: 'Unanswered wait at the end',
    handle: 'Handle time',
    messages: 'Messages',
    transfers: 'Transfers / bot hand-off',
    botHandoff: 'human replied {time} after hand-off',
    agentEmoji: 'Agent emoji',
    emojiStats: '{count} in {messages} messages, {rate} per message',
    whileNegative: '{n} while the customer was negative',
    customerEmoji: 'Customer emoji',
    trajectory: 'Customer emotion',
    trajectoryStats: 'polarity {start} → {end} (low {min})',
    predictedCsat: 'Predicted CSAT',
    flags: 'Flags',
    urgency: 'Urgency',
    'complaint-threat': 'Complaint threat',
    abuse: 'Abuse',
    impatient: 'Impatient',
    rude: 'Rude',
  },
};

const TOP_EMOJI = 8;

function EmojiItems({ items }: { items: Record<string, number> }) {
  const top = Object.entries(items)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_EMOJI);
  if (top.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap>
      {top.map(([item, n]) => (
        <Tag key={item}>
          {item} ×{n}
        </Tag>
      ))}
    </Space>
  );
}

/** The conversation's measured facts: response times and SLA, counts, emoji use, the customer's emotion. */
export function MetricsPanel({ analysis }: { analysis: AnalysisResult | null }) {
  const t = useText(MESSAGES);
  const roles = useText(ROLE_NAMES);
  const emotions = useText(EMOTION_NAMES);
  const trends = useText(TREND_NAMES);
  const { locale } = useLocale();
  if (!analysis)
    return (
      <Card size="small" title={t.title} data-testid="metrics">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      </Card>
    );
  const m = analysis.metrics;
  const time = (sec: number | null | undefined) => formatDuration(sec, locale);
  const customer = analysis.sentiment.customer;
  const whileNegative = Object.values(analysis.emoji.byAgent).reduce(
    (n, a) => n + a.whileCustomerNegative,
    0,
  );
  const path = analysis.sentiment.messages;
  const items = [
    {
      key: 'firstResponse',
      label: t.firstResponse,
      children: (
        <Space size={6} wrap>
          <span>{time(m.firstResponseSec)}</span>
          {m.slaMet === null ? null : (
            <Tag color={m.slaMet ? 'green' : 'red'}>
              {t.sla} {m.slaMet ? t.slaMet : t.slaMissed}
            </Tag>
          )}
          {m.slaTargetSec !== undefined ? (
            <Typography.Text type="secondary">
              {fill(t.slaTarget, { time: time(m.slaTargetSec) })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'responses',
      label: t.responses,
      children: fill(t.responseStats, {
        avg: time(m.avgResponseSec),
        median: time(m.medianResponseSec),
        p90: time(m.p90ResponseSec),
        max: time(m.maxResponseSec),
      }),
    },
    { key: 'longestWait', label: t.longestWait, children: time(m.maxCustomerWaitSec) },
    ...(m.unansweredWaitSec !== null
      ? [{ key: 'unanswered', label: t.unanswered, children: time(m.unansweredWaitSec) }]
      : []),
    { key: 'handle', label: t.handle, children: time(m.handleSec) },
    {
      key: 'messages',
      label: t.messages,
      children: (['customer', 'agent', 'bot', 'system'] as const)
        .filter((role) => m.messages[role] > 0)
        .map((role) => `${nameOf(roles, role)} ${m.messages[role]}`)
        .join(' · '),
    },
    {
      key: 'transfers',
      label: t.transfers,
      children: `${m.transfers} / ${m.botHandoff ? fill(t.botHandoff, { time: time(m.botHandoffSec) }) : t.none}`,
    },
    {
      key: 'agentEmoji',
      label: t.agentEmoji,
      children: (
        <Space orientation="vertical" size={2}>
          <span>
            {fill(t.emojiStats, {
              count: analysis.emoji.agent.count,
              messages: analysis.emoji.agent.messagesWithEmoji,
              rate: formatNumber(analysis.emoji.agent.perMessage, locale, 2),
            })}
          </span>
          {whileNegative > 0 ? (
            <Tag color="volcano">{fill(t.whileNegative, { n: whileNegative })}</Tag>
          ) : null}
          <EmojiItems items={analysis.emoji.agent.items} />
        </Space>
      ),
    },
    {
      key: 'customerEmoji',
      label: t.customerEmoji,
      children:
        analysis.emoji.customer.count === 0 ? t.none : <EmojiItems items={analysis.emoji.customer.items} />,
    },
    {
      key: 'trajectory',
      label: t.trajectory,
      children: customer ? (
        <Space orientation="vertical" size={4}>
          <Space size={[2, 4]} wrap aria-label={t.trajectory} data-testid="emotion-trajectory">
            {path.map((s, i) => (
              <span key={s.index}>
                {i > 0 ? '→ ' : ''}
                <Tag color={EMOTION_COLORS[s.emotion]} style={{ marginInlineEnd: 2 }}>
                  {nameOf(emotions, s.emotion)}
                </Tag>
              </span>
            ))}
          </Space>
          <Typography.Text type="secondary">
            {nameOf(trends, customer.trend)} ·{' '}
            {fill(t.trajectoryStats, {
              start: customer.start.toFixed(2),
              end: customer.end.toFixed(2),
              min: customer.min.toFixed(2),
            })}
          </Typography.Text>
        </Space>
      ) : (
        t.none
      ),
    },
    {
      key: 'predictedCsat',
      label: t.predictedCsat,
      children: formatNumber(analysis.satisfaction.predicted, locale, 1),
    },
    {
      key: 'flags',
      label: t.flags,
      children:
        analysis.flags.length === 0 ? (
          t.none
        ) : (
          <Space size={4} wrap>
            {analysis.flags.map((f) => (
              <Tag key={f} color="orange">
                {t[f] ?? f}
              </Tag>
            ))}
          </Space>
        ),
    },
  ];
  return (
    <Card size="small" title={t.title} data-testid="metrics">
      <Descriptions size="small" column={1} items={items} styles={{ label: { width: 120 } }} />
    </Card>
  );
}
