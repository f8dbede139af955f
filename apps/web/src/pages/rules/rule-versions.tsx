import { Alert, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useEffect, useRef, useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { fill, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { DiffView } from './diff-view.tsx';
import { loadVersionText } from './rule-context.ts';
import type { RuleSetDetail, RuleSetVersionSummary } from './rules-api.ts';
import { RULES_MESSAGES } from './rules-messages.ts';

type Props = {
  detail: RuleSetDetail;
  /** The version the editor's text came from. */
  editorVersion: number | null;
  canWrite: boolean;
  onLoad(source: string, version: number): void;
};

type Shown = { version: number; source?: string; error?: string };

/** The rule set's versions, newest first: any version's text, its changes against the published one, and restoring it as the draft. */
export function RuleVersions({ detail, editorVersion, canWrite, onLoad }: Props) {
  const t = useText(RULES_MESSAGES);
  const { timeZone } = useLocale();
  const { user } = useSession();
  const viewBox = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Shown>();
  const [view, setView] = useState<'source' | 'diff'>('source');
  const [published, setPublished] = useState<string>();

  useEffect(() => {
    if (detail.publishedVersion === null) return;
    let isCurrent = true;
    loadVersionText(detail.id, detail.publishedVersion).then(
      (v) => isCurrent && setPublished(v.source),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [detail.id, detail.publishedVersion]);

  const shownVersion = shown?.version;
  useEffect(() => {
    if (shownVersion !== undefined) viewBox.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [shownVersion]);

  const show = (version: number) => {
    setShown({ version });
    loadVersionText(detail.id, version).then(
      (v) => setShown((s) => (s?.version === version ? { version, source: v.source } : s)),
      (e: Error) => setShown((s) => (s?.version === version ? { version, error: e.message } : s)),
    );
  };

  const columns = [
    {
      title: t.version,
      key: 'version',
      width: 210,
      render: (_: unknown, v: RuleSetVersionSummary) => (
        <Space size={4} wrap>
          <Typography.Text strong>v{v.version}</Typography.Text>
          {v.version === detail.publishedVersion ? <Tag color="green">{t.published}</Tag> : null}
          {v.version === detail.latestVersion && v.version !== detail.publishedVersion ? (
            <Tag color="gold">{t.draft}</Tag>
          ) : null}
          {v.version === editorVersion ? <Tag>{t.inEditor}</Tag> : null}
        </Space>
      ),
    },
    { title: t.note, dataIndex: 'note', key: 'note', render: (note: string | null) => note ?? '—' },
    {
      title: t.savedBy,
      dataIndex: 'createdBy',
      key: 'createdBy',
      width: 120,
      render: (by: number | null) =>
        by === null ? t.system : by === user?.id ? t.you : fill(t.userNumber, { id: by }),
    },
    {
      title: t.savedAt,
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 160,
      render: (at: string) => formatDateTime(at, timeZone),
    },
    {
      title: t.actions,
      key: 'actions',
      width: 190,
      render: (_: unknown, v: RuleSetVersionSummary) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => show(v.version)}
            aria-label={fill(t.viewVersion, { v: v.version })}
          >
            {t.view}
          </Button>
          {canWrite ? (
            <Button
              type="link"
              size="small"
              aria-label={fill(t.loadVersion, { v: v.version })}
              onClick={() => loadVersionText(detail.id, v.version).then((x) => onLoad(x.source, v.version))}
            >
              {t.loadIntoEditor}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="rule-stack">
      <Table
        data-testid="versions"
        size="small"
        rowKey="version"
        columns={columns}
        dataSource={detail.versions}
        pagination={detail.versions.length > 10 ? { pageSize: 10 } : false}
        onRow={(v) => ({ 'data-version': v.version }) as HTMLAttributes<HTMLElement>}
      />
      {shown ? (
        <div ref={viewBox} data-testid="version-view" data-version={shown.version} className="rule-stack">
          <Space wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {fill(t.versionTitle, { v: shown.version })}
            </Typography.Title>
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'source' | 'diff')}
              options={[
                { value: 'source', label: t.source },
                { value: 'diff', label: t.diffAgainstPublished, disabled: published === undefined },
              ]}
            />
          </Space>
          {shown.error ? <Alert type="error" title={shown.error} /> : null}
          {shown.source === undefined ? null : view === 'diff' && published !== undefined ? (
            <DiffView
              before={published}
              after={shown.source}
              label={fill(t.diffLabel, { from: detail.publishedVersion ?? 0, to: shown.version })}
            />
          ) : (
            <section className="rule-code" aria-label={fill(t.versionTitle, { v: shown.version })}>
              {shown.source.split('\n').map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text
                <div key={i}>
                  <span className="rule-code-line">{i + 1}</span>
                  <span>{line}</span>
                </div>
              ))}
            </section>
          )}
        </div>
      ) : null}
    </div>
  );
}
