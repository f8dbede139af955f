import { Alert, Button, Descriptions, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { fill, useText } from '../../i18n/locale.tsx';
import type { OverviewDoc, RuleRow } from './rule-overview-data.ts';
import { RULES_MESSAGES } from './rules-messages.ts';

type Props = {
  docs: readonly OverviewDoc[];
  onJump(line: number, column: number): void;
};

export const SEVERITY_COLORS = { minor: 'blue', major: 'orange', critical: 'red' } as const;

/** The draft's scorecards and packs in a readable form: scorecard settings, then every rule with its points. */
export function RuleOverview({ docs, onJump }: Props) {
  const t = useText(RULES_MESSAGES);
  if (docs.length === 0) return <Empty description={t.nothingToShow} />;

  const pointsText = (r: RuleRow) => {
    if (r.isFatal) return t.fatal;
    const sign = r.points > 0 ? `+${r.points}` : r.points < 0 ? `−${-r.points}` : '0';
    if (r.per !== 'occurrence') return sign;
    return r.maxPoints !== undefined
      ? fill(t.perOccurrenceMax, { points: sign, max: r.maxPoints })
      : fill(t.perOccurrence, { points: sign });
  };

  const columns = [
    {
      title: t.rule,
      key: 'rule',
      width: 230,
      render: (_: unknown, r: RuleRow) => (
        <div>
          {r.at ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              onClick={() => r.at && onJump(r.at.line, r.at.column)}
              aria-label={fill(t.jumpToRule, { id: r.id })}
            >
              {r.name}
            </Button>
          ) : (
            <Typography.Text>{r.name}</Typography.Text>
          )}
          <div>
            <Typography.Text type="secondary" code>
              {r.id}
            </Typography.Text>{' '}
            <Link
              to={`/conversations?rule=${encodeURIComponent(r.id)}`}
              aria-label={fill(t.conversationsHitting, { id: r.id })}
            >
              {t.storedHits}
            </Link>
          </div>
        </div>
      ),
    },
    { title: t.category, dataIndex: 'category', key: 'category', width: 110 },
    {
      title: t.severity,
      key: 'severity',
      width: 90,
      render: (_: unknown, r: RuleRow) => <Tag color={SEVERITY_COLORS[r.severity]}>{t[r.severity]}</Tag>,
    },
    {
      title: t.points,
      key: 'points',
      width: 120,
      render: (_: unknown, r: RuleRow) => (
        <Typography.Text type={r.isFatal ? 'danger' : undefined} strong={r.isFatal}>
          {pointsText(r)}
        </Typography.Text>
      ),
    },
    {
      title: t.flags,
      key: 'flags',
      width: 130,
      render: (_: unknown, r: RuleRow) => (
        <Space size={[2, 2]} wrap>
          {r.isRealtime ? <Tag color="purple">{t.realtime}</Tag> : null}
          {!r.isEnabled ? <Tag>{t.disabled}</Tag> : null}
          {r.isInvalid ? <Tag color="red">{t.invalidRule}</Tag> : null}
          {r.from ? (
            <Tooltip title={fill(t.includedFromHint, { from: r.from })}>
              <Tag>{fill(t.includedFrom, { from: r.from })}</Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t.condition,
      key: 'condition',
      render: (_: unknown, r: RuleRow) =>
        r.condition ? <code className="rule-condition">{r.condition}</code> : null,
    },
  ];

  return (
    <div className="rule-stack" data-testid="rule-overview">
      {docs.map((doc, d) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: documents of one file, in file order
        <section key={d} className="rule-stack" data-doc={doc.id} aria-label={doc.name}>
          <Space wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {doc.name}
            </Typography.Title>
            <Tag color={doc.kind === 'scorecard' ? 'geekblue' : 'cyan'}>
              {doc.kind === 'scorecard' ? t.scorecard : t.pack}
            </Tag>
            <Typography.Text code>{doc.id}</Typography.Text>
          </Space>
          {doc.description ? (
            <Typography.Paragraph style={{ margin: 0 }}>{doc.description}</Typography.Paragraph>
          ) : null}
          {doc.scorecard ? (
            <Descriptions
              size="small"
              column={3}
              bordered
              items={[
                {
                  key: 'mode',
                  label: t.mode,
                  children: doc.scorecard.mode === 'weighted' ? t.modeWeighted : t.modeDeduction,
                },
                { key: 'pass', label: t.passScore, children: doc.scorecard.passScore },
                { key: 'alert', label: t.alertBelow, children: doc.scorecard.alertBelow ?? '—' },
                { key: 'priority', label: t.priority, children: doc.scorecard.priority },
                {
                  key: 'applies',
                  label: t.appliesTo,
                  span: 2,
                  children: doc.scorecard.appliesTo ? (
                    <code>{doc.scorecard.appliesTo}</code>
                  ) : (
                    t.allConversations
                  ),
                },
                {
                  key: 'include',
                  label: t.include,
                  span: 3,
                  children:
                    doc.scorecard.include.length > 0
                      ? doc.scorecard.include.map((x) => <Tag key={x}>{x}</Tag>)
                      : '—',
                },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">{fill(t.packHint, { id: doc.id })}</Typography.Text>
          )}
          {doc.scorecard && !doc.scorecard.isCompiled ? (
            <Alert type="warning" showIcon title={t.scorecardBroken} />
          ) : null}
          <Typography.Text type="secondary">
            {fill(t.ruleCounts, { own: doc.own, included: doc.rows.length - doc.own })}
          </Typography.Text>
          <Table
            className="rule-table-top"
            size="small"
            rowKey="key"
            columns={columns}
            dataSource={doc.rows}
            pagination={false}
            onRow={(r) => ({ 'data-rule': r.id }) as HTMLAttributes<HTMLElement>}
          />
        </section>
      ))}
    </div>
  );
}
