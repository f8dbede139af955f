import type { ConversationFilter } from '@serviq/contracts';
import { CHANNELS, EMOTIONS } from '@serviq/core';
import { DatePicker, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { memo, type ReactNode, useEffect, useState } from 'react';
import { type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import type { Directory } from '../../lib/report-data.ts';
import { channelName } from '../../lib/report-metrics.ts';
import { localDate, zonedMidnight } from '../../lib/report-period.ts';
import type { FilterChoices } from './conversation-api.ts';
import { EMOJI_USE_NAMES, EMOTION_NAMES, STATUS_NAMES } from './conversation-labels.ts';

const MESSAGES: Messages<
  | 'time'
  | 'today'
  | 'last7'
  | 'last30'
  | 'search'
  | 'searchHint'
  | 'agent'
  | 'team'
  | 'channel'
  | 'queue'
  | 'tag'
  | 'minScore'
  | 'maxScore'
  | 'score'
  | 'result'
  | 'passed'
  | 'failed'
  | 'rule'
  | 'emotion'
  | 'emoji'
  | 'negativeEnd'
  | 'yes'
  | 'no'
  | 'csat'
  | 'minCsat'
  | 'maxCsat'
  | 'status'
  | 'any'
> = {
  'zh-CN': {
    time: '开始时间',
    today: '今天',
    last7: '近 7 天',
    last30: '近 30 天',
    search: '搜索',
    searchHint: '会话号或消息内容',
    agent: '客服',
    team: '团队',
    channel: '渠道',
    queue: '队列',
    tag: '标签',
    minScore: '最低分',
    maxScore: '最高分',
    score: '质检分',
    result: '质检结果',
    passed: '合格',
    failed: '不合格',
    rule: '命中规则',
    emotion: '客户结束情绪',
    emoji: '表情使用',
    negativeEnd: '客户负面结束',
    yes: '是',
    no: '否',
    csat: '满意度',
    minCsat: '满意度下限',
    maxCsat: '满意度上限',
    status: '状态',
    any: '全部',
  },
  en: {
    time: 'Started',
    today: 'Today',
    last7: 'Last 7 days',
    last30: 'Last 30 days',
    search: 'Search',
    searchHint: 'Conversation id or message text',
    agent: 'Agent',
    team: 'Team',
    channel: 'Channel',
    queue: 'Queue',
    tag: 'Tags',
    minScore: 'Minimum score',
    maxScore: 'Maximum score',
    score: 'Score',
    result: 'Result',
    passed: 'Passed',
    failed: 'Failed',
    rule: 'Rule hit',
    emotion: 'Customer ending emotion',
    emoji: 'Emoji use',
    negativeEnd: 'Customer ended negative',
    yes: 'Yes',
    no: 'No',
    csat: 'CSAT',
    minCsat: 'Minimum CSAT',
    maxCsat: 'Maximum CSAT',
    status: 'Status',
    any: 'Any',
  },
};

const TEXT_DELAY_MS = 300;

/** A value typed locally and handed on once typing pauses; follows the filter when it changes elsewhere (back button). */
function useDebounced<T>(value: T, commit: (next: T) => void): [T, (next: T) => void] {
  const [local, setLocal] = useState(value);
  useEffect(() => setLocal(value), [value]);
  useEffect(() => {
    if (local === value) return;
    const timer = setTimeout(() => commit(local), TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [local, value, commit]);
  return [local, setLocal];
}

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', gap: 2, gridColumn: wide ? 'span 2' : undefined }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-hidden>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

const CSAT_OPTIONS = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }));

export type FilterBarProps = {
  filter: ConversationFilter;
  onChange(next: ConversationFilter): void;
  choices: FilterChoices | undefined;
  directory: Directory;
  ruleName(rule: string): string;
};

/**
 * Every filter of the conversation list; each change is handed on at once, typed text after a
 * pause. Memoised: a page of results arriving does not render the filters again.
 */
export const ConversationFilterBar = memo(function ConversationFilterBar({
  filter,
  onChange,
  choices,
  directory,
  ruleName,
}: FilterBarProps) {
  const t = useText(MESSAGES);
  const { locale, timeZone } = useLocale();
  const emotions = useText(EMOTION_NAMES);
  const emojiUses = useText(EMOJI_USE_NAMES);
  const statuses = useText(STATUS_NAMES);
  const set = (patch: Partial<ConversationFilter>) => onChange({ ...filter, ...patch });

  const [q, setQ] = useDebounced(filter.q ?? '', (next) => onChange({ ...filter, q: next || undefined }));
  const [minScore, setMinScore] = useDebounced(filter.minScore ?? null, (next) =>
    onChange({ ...filter, minScore: next ?? undefined }),
  );
  const [maxScore, setMaxScore] = useDebounced(filter.maxScore ?? null, (next) =>
    onChange({ ...filter, maxScore: next ?? undefined }),
  );

  const today = localDate(Date.now(), timeZone);
  const daysAgo = (n: number) => dayjs(today).subtract(n, 'day');
  const range: [Dayjs, Dayjs] | null =
    filter.from && filter.to
      ? [
          dayjs(localDate(Date.parse(filter.from), timeZone)),
          dayjs(localDate(Date.parse(filter.to) - 1, timeZone)),
        ]
      : null;
  const setRange = (value: [Dayjs | null, Dayjs | null] | null) => {
    const [start, end] = value ?? [];
    if (!start || !end) return set({ from: undefined, to: undefined });
    set({
      from: new Date(zonedMidnight(timeZone, start.year(), start.month() + 1, start.date())).toISOString(),
      to: new Date(zonedMidnight(timeZone, end.year(), end.month() + 1, end.date() + 1)).toISOString(),
    });
  };
  const multi = { mode: 'multiple' as const, allowClear: true, maxTagCount: 'responsive' as const };
  const search = { showSearch: { optionFilterProp: 'label' as const } };

  return (
    <div
      data-testid="conversation-filters"
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
        gap: '8px 12px',
      }}
    >
      <Field label={t.time} wide>
        <DatePicker.RangePicker
          aria-label={t.time}
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
          presets={[
            { label: t.today, value: [dayjs(today), dayjs(today)] },
            { label: t.last7, value: [daysAgo(6), dayjs(today)] },
            { label: t.last30, value: [daysAgo(29), dayjs(today)] },
          ]}
          style={{ width: '100%' }}
        />
      </Field>
      <Field label={t.search} wide>
        <Input.Search
          aria-label={t.search}
          placeholder={t.searchHint}
          allowClear
          value={q}
          maxLength={200}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => onChange({ ...filter, q: value || undefined })}
        />
      </Field>
      <Field label={t.agent}>
        <Select
          aria-label={t.agent}
          {...multi}
          {...search}
          value={filter.agent ?? []}
          onChange={(agent: string[]) => set({ agent })}
          options={directory.agents.map((a) => ({ value: a.id, label: directory.agentLabel(a.id) }))}
        />
      </Field>
      <Field label={t.team}>
        <Select
          aria-label={t.team}
          {...multi}
          {...search}
          value={filter.team ?? []}
          onChange={(team: string[]) => set({ team })}
          options={[...new Set(directory.agents.map((a) => a.teamId).filter((id) => id !== null))]
            .sort()
            .map((id) => ({ value: id, label: directory.teamLabel(id) }))}
        />
      </Field>
      <Field label={t.channel}>
        <Select
          aria-label={t.channel}
          {...multi}
          value={filter.channel ?? []}
          onChange={(channel: ConversationFilter['channel']) => set({ channel })}
          options={CHANNELS.map((c) => ({ value: c, label: channelName(c, locale) }))}
        />
      </Field>
      <Field label={t.queue}>
        <Select
          aria-label={t.queue}
          {...multi}
          {...search}
          value={filter.queue ?? []}
          onChange={(queue: string[]) => set({ queue })}
          options={(choices?.queues ?? []).map((v) => ({ value: v, label: v }))}
        />
      </Field>
      <Field label={t.tag}>
        <Select
          aria-label={t.tag}
          {...multi}
          {...search}
          value={filter.tag ?? []}
          onChange={(tag: string[]) => set({ tag })}
          options={(choices?.tags ?? []).map((v) => ({ value: v, label: v }))}
        />
      </Field>
      <Field label={t.rule} wide>
        <Select
          aria-label={t.rule}
          {...multi}
          {...search}
          value={filter.rule ?? []}
          onChange={(rule: string[]) => set({ rule })}
          options={(choices?.rules ?? []).map((r) => ({ value: r.id, label: `${ruleName(r.id)} · ${r.id}` }))}
        />
      </Field>
      <Field label={t.score}>
        <div style={{ display: 'flex', gap: 4 }}>
          <InputNumber
            aria-label={t.minScore}
            placeholder={t.minScore}
            min={0}
            max={100}
            value={minScore}
            onChange={(v) => setMinScore(v)}
            style={{ width: '50%' }}
          />
          <InputNumber
            aria-label={t.maxScore}
            placeholder={t.maxScore}
            min={0}
            max={100}
            value={maxScore}
            onChange={(v) => setMaxScore(v)}
            style={{ width: '50%' }}
          />
        </div>
      </Field>
      <Field label={t.result}>
        <Select
          aria-label={t.result}
          allowClear
          placeholder={t.any}
          value={filter.isPassed === undefined ? undefined : String(filter.isPassed)}
          onChange={(v?: string) => set({ isPassed: v === undefined ? undefined : v === 'true' })}
          options={[
            { value: 'true', label: t.passed },
            { value: 'false', label: t.failed },
          ]}
        />
      </Field>
      <Field label={t.emotion}>
        <Select
          aria-label={t.emotion}
          {...multi}
          value={filter.emotion ?? []}
          onChange={(emotion: ConversationFilter['emotion']) => set({ emotion })}
          options={EMOTIONS.map((e) => ({ value: e, label: emotions[e] }))}
        />
      </Field>
      <Field label={t.emoji}>
        <Select
          aria-label={t.emoji}
          allowClear
          placeholder={t.any}
          value={filter.emoji}
          onChange={(emoji?: ConversationFilter['emoji']) => set({ emoji })}
          options={(['any', 'negative', 'none'] as const).map((v) => ({ value: v, label: emojiUses[v] }))}
        />
      </Field>
      <Field label={t.negativeEnd}>
        <Select
          aria-label={t.negativeEnd}
          allowClear
          placeholder={t.any}
          value={filter.isNegativeEnd === undefined ? undefined : String(filter.isNegativeEnd)}
          onChange={(v?: string) => set({ isNegativeEnd: v === undefined ? undefined : v === 'true' })}
          options={[
            { value: 'true', label: t.yes },
            { value: 'false', label: t.no },
          ]}
        />
      </Field>
      <Field label={t.csat}>
        <div style={{ display: 'flex', gap: 4 }}>
          <Select
            aria-label={t.minCsat}
            allowClear
            placeholder={t.minCsat}
            value={filter.minCsat}
            onChange={(minCsat?: number) => set({ minCsat })}
            options={CSAT_OPTIONS}
            style={{ width: '50%' }}
          />
          <Select
            aria-label={t.maxCsat}
            allowClear
            placeholder={t.maxCsat}
            value={filter.maxCsat}
            onChange={(maxCsat?: number) => set({ maxCsat })}
            options={CSAT_OPTIONS}
            style={{ width: '50%' }}
          />
        </div>
      </Field>
      <Field label={t.status}>
        <Select
          aria-label={t.status}
          allowClear
          placeholder={t.any}
          value={filter.status}
          onChange={(status?: ConversationFilter['status']) => set({ status })}
          options={(['open', 'closed'] as const).map((v) => ({ value: v, label: statuses[v] }))}
        />
      </Field>
    </div>
  );
});
