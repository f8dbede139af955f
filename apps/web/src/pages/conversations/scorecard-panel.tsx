import { CheckCircleTwoTone, CloseCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import type { AnalysisResult } from '@serviq/core';
import { Alert, Button, Card, Empty, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatNumber } from '../../lib/format.ts';
import type { ConversationDetail, RuleVerdict } from './conversation-api.ts';
import { ruleNameIn } from './conversation-labels.ts';

const MESSAGES: Messages<
  | 'title'
  | 'noScorecard'
  | 'passLine'
  | 'passed'
  | 'failed'
  | 'fatal'
  | 'hit'
  | 'pass'
  | 'na'
  | 'naReason'
  | 'showEvidence'
  | 'rulesChanged'
  | 'summary'
  | 'deduction'
  | 'weighted'
  | 'rulePoints'
  | 'show'
  | 'awarded'
  | 'notEarned'
  | 'all'
  | 'hits'
  | 'nas'
> = {
  'zh-CN': {
    title: '评分表',
    noScorecard: '没有适用于此会话的评分表',
    passLine: '合格线 {n}',
    passed: '合格',
    failed: '不合格',
    fatal: '致命项',
    hit: '命中',
    pass: '通过',
    na: '不适用',
    naReason: '不适用原因：{reason}',
    showEvidence: '在对话中定位「{name}」的证据',
    rulesChanged: '规则在此会话评分后已更新：下列判定按当前规则得出，分数仍为评分时的结果。',
    summary: '{points} 分 · 命中 {hits} · 不适用 {na}',
    deduction: '扣分制',
    weighted: '加权制',
    rulePoints: '规则分值 {points}',
    show: '显示规则',
    awarded: '加分',
    notEarned: '未加分',
    all: '全部 {n}',
    hits: '命中 {n}',
    nas: '不适用 {n}',
  },
  en: {
    title: 'Scorecard',
    noScorecard: 'No scorecard applies to this conversation',
    passLine: 'pass mark {n}',
    passed: 'Passed',
    failed: 'Failed',
    fatal: 'Fatal',
    hit: 'Hit',
    pass: 'Pass',
    na: 'N/A',
    naReason: 'Not applicable: {reason}',
    showEvidence: 'Show the evidence of "{name}" in the transcript',
    rulesChanged:
      'The rules changed after this conversation was scored: the verdicts below use the current rules; the score is the one it got then.',
    summary: '{points} points · {hits} hit · {na} N/A',
    deduction: 'deduction',
    weighted: 'weighted',
    rulePoints: 'rule points {points}',
    show: 'Rules shown',
    awarded: 'Awarded',
    notEarned: 'Not earned',
    all: 'All {n}',
    hits: 'Hit {n}',
    nas: 'N/A {n}',
  },
};

const signed = (n: number, locale: 'zh-CN' | 'en') => `${n > 0 ? '+' : ''}${formatNumber(n, locale, 2)}`;

function StatusIcon({ status, isBonus }: { status: RuleVerdict['status']; isBonus: boolean }) {
  if (status === 'not-applicable') return <MinusCircleOutlined style={{ color: '#8c8c8c' }} />;
  const isGood = isBonus ? status === 'hit' : status === 'pass';
  return isGood ? (
    <CheckCircleTwoTone twoToneColor="#52c41a" />
  ) : (
    <CloseCircleTwoTone twoToneColor="#ff4d4f" />
  );
}

/**
 * The scorecard of a conversation: the score, and every rule of its scorecard by category with
 * hit / pass / N/A (with the reason) and the points it moved. A hit opens its evidence in the transcript.
 */
export function ScorecardPanel({
  detail,
  onShowHit,
}: {
  detail: ConversationDetail;
  onShowHit(rule: string): void;
}) {
  const t = useText(MESSAGES);
  const { locale } = useLocale();
  const analysis: AnalysisResult | null = detail.analysis;
  const { scorecard, rules, generation } = detail.verdicts;
  const status = { hit: t.hit, pass: t.pass, 'not-applicable': t.na } as const;
  const [shown, setShown] = useState<'all' | RuleVerdict['status']>('all');

  if (!analysis?.scorecard)
    return (
      <Card size="small" title={t.title} data-testid="scorecard">
        <Empty description={t.noScorecard} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      </Card>
    );

  // The stored hits are what the score counted; a rule the current rules lack still shows as hit.
  const judged = new Set(rules.map((r) => r.rule));
  const stored: RuleVerdict[] = analysis.hits
    .filter((h) => !judged.has(h.rule))
    .map((h) => ({
      rule: h.rule,
      name: h.name,
      category: h.category,
      severity: h.severity,
      points: h.points,
      isFatal: h.isFatal === true,
      status: 'hit',
      scored: h.points,
      reason: null,
    }));
  const all = [...rules, ...stored];
  const count = (s: RuleVerdict['status']) => all.filter((r) => r.status === s).length;
  const categories = [
    ...analysis.categories.map((c) => c.name),
    ...all.map((r) => r.category).filter((c) => !analysis.categories.some((k) => k.name === c)),
  ].filter((c, i, list) => list.indexOf(c) === i);

  return (
    <Card
      size="small"
      data-testid="scorecard"
      title={
        <Space wrap size={8}>
          <span>{t.title}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {scorecard?.name ?? analysis.scorecard}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={6}>
          <Typography.Text strong style={{ fontSize: 18 }} data-testid="scorecard-score">
            {formatNumber(analysis.score, locale, 1)}
          </Typography.Text>
          <Typography.Text type="secondary">/ {analysis.maxScore}</Typography.Text>
          {analysis.fatal ? <Tag color="red">{t.fatal}</Tag> : null}
          {analysis.passed === null ? null : (
            <Tag color={analysis.passed ? 'green' : 'red'}>{analysis.passed ? t.passed : t.failed}</Tag>
          )}
        </Space>
      }
    >
      {scorecard ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {fill(t.passLine, { n: scorecard.passScore })} ·{' '}
          {scorecard.mode === 'weighted' ? t.weighted : t.deduction}
        </Typography.Paragraph>
      ) : null}
      <Segmented
        size="small"
        aria-label={t.show}
        value={shown}
        onChange={setShown}
        options={[
          { value: 'all', label: fill(t.all, { n: all.length }) },
          { value: 'hit', label: fill(t.hits, { n: count('hit') }) },
          { value: 'not-applicable', label: fill(t.nas, { n: count('not-applicable') }) },
        ]}
        style={{ marginBottom: 8 }}
      />
      {generation !== detail.ruleGeneration ? (
        <Alert type="info" showIcon title={t.rulesChanged} style={{ marginBottom: 8 }} />
      ) : null}
      {categories.map((category) => {
        const inCategory = all.filter(
          (r) => r.category === category && (shown === 'all' || r.status === shown),
        );
        if (inCategory.length === 0) return null;
        const score = analysis.categories.find((c) => c.name === category);
        return (
          <section key={category} style={{ marginBottom: 10 }} aria-label={category}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text strong>{category}</Typography.Text>
              {score ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fill(t.summary, {
                    points: signed(score.points, locale),
                    hits: score.hits,
                    na: score.notApplicable,
                  })}
                </Typography.Text>
              ) : null}
            </Space>
            {inCategory.map((r) => (
              <div
                key={r.rule}
                className="scorecard-rule"
                data-testid="scorecard-rule"
                data-rule={r.rule}
                data-status={r.status}
              >
                <span style={{ paddingTop: 2 }}>
                  <StatusIcon status={r.status} isBonus={r.points > 0} />
                </span>
                <div style={{ flex: 1, minWidth: 0 }}>
                  {r.status === 'hit' ? (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                      onClick={() => onShowHit(r.rule)}
                      aria-label={fill(t.showEvidence, { name: ruleNameIn([r.name], locale) })}
                    >
                      {ruleNameIn([r.name], locale)}
                    </Button>
                  ) : (
                    <Typography.Text type={r.status === 'not-applicable' ? 'secondary' : undefined}>
                      {ruleNameIn([r.name], locale)}
                    </Typography.Text>
                  )}
                  {r.isFatal ? (
                    <Tag color="red" style={{ marginLeft: 6 }}>
                      {t.fatal}
                    </Tag>
                  ) : null}
                  {r.status === 'not-applicable' && r.reason ? (
                    <Typography.Paragraph
                      type="secondary"
                      style={{ fontSize: 12, margin: 0 }}
                      ellipsis={{ rows: 2, tooltip: r.reason }}
                      data-testid="na-reason"
                    >
                      {fill(t.naReason, { reason: r.reason })}
                    </Typography.Paragraph>
                  ) : null}
                </div>
                <div style={{ whiteSpace: 'nowrap' }}>
                  {r.status === 'hit' ? null : (
                    <span
                      style={{ fontSize: 12, color: '#8c8c8c', marginInlineEnd: 6 }}
                      title={fill(t.rulePoints, { points: signed(r.points, locale) })}
                    >
                      {signed(r.points, locale)}
                    </span>
                  )}
                  <Tag
                    color={r.status === 'hit' ? (r.points > 0 ? 'green' : 'red') : 'default'}
                    style={{ marginInlineEnd: 0 }}
                    title={fill(t.rulePoints, { points: signed(r.points, locale) })}
                  >
                    {r.status === 'hit'
                      ? `${r.points > 0 ? t.awarded : status.hit} ${signed(r.scored, locale)}`
                      : r.status === 'pass' && r.points > 0
                        ? t.notEarned
                        : status[r.status]}
                  </Tag>
                </div>
              </div>
            ))}
          </section>
        );
      })}
    </Card>
  );
}
