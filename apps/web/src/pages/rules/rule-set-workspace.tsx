import { CloudUploadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Divider,
  Input,
  Popconfirm,
  Space,
  Spin,
  Switch,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { fill, useText } from '../../i18n/locale.tsx';
import { useApi } from '../../lib/use-api.ts';
import { DryRunPanel } from './dry-run-panel.tsx';
import { type DraftIssue, type OtherIssue, serverIssues } from './issue-position.ts';
import { JobProgress } from './job-progress.tsx';
import type { PreviewRequest } from './preview-conversation.ts';
import { PublishDialog } from './publish-dialog.tsx';
import type { ContextFile } from './rule-check.ts';
import { loadRuleContext } from './rule-context.ts';
import { RuleEditor, type RuleEditorHandle } from './rule-editor.tsx';
import { RuleErrors } from './rule-errors.tsx';
import { RuleOverview } from './rule-overview.tsx';
import { RulePreview } from './rule-preview.tsx';
import { RuleVersions } from './rule-versions.tsx';
import { type RuleSetSummary, rulesApi } from './rules-api.ts';
import { RULES_MESSAGES } from './rules-messages.ts';
import { useRuleEngine } from './use-rule-engine.ts';

export const WORKSPACE_TABS = ['overview', 'edit', 'versions'] as const;
export type WorkspaceTab = (typeof WORKSPACE_TABS)[number];

/** A rule set made on this page and not saved yet: its name and starting text. */
export type NewRuleSet = { id: string; name: string; template: string };

type Props = {
  ruleSetId: string;
  sets: readonly RuleSetSummary[];
  created: NewRuleSet | undefined;
  canWrite: boolean;
  tab: WorkspaceTab;
  onTab(tab: WorkspaceTab): void;
  /** Something was saved, published or switched: the list is out of date. */
  onChanged(): void;
};

/** The version the editor's text came from (null: never saved) and its file name and rule set name. */
type Loaded = { version: number | null; source: string; fileName: string; name: string };

// Long enough that a check does not run on every keystroke, short enough to feel immediate.
const CHECK_DELAY_MS = 350;

const issueKey = (i: DraftIssue) => `${i.line}:${i.column}:${i.message}`;

/**
 * One rule set: its scorecards and rules, the editor with the browser's check as you type, the
 * preview and dry-run of the draft, the version history, and save / publish / (de)activate.
 */
export function RuleSetWorkspace({ ruleSetId, sets, created, canWrite, tab, onTab, onChanged }: Props) {
  const t = useText(RULES_MESSAGES);
  const { message } = App.useApp();
  const summary = sets.find((s) => s.id === ruleSetId);
  const isNew = summary === undefined;
  const [generation, setGeneration] = useState(0);
  const detail = useApi(
    (signal) => (isNew ? Promise.resolve(undefined) : rulesApi.get(ruleSetId, undefined, signal)),
    [ruleSetId, isNew, generation],
  );
  const [loaded, setLoaded] = useState<Loaded | undefined>(
    created
      ? { version: null, source: created.template, fileName: `${ruleSetId}.yaml`, name: created.name }
      : undefined,
  );
  const [draft, setDraft] = useState(created?.template ?? '');
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const isDirty = loaded !== undefined && draft !== loaded.source;

  // The newest saved version goes into the editor, unless the editor holds changes not saved yet.
  useEffect(() => {
    const d = detail.data;
    if (!d) return;
    if (loaded && (loaded.version ?? 0) >= d.version.version) return;
    if (loaded && draftRef.current !== loaded.source) return;
    setLoaded({
      version: d.version.version,
      source: d.version.source,
      fileName: d.version.fileName,
      name: d.name,
    });
    setDraft(d.version.source);
  }, [detail.data, loaded]);

  const fileName = loaded?.fileName ?? `${ruleSetId}.yaml`;

  const [context, setContext] = useState<ContextFile[]>();
  const [contextError, setContextError] = useState<string>();
  useEffect(() => {
    let isCurrent = true;
    loadRuleContext(sets).then(
      (files) => isCurrent && setContext(files),
      (e: Error) => isCurrent && setContextError(e.message),
    );
    return () => {
      isCurrent = false;
    };
  }, [sets]);

  const engine = useRuleEngine();
  const { check, post } = engine;
  useEffect(() => {
    if (context) post({ kind: 'context', files: context });
  }, [context, post]);
  const hasCheck = check !== undefined;
  useEffect(() => {
    if (!context || loaded === undefined) return;
    const timer = setTimeout(
      () => post({ kind: 'check', draft: { ruleSetId, file: fileName, text: draft } }),
      hasCheck ? CHECK_DELAY_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [draft, context, ruleSetId, fileName, loaded, hasCheck, post]);
  const previewSeq = useRef(0);
  const requestPreview = useCallback(
    (request: PreviewRequest) => {
      previewSeq.current += 1;
      post({ kind: 'preview', seq: previewSeq.current, request });
      return previewSeq.current;
    },
    [post],
  );

  const [refused, setRefused] = useState<{ text: string; issues: DraftIssue[]; others: OtherIssue[] }>();
  const onRefused = useCallback(
    (text: string, details: readonly unknown[] | undefined) =>
      setRefused({ text, ...serverIssues(text, details) }),
    [],
  );
  const shownRefusal = refused?.text === draft ? refused : undefined;
  const issues = useMemo(() => {
    const fromServer = new Map((shownRefusal?.issues ?? []).map((i) => [issueKey(i), i]));
    const merged = (check?.issues ?? []).map((i) => {
      const confirmed = fromServer.get(issueKey(i));
      fromServer.delete(issueKey(i));
      return confirmed ?? i;
    });
    return [...merged, ...fromServer.values()].sort((a, b) => a.from - b.from);
  }, [check, shownRefusal]);
  const others = useMemo(() => {
    const list = [...(check?.others ?? [])];
    for (const o of shownRefusal?.others ?? [])
      if (!list.some((x) => x.file === o.file && x.message === o.message)) list.push(o);
    return list;
  }, [check, shownRefusal]);

  const editor = useRef<RuleEditorHandle>(null);
  const [pendingJump, setPendingJump] = useState<{ line: number; column: number }>();
  const jump = useCallback(
    (line: number, column: number) => {
      if (tab !== 'edit') onTab('edit');
      setPendingJump({ line, column });
    },
    [tab, onTab],
  );
  useEffect(() => {
    if (!pendingJump || tab !== 'edit') return;
    // The editor mounts with the tab: wait a frame for it.
    const frame = requestAnimationFrame(() => {
      editor.current?.jumpTo(pendingJump.line, pendingJump.column);
      setPendingJump(undefined);
    });
    return () => cancelAnimationFrame(frame);
  }, [pendingJump, tab]);

  const [note, setNote] = useState('');
  const [isSaving, setSaving] = useState(false);
  const save = () => {
    if (!loaded) return;
    const text = draft;
    const name = loaded.name;
    setSaving(true);
    rulesApi
      .save(ruleSetId, { name, source: text, fileName, ...(note.trim() ? { note: note.trim() } : {}) })
      .then(
        (saved) => {
          setSaving(false);
          setLoaded({ version: saved.version, source: text, fileName, name });
          setNote('');
          setRefused(undefined);
          message.success(saved.isNewVersion ? fill(t.savedVersion, { v: saved.version }) : t.savedSame);
          setGeneration((g) => g + 1);
          onChanged();
        },
        (e: Error) => {
          setSaving(false);
          if (e instanceof ApiError && e.field === 'source') {
            onRefused(text, e.details);
            message.error(t.saveRefused);
          } else message.error(e.message);
        },
      );
  };

  const [isPublishOpen, setPublishOpen] = useState(false);
  const [job, setJob] = useState<{ id: number; title: string }>();
  const [isToggling, setToggling] = useState(false);
  const d = detail.data;
  const isActive = d?.isActive ?? summary?.isActive ?? true;
  // Until the rule set is read again (the server is busy re-scoring), the version just published.
  const [justPublished, setJustPublished] = useState<number>();
  const readPublished = d?.publishedVersion ?? summary?.publishedVersion ?? null;
  const publishedVersion = Math.max(readPublished ?? 0, justPublished ?? 0) || null;
  const latestVersion = d?.latestVersion ?? summary?.latestVersion ?? 0;

  const toggleActive = () => {
    setToggling(true);
    rulesApi.setActive(ruleSetId, !isActive).then(
      (change) => {
        setToggling(false);
        message.success(change.isActive ? t.activated : t.deactivated);
        if (change.jobId !== null)
          setJob({ id: change.jobId, title: change.isActive ? t.activated : t.deactivated });
        setGeneration((g) => g + 1);
        onChanged();
      },
      (e: Error) => {
        setToggling(false);
        message.error(e.message);
      },
    );
  };

  const errorCount = issues.filter((i) => i.severity === 'error').length;
  const errorBlock = errorCount > 0 ? fill(t.fixErrorsFirst, { n: errorCount }) : undefined;
  const publishBlock = isNew
    ? t.publishNeedsSave
    : isDirty
      ? t.publishNeedsSave
      : loaded?.version === publishedVersion
        ? fill(t.alreadyPublished, { v: loaded?.version ?? 0 })
        : undefined;

  const previewBox = useRef<HTMLDivElement>(null);
  const [previewRequest, setPreviewRequest] = useState<{ conversationId: string; seq: number }>();
  const preview = useCallback(
    (conversationId: string) => setPreviewRequest((r) => ({ conversationId, seq: (r?.seq ?? 0) + 1 })),
    [],
  );

  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  if (detail.error) return <Alert type="error" showIcon title={detail.error.message} />;
  if (!loaded) return <Spin />;

  const isChecking = !check || check.text !== draft;
  const versionLabel =
    loaded.version === null
      ? t.notSavedYet
      : fill(loaded.version === publishedVersion ? t.basedOnPublished : t.basedOnVersion, {
          v: loaded.version,
        });

  const editTab = (
    <div className="rule-stack">
      {!canWrite ? <Alert type="info" showIcon title={t.readOnly} /> : null}
      <div className="rule-edit-grid">
        <div className="rule-stack">
          <div className="rule-editor-bar">
            <Typography.Text code>{fileName}</Typography.Text>
            <Typography.Text type="secondary">{versionLabel}</Typography.Text>
            {isDirty ? <Tag color="gold">{t.unsaved}</Tag> : null}
          </div>
          <RuleEditor
            ref={editor}
            value={draft}
            onChange={setDraft}
            issues={issues}
            isReadOnly={!canWrite}
            label={fill(t.editorLabel, { file: fileName })}
          />
          {contextError || engine.error ? (
            <Alert type="error" showIcon title={contextError ?? engine.error} />
          ) : null}
          <RuleErrors issues={issues} others={others} isChecking={isChecking} onJump={jump} />
        </div>
        <div ref={previewBox} className="rule-preview-box">
          <RulePreview
            isReady={check !== undefined}
            errorCount={errorCount}
            preview={engine.preview}
            onPreview={requestPreview}
            request={previewRequest}
          />
        </div>
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <DryRunPanel
        ruleSetId={isNew ? undefined : ruleSetId}
        source={draft}
        fileName={fileName}
        onRefused={onRefused}
        blockedBy={errorBlock}
        onPreview={(id) => {
          preview(id);
          previewBox.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        }}
      />
    </div>
  );

  return (
    <section className="rule-stack" aria-label={loaded.name} data-testid="rule-set" data-id={ruleSetId}>
      <div className="rule-workspace-head">
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {loaded.name}
          </Typography.Title>
          <Typography.Text code>{ruleSetId}</Typography.Text>
          {isNew ? (
            <Tag color="gold">{t.notSavedYet}</Tag>
          ) : (
            <>
              <Tag color={isActive ? 'green' : 'default'}>{isActive ? t.active : t.inactive}</Tag>
              <Tag color={publishedVersion === null ? 'default' : 'blue'}>
                {publishedVersion === null ? t.neverPublished : fill(t.publishedV, { v: publishedVersion })}
              </Tag>
              {latestVersion > (publishedVersion ?? 0) ? (
                <Tag color="gold">{fill(t.draftV, { v: latestVersion })}</Tag>
              ) : null}
            </>
          )}
        </Space>
        {canWrite ? (
          <Space wrap>
            <Input
              aria-label={t.versionNote}
              placeholder={t.versionNote}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={2000}
              style={{ width: 220 }}
            />
            <Tooltip title={errorBlock}>
              <Button
                icon={<SaveOutlined />}
                data-testid="save-draft"
                onClick={save}
                loading={isSaving}
                disabled={(!isDirty && !isNew) || errorBlock !== undefined}
              >
                {t.saveDraft}
              </Button>
            </Tooltip>
            <Tooltip title={publishBlock}>
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                data-testid="publish"
                disabled={publishBlock !== undefined}
                onClick={() => setPublishOpen(true)}
              >
                {t.publish}
              </Button>
            </Tooltip>
            {isNew ? null : (
              <Popconfirm
                title={isActive ? t.deactivateConfirm : t.activateConfirm}
                description={isActive ? t.deactivateBody : t.activateBody}
                onConfirm={toggleActive}
                okText={isActive ? t.deactivate : t.activate}
                cancelText={t.cancel}
              >
                <Switch
                  checked={isActive}
                  loading={isToggling}
                  checkedChildren={t.active}
                  unCheckedChildren={t.inactive}
                  aria-label={t.activeSwitch}
                  data-testid="active-switch"
                />
              </Popconfirm>
            )}
          </Space>
        ) : null}
      </div>
      {job ? (
        <JobProgress
          key={job.id}
          jobId={job.id}
          title={job.title}
          onFinished={(j) => {
            if (j.status === 'done') message.success(t.rescoreDone);
            onChanged();
          }}
          onClose={() => setJob(undefined)}
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(key) => onTab(key as WorkspaceTab)}
        items={[
          {
            key: 'overview',
            label: <span data-testid="tab-overview">{t.tabOverview}</span>,
            children: (
              <div className="rule-stack">
                <Typography.Text type="secondary">
                  {isDirty ? t.overviewOfUnsaved : fill(t.overviewOf, { label: versionLabel })}
                </Typography.Text>
                {check ? <RuleOverview docs={check.overview} onJump={jump} /> : <Spin />}
              </div>
            ),
          },
          {
            key: 'edit',
            label: <span data-testid="tab-edit">{canWrite ? t.tabEdit : t.tabSource}</span>,
            children: editTab,
          },
          ...(d
            ? [
                {
                  key: 'versions',
                  label: (
                    <span data-testid="tab-versions">{fill(t.tabVersions, { n: d.versions.length })}</span>
                  ),
                  children: (
                    <RuleVersions
                      detail={d}
                      editorVersion={isDirty ? null : loaded.version}
                      canWrite={canWrite}
                      onLoad={(source, version) => {
                        setDraft(source);
                        onTab('edit');
                        message.info(fill(t.versionLoaded, { v: version }));
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {isPublishOpen && loaded.version !== null ? (
        <PublishDialog
          ruleSetId={ruleSetId}
          name={loaded.name}
          version={loaded.version}
          source={loaded.source}
          publishedVersion={publishedVersion}
          isActive={isActive}
          unincludedPacks={check?.text === loaded.source ? check.unincludedPacks : []}
          onClose={() => setPublishOpen(false)}
          onPublished={(change) => {
            setPublishOpen(false);
            setJustPublished(change.version);
            message.success(fill(t.publishedMessage, { v: change.version }));
            if (change.jobId !== null)
              setJob({ id: change.jobId, title: fill(t.publishedMessage, { v: change.version }) });
            setGeneration((g) => g + 1);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}
