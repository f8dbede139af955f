import { PlusOutlined } from '@ant-design/icons';
import { RuleSetIdSchema } from '@serviq/contracts';
import { Alert, Button, Empty, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { fill, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import {
  type NewRuleSet,
  RuleSetWorkspace,
  WORKSPACE_TABS,
  type WorkspaceTab,
} from './rule-set-workspace.tsx';
import { type RuleSetSummary, rulesApi } from './rules-api.ts';
import { RULES_MESSAGES } from './rules-messages.ts';
import './rules-page.css';

const isTab = (v: string | null): v is WorkspaceTab =>
  (WORKSPACE_TABS as readonly (string | null)[]).includes(v);

/** A new rule file's starting text: a narrow scorecard (so publishing it takes over nothing by surprise), or a pack. */
function template(
  kind: 'scorecard' | 'pack',
  id: string,
  name: string,
  text: Record<'tplComment' | 'tplPackComment', string>,
) {
  const quoted = JSON.stringify(name);
  if (kind === 'pack')
    return `# ${text.tplPackComment}
pack:
  id: ${id}
  name: ${quoted}
rules:
  - id: ${id}-no-personal-contact
    name: ${quoted}
    category: compliance
    severity: major
    points: -10
    detect: { role: agent, regex: '(?:加|添加)(?:我|个人)?(?:微信|vx|v信)' }
`;
  return `# ${text.tplComment}
scorecard:
  id: ${id}
  name: ${quoted}
  appliesTo: { channels: [chat], queues: [${id}] }
  priority: 10
  mode: deduction
  passScore: 80
  alertBelow: 60
include: [emoji-norms]
rules:
  - id: greeting
    name: Greeting
    category: service
    severity: minor
    points: -5
    require:
      role: agent
      position: { first: 1 }
      keywords: { any: [您好, 你好, hello, hi] }
`;
}

/**
 * Rules: the rule sets (the shipped packs and a team's own) with their status and versions; the one
 * chosen (`?set=<id>&tab=overview|edit|versions`) opens below with its rules, editor, preview,
 * dry-run and history.
 */
export function RulesPage() {
  const t = useText(RULES_MESSAGES);
  const { timeZone } = useLocale();
  const { can } = useSession();
  const canWrite = can('rules:write');
  const [params, setParams] = useSearchParams();
  const selected = params.get('set');
  const tabParam = params.get('tab');
  const tab: WorkspaceTab = isTab(tabParam) ? tabParam : 'overview';
  const [generation, setGeneration] = useState(0);
  const list = useApi((signal) => rulesApi.list(signal), [generation]);
  const [created, setCreated] = useState<NewRuleSet>();
  const [isCreating, setCreating] = useState(false);
  const [form] = Form.useForm<{ id: string; name: string; kind: 'scorecard' | 'pack' }>();

  const workspace = useRef<HTMLDivElement>(null);
  const [scrollTo, setScrollTo] = useState<string>();
  const select = useCallback(
    (id: string, next: WorkspaceTab = 'overview') => {
      setParams((p) => {
        const out = new URLSearchParams(p);
        out.set('set', id);
        out.set('tab', next);
        return out;
      });
      setScrollTo(id);
    },
    [setParams],
  );
  // A rule set chosen in the list opens below it: bring it into view.
  useEffect(() => {
    if (scrollTo === undefined || scrollTo !== selected) return;
    workspace.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    setScrollTo(undefined);
  }, [scrollTo, selected]);
  const setTab = useCallback(
    (next: WorkspaceTab) =>
      setParams((p) => {
        const out = new URLSearchParams(p);
        out.set('tab', next);
        return out;
      }),
    [setParams],
  );
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const sets = list.data;
  const createNew = (values: { id: string; name: string; kind: 'scorecard' | 'pack' }) => {
    const id = values.id.trim();
    setCreated({ id, name: values.name.trim(), template: template(values.kind, id, values.name.trim(), t) });
    setCreating(false);
    form.resetFields();
    select(id, 'edit');
  };
  // A new rule set is kept until it is saved (then the list has it) or another one is chosen.
  const pending =
    created && created.id === selected && !sets?.some((s) => s.id === created.id) ? created : undefined;

  const columns = [
    {
      title: t.ruleSet,
      key: 'name',
      render: (_: unknown, s: RuleSetSummary) => (
        <Space size={6} wrap>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto' }}
            onClick={() => select(s.id)}
            aria-current={s.id === selected ? 'true' : undefined}
          >
            {s.name}
          </Button>
          <Typography.Text type="secondary" code>
            {s.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t.status,
      key: 'status',
      width: 90,
      render: (_: unknown, s: RuleSetSummary) => (
        <Tag color={s.isActive ? 'green' : 'default'}>{s.isActive ? t.active : t.inactive}</Tag>
      ),
    },
    {
      title: t.versions,
      key: 'versions',
      width: 200,
      render: (_: unknown, s: RuleSetSummary) => (
        <Space size={4} wrap>
          {s.publishedVersion === null ? (
            <Tag>{t.neverPublished}</Tag>
          ) : (
            <Tag color="blue">{fill(t.publishedV, { v: s.publishedVersion })}</Tag>
          )}
          {s.latestVersion > (s.publishedVersion ?? 0) ? (
            <Tag color="gold">{fill(t.draftV, { v: s.latestVersion })}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t.scorecards,
      key: 'scorecards',
      render: (_: unknown, s: RuleSetSummary) =>
        s.scorecards.length === 0 ? (
          <Typography.Text type="secondary">{t.packNoScorecard}</Typography.Text>
        ) : (
          s.scorecards.map((c) => (
            <div key={c.id}>
              {c.name}{' '}
              <Typography.Text type="secondary">{fill(t.nRules, { n: c.ruleCount })}</Typography.Text>
            </div>
          ))
        ),
    },
    {
      title: t.updated,
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 150,
      render: (at: string) => formatDateTime(at, timeZone),
    },
  ];

  return (
    <div className="rule-stack rules-page">
      <div className="rule-page-head">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t.title}
          </Typography.Title>
          <Typography.Text type="secondary">{t.subtitle}</Typography.Text>
        </div>
        {canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-rule-set">
            {t.newRuleSet}
          </Button>
        ) : null}
      </div>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Table
        data-testid="rule-sets"
        size="small"
        rowKey="id"
        loading={list.isLoading && !sets}
        columns={columns}
        dataSource={sets ?? []}
        pagination={(sets?.length ?? 0) > 10 ? { pageSize: 10 } : false}
        rowClassName={(s) => (s.id === selected ? 'rule-row-selected' : '')}
        onRow={(s) => ({ 'data-rule-set': s.id }) as HTMLAttributes<HTMLElement>}
      />
      <div ref={workspace} className="rule-workspace">
        {selected && sets && (pending || sets.some((s) => s.id === selected)) ? (
          <RuleSetWorkspace
            key={selected}
            ruleSetId={selected}
            sets={sets}
            created={pending}
            canWrite={canWrite}
            tab={tab}
            onTab={setTab}
            onChanged={reload}
          />
        ) : sets ? (
          <Empty description={selected ? fill(t.noSuchRuleSet, { id: selected }) : t.chooseRuleSet} />
        ) : null}
      </div>
      <Modal
        open={isCreating}
        title={t.newRuleSet}
        okText={t.create}
        cancelText={t.cancel}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'scorecard' }}
          onFinish={createNew}
          data-testid="new-rule-set-form"
        >
          <Form.Item
            name="id"
            label={t.ruleSetId}
            extra={t.ruleSetIdHint}
            rules={[
              { required: true, message: t.required },
              {
                validator: (_, value: string | undefined) => {
                  const id = (value ?? '').trim();
                  if (!id) return Promise.resolve();
                  if (!RuleSetIdSchema.safeParse(id).success)
                    return Promise.reject(new Error(t.ruleSetIdHint));
                  if (sets?.some((s) => s.id === id)) return Promise.reject(new Error(t.ruleSetIdTaken));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t.ruleSetName}
            rules={[{ required: true, whitespace: true, message: t.required }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="kind" label={t.kind}>
            <Radio.Group
              options={[
                { value: 'scorecard', label: t.scorecard },
                { value: 'pack', label: t.pack },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
