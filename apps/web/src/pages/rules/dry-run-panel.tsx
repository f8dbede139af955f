import { ExperimentOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { fill, useLocale, useText } from '../../i18n/locale.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { type DryRunReport, type DryRunRule, rulesApi } from './rules-api.ts';
import { RULES_MESSAGES } from './rules-messages.ts';

const LIMITS = [100, 500, 1000, 2000, 5000];

type Props = {
  /** The rule set the draft stands in for; undefined for one not saved yet. */
  ruleSetId: string | undefined;
  source: string;
  fileName: string;
  /** The server refused the draft: its errors go to the editor. */
  onRefused(source: string, details: readonly unknown[] | undefined): void;
  /** Open a stored conversation in the preview. */
  onPreview(conversationId: string): void;
  /** Why a dry-run cannot run now (the draft has errors), shown instead. */
  blockedBy: string | undefined;
};

/** The last dry-run and the text it ran on, so a later edit shows the result is out of date. */
type Ran = { report: DryRunReport; source: string; limit: number };

const change = (before: number, after: number) => after - before;

/**
 * Analyses the most recent stored conversations with the draft in place (POST /rule-sets:dry-run)
 * and compares with their stored analysis: scores, and per rule the conversations hit, with examples.
 */
export function DryRunPanel({ ruleSetId, source, fileName, onRefused, onPreview, blockedBy }: Props) {
  const t = useText(RULES_MESSAGES);
  const { locale } = useLocale();
  const [limit, setLimit] = useState(500);
  const [ran, setRan] = useState<Ran>();
  const [error, setError] = useState<string>();
  const [isRunning, setRunning] = useState(false);
  const [show, setShow] = useState<'changed' | 'all'>('changed');

  const run = () => {
    setRunning(true);
    setError(undefined);
    const text = source;
    rulesApi.dryRun({ ...(ruleSetId ? { id: ruleSetId } : {}), source: text, fileName, limit }).then(
      (report) => {
        setRunning(false);
        setRan({ report, source: text, limit });
        setShow(report.rules.some((r) => r.conversations !== r.conversationsBefore) ? 'changed' : 'all');
      },
      (e: Error) => {
        setRunning(false);
        setError(e.message);
        if (e instanceof ApiError && e.field === 'source') onRefused(text, e.details);
      },
    );
  };

  const report = ran?.report;
  const rules = report
    ? show === 'changed'
      ? report.rules.filter((r) => r.conversations !== r.conversationsBefore)
      : report.rules
    : [];
  const n = (x: number) => formatNumber(x, locale);

  const columns = [
    {
      title: t.rule,
      key: 'rule',
      width: 260,
      render: (_: unknown, r: DryRunRule) => (
        <div>
          <Typography.Text>{r.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" code>
              {r.rule}
            </Typography.Text>
            <Typography.Text type="secondary"> · {r.scorecard || '—'}</Typography.Text>{' '}
            <Link
              to={`/conversations?rule=${encodeURIComponent(r.rule)}`}
              aria-label={fill(t.conversationsHitting, { id: r.rule })}
            >
              {t.storedHits}
            </Link>
          </div>
        </div>
      ),
    },
    {
      title: t.hitsBefore,
      dataIndex: 'conversationsBefore',
      key: 'before',
      width: 90,
      align: 'right' as const,
      render: (x: number) => n(x),
    },
    {
      title: t.hitsAfter,
      dataIndex: 'conversations',
      key: 'after',
      width: 90,
      align: 'right' as const,
      render: (x: number) => <Typography.Text strong>{n(x)}</Typography.Text>,
    },
    {
      title: t.hitsChange,
      key: 'change',
      width: 80,
      align: 'right' as const,
      render: (_: unknown, r: DryRunRule) => {
        const d = change(r.conversationsBefore, r.conversations);
        if (d === 0) return <Typography.Text type="secondary">0</Typography.Text>;
        return (
          <Typography.Text type={d > 0 ? 'danger' : 'success'}>
            {d > 0 ? `+${n(d)}` : `−${n(-d)}`}
          </Typography.Text>
        );
      },
    },
    {
      title: t.examples,
      key: 'examples',
      render: (_: unknown, r: DryRunRule) => (
        <ul className="rule-examples">
          {r.examples.map((e) => (
            <li key={e.conversationId}>
              <Link
                to={`/conversations/${e.conversationId}`}
                title={e.evidence.map((x) => x.text).join(' · ')}
              >
                {e.externalId}
              </Link>
              <Tooltip title={t.previewThis}>
                <Button
                  type="text"
                  size="small"
                  icon={<EyeOutlined />}
                  aria-label={fill(t.previewConversation, { id: e.externalId })}
                  onClick={() => onPreview(e.conversationId)}
                />
              </Tooltip>
              {e.evidence[0] ? <span className="rule-example-text">{e.evidence[0].text}</span> : null}
            </li>
          ))}
        </ul>
      ),
    },
  ];

  return (
    <section className="rule-stack" aria-label={t.dryRun}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t.dryRun}
      </Typography.Title>
      <Typography.Text type="secondary">{t.dryRunHint}</Typography.Text>
      <Space wrap>
        <label htmlFor="rule-dry-run-limit">{t.dryRunLimit}</label>
        <Select
          id="rule-dry-run-limit"
          value={limit}
          onChange={setLimit}
          style={{ width: 120 }}
          options={LIMITS.map((l) => ({ value: l, label: n(l) }))}
        />
        <Tooltip title={blockedBy}>
          <Button
            icon={<ExperimentOutlined />}
            data-testid="dry-run"
            onClick={run}
            loading={isRunning}
            disabled={blockedBy !== undefined}
          >
            {t.runDryRun}
          </Button>
        </Tooltip>
      </Space>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {report && ran ? (
        <div className="rule-stack" data-testid="dry-run-result" data-examined={report.examined}>
          {ran.source !== source ? <Alert type="warning" showIcon title={t.dryRunStale} /> : null}
          <div className="rule-stats">
            <Statistic title={t.examined} value={n(report.examined)} />
            <Statistic
              title={t.meanScore}
              value={`${formatNumber(report.before.mean, locale, 2)} → ${formatNumber(report.after.mean, locale, 2)}`}
            />
            <Statistic
              title={t.passRate}
              value={`${formatPercent(report.before.passRate, locale)} → ${formatPercent(report.after.passRate, locale)}`}
            />
            <Statistic title={t.scoreChanged} value={n(report.changed.score)} />
            <Statistic title={t.nowFailing} value={n(report.changed.nowFailed)} />
            <Statistic title={t.nowPassing} value={n(report.changed.nowPassed)} />
            {report.changed.scorecard > 0 ? (
              <Statistic title={t.otherScorecard} value={n(report.changed.scorecard)} />
            ) : null}
          </div>
          {report.warnings.map((w) => (
            <Alert
              key={`${w.line}:${w.message}`}
              type="warning"
              showIcon
              title={
                w.line !== null
                  ? `${fill(t.lineColumn, { line: w.line, column: w.column ?? 1 })} ${w.message}`
                  : w.message
              }
            />
          ))}
          <Space wrap>
            <Segmented
              value={show}
              onChange={(v) => setShow(v as 'changed' | 'all')}
              options={[
                { value: 'changed', label: t.changedRules },
                { value: 'all', label: fill(t.allRules, { n: report.rules.length }) },
              ]}
            />
            <Tag>{fill(t.dryRunOn, { n: n(ran.limit) })}</Tag>
          </Space>
          <Table
            size="small"
            tableLayout="fixed"
            rowKey={(r) => `${r.scorecard}/${r.rule}`}
            columns={columns}
            dataSource={rules}
            pagination={rules.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: show === 'changed' ? t.noRuleChanged : t.noHitsAtAll }}
            onRow={(r) => ({ 'data-rule': r.rule }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      ) : null}
    </section>
  );
}
