import { ClockCircleOutlined } from '@ant-design/icons';
import { type AnalysisResult, extractEmoji } from '@serviq/core';
import { Tag } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime, formatDuration } from '../../lib/format.ts';
import type { Message } from './conversation-api.ts';
import { EMOTION_COLORS, EMOTION_NAMES, nameOf, ROLE_NAMES, ruleNameIn } from './conversation-labels.ts';
import { type MarkNode, type MarkSpan, nestSpans, responseGaps } from './transcript-marks.ts';

const MESSAGES: Messages<'gap' | 'firstGap' | 'overSla' | 'polarity' | 'hitTitle' | 'spoken'> = {
  'zh-CN': {
    gap: '回复用时 {time}',
    firstGap: '首次响应 {time}',
    overSla: '超过 SLA（{time}）',
    polarity: '情感倾向 {value}',
    hitTitle: '命中规则：{name}',
    spoken: '语音 {time}',
  },
  en: {
    gap: 'Replied after {time}',
    firstGap: 'First response after {time}',
    overSla: 'over the SLA ({time})',
    polarity: 'Polarity {value}',
    hitTitle: 'Rule hit: {name}',
    spoken: 'Speech {time}',
  },
};

type Mark =
  | { kind: 'hit'; rule: string; name: string; isBonus: boolean }
  | { kind: 'emoji'; category: string };

/** The transcript: each message by role, its time, the wait it ended, the customer's emotion, marks. */
export function Transcript({
  messages,
  analysis,
  authorName,
}: {
  messages: readonly Message[];
  analysis: AnalysisResult | null;
  authorName(id: string): string;
}) {
  const t = useText(MESSAGES);
  const roles = useText(ROLE_NAMES);
  const emotions = useText(EMOTION_NAMES);
  const { locale, timeZone } = useLocale();

  const marks = useMemo(() => {
    const byMessage = messages.map((): MarkSpan<Mark>[] => []);
    // Evidence first: of equal spans the first given is the outer mark, so emoji sit inside hits.
    for (const hit of analysis?.hits ?? [])
      for (const e of hit.evidence)
        byMessage[e.message]?.push({
          start: e.start,
          end: e.end,
          data: {
            kind: 'hit',
            rule: hit.rule,
            name: ruleNameIn([hit.name], locale),
            isBonus: hit.points > 0,
          },
        });
    messages.forEach((m, i) => {
      for (const found of extractEmoji(m.text))
        byMessage[i]?.push({
          start: found.start,
          end: found.end,
          data: { kind: 'emoji', category: found.category },
        });
    });
    return messages.map((m, i) => nestSpans(m.text.length, byMessage[i] ?? []));
  }, [messages, analysis, locale]);

  const gaps = useMemo(() => responseGaps(messages, analysis?.metrics.responses ?? []), [messages, analysis]);
  const sentiment = useMemo(
    () => new Map((analysis?.sentiment.messages ?? []).map((s) => [s.index, s])),
    [analysis],
  );
  const slaSec = analysis?.metrics.slaTargetSec;
  const firstGapAt = gaps.keys().next().value ?? -1;

  const render = (text: string, nodes: MarkNode<Mark>[]): ReactNode[] =>
    nodes.map((node) => {
      const key = `${node.start}-${node.end}-${node.kind === 'mark' ? node.data.kind : 't'}`;
      if (node.kind === 'text') return text.slice(node.start, node.end);
      const inner = render(text, node.children);
      if (node.data.kind === 'emoji')
        return (
          <mark key={key} className="emoji-mark" data-testid="emoji" data-category={node.data.category}>
            {inner}
          </mark>
        );
      return (
        <mark
          key={`${key}-${node.data.rule}`}
          className={`hit-span${node.data.isBonus ? ' is-bonus' : ''}`}
          data-testid="hit-span"
          data-rule={node.data.rule}
          title={fill(t.hitTitle, { name: node.data.name })}
        >
          {inner}
        </mark>
      );
    });

  let previousDay = '';
  return (
    <div className="transcript" data-testid="transcript">
      {messages.map((m, i) => {
        const when = formatDateTime(m.at, timeZone, { hasSeconds: true });
        const day = when.slice(0, 10);
        const shownTime = day === previousDay ? when.slice(11) : when;
        previousDay = day;
        const gap = gaps.get(i);
        const isOverSla = gap !== undefined && slaSec !== undefined && gap > slaSec;
        const feeling = sentiment.get(i);
        return (
          <div
            key={`${m.seq}-${m.id}`}
            className={`transcript-message role-${m.role}`}
            data-testid="message"
            data-role={m.role}
            data-index={i}
          >
            <div className="transcript-meta">
              <strong>{nameOf(roles, m.role)}</strong>
              {m.authorId ? <span>{authorName(m.authorId)}</span> : null}
              <time dateTime={m.at}>{shownTime}</time>
              {m.durationMs !== null ? (
                <span>{fill(t.spoken, { time: formatDuration(m.durationMs / 1000, locale) })}</span>
              ) : null}
              {gap !== undefined ? (
                <Tag
                  icon={<ClockCircleOutlined />}
                  color={isOverSla ? 'red' : 'default'}
                  data-testid="response-gap"
                  data-over-sla={isOverSla}
                >
                  {fill(i === firstGapAt ? t.firstGap : t.gap, { time: formatDuration(gap, locale) })}
                  {isOverSla && slaSec !== undefined
                    ? ` · ${fill(t.overSla, { time: formatDuration(slaSec, locale) })}`
                    : ''}
                </Tag>
              ) : null}
              {feeling ? (
                <Tag
                  color={EMOTION_COLORS[feeling.emotion]}
                  title={fill(t.polarity, { value: feeling.polarity.toFixed(2) })}
                  data-testid="message-emotion"
                >
                  {nameOf(emotions, feeling.emotion)}
                </Tag>
              ) : null}
            </div>
            <div className="transcript-text">{render(m.text, marks[i] ?? [])}</div>
          </div>
        );
      })}
    </div>
  );
}
