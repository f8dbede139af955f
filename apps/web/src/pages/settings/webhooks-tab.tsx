import { ReloadOutlined } from '@ant-design/icons';
import { ALERT_SEVERITIES, WEBHOOK_PRESETS, type WebhookPreset } from '@serviq/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { SEVERITY_NAMES } from '../live/alert-labels.ts';
import { showApiError, topLevelField } from './form-error.ts';

type Webhook = {
  id: number;
  name: string;
  url: string;
  preset: WebhookPreset;
  hasSecret: boolean;
  isActive: boolean;
  rules: string[];
  severities: string[];
  createdAt: string;
};

type Delivery = {
  id: number;
  webhookId: number;
  alertId: number;
  attempt: number;
  status: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
};

type WebhookForm = {
  name: string;
  preset: WebhookPreset;
  url: string;
  secret?: string;
  isRemovingSecret?: boolean;
  rules: string[];
  severities: string[];
  isActive: boolean;
};

const MESSAGES: Messages<
  | 'create'
  | 'createTitle'
  | 'editOf'
  | 'name'
  | 'preset'
  | 'url'
  | 'secret'
  | 'secretHelpGeneric'
  | 'secretHelpDingtalk'
  | 'secretHelpNone'
  | 'secretKeep'
  | 'secretSet'
  | 'removeSecret'
  | 'rules'
  | 'rulesHelp'
  | 'severities'
  | 'severitiesHelp'
  | 'allRules'
  | 'allSeverities'
  | 'active'
  | 'enabled'
  | 'paused'
  | 'filters'
  | 'actions'
  | 'edit'
  | 'delete'
  | 'deleteConfirm'
  | 'save'
  | 'cancel'
  | 'required'
  | 'saved'
  | 'deliveries'
  | 'deliveriesOf'
  | 'allWebhooks'
  | 'time'
  | 'webhook'
  | 'alert'
  | 'attempt'
  | 'status'
  | 'result'
  | 'delivered'
  | 'failed'
  | 'duration'
  | 'refresh'
  | 'noAnswer'
  | 'loadFailed'
  | 'deliveriesHelp'
  | WebhookPreset
> = {
  'zh-CN': {
    create: '新建 Webhook',
    createTitle: '新建 Webhook',
    editOf: '编辑 Webhook {name}',
    name: '名称',
    preset: '类型',
    url: '地址',
    secret: '密钥',
    secretHelpGeneric: '用于签名：请求头 X-Serviq-Signature 为请求体的 HMAC-SHA256。',
    secretHelpDingtalk: '钉钉机器人“加签”的密钥（SEC 开头）。',
    secretHelpNone: '此类型不使用密钥：机器人地址本身就是凭据。',
    secretKeep: '已设置密钥；留空则保持不变。',
    secretSet: '已设置',
    removeSecret: '删除密钥',
    rules: '触发规则',
    rulesHelp: '只推送这些规则（规则 ID）的预警；留空则推送全部规则。',
    severities: '触发级别',
    severitiesHelp: '只推送这些级别的预警；都不选则推送全部级别。',
    allRules: '全部规则',
    allSeverities: '全部级别',
    active: '启用',
    enabled: '启用中',
    paused: '已停用',
    filters: '推送条件',
    actions: '操作',
    edit: '编辑',
    delete: '删除',
    deleteConfirm: '删除 Webhook {name}？它的投递记录也会删除。',
    save: '保存',
    cancel: '取消',
    required: '必填',
    saved: '已保存',
    deliveries: '投递记录',
    deliveriesOf: '查看投递记录',
    allWebhooks: '全部 Webhook',
    time: '时间',
    webhook: 'Webhook',
    alert: '预警',
    attempt: '第几次尝试',
    status: 'HTTP 状态',
    result: '结果',
    delivered: '成功',
    failed: '失败',
    duration: '耗时（毫秒）',
    refresh: '刷新',
    noAnswer: '无响应',
    loadFailed: '加载失败：{error}',
    deliveriesHelp: '每次尝试一行。失败后按 1、4、16、64、256 秒重试，最多 6 次。',
    generic: '通用 JSON',
    dingtalk: '钉钉机器人',
    wecom: '企业微信机器人',
    slack: 'Slack',
  },
  en: {
    create: 'New webhook',
    createTitle: 'New webhook',
    editOf: 'Edit webhook {name}',
    name: 'Name',
    preset: 'Type',
    url: 'URL',
    secret: 'Secret',
    secretHelpGeneric: 'Signs each request: X-Serviq-Signature is the HMAC-SHA256 of the body.',
    secretHelpDingtalk: 'The DingTalk robot’s signing secret (starts with SEC).',
    secretHelpNone: 'This type takes no secret: the robot URL is the credential.',
    secretKeep: 'A secret is set; leave this empty to keep it.',
    secretSet: 'Set',
    removeSecret: 'Remove the secret',
    rules: 'Rules',
    rulesHelp: 'Only alerts of these rule ids; empty sends every rule.',
    severities: 'Severities',
    severitiesHelp: 'Only alerts of these severities; none ticked sends every severity.',
    allRules: 'Every rule',
    allSeverities: 'Every severity',
    active: 'Enabled',
    enabled: 'Enabled',
    paused: 'Disabled',
    filters: 'Sends',
    actions: 'Actions',
    edit: 'Edit',
    delete: 'Delete',
    deleteConfirm: 'Delete webhook {name}? Its delivery log goes too.',
    save: 'Save',
    cancel: 'Cancel',
    required: 'Required',
    saved: 'Saved',
    deliveries: 'Delivery log',
    deliveriesOf: 'Show deliveries',
    allWebhooks: 'Every webhook',
    time: 'Time',
    webhook: 'Webhook',
    alert: 'Alert',
    attempt: 'Attempt',
    status: 'HTTP status',
    result: 'Result',
    delivered: 'Delivered',
    failed: 'Failed',
    duration: 'Duration (ms)',
    refresh: 'Refresh',
    noAnswer: 'No answer',
    loadFailed: 'Could not load: {error}',
    deliveriesHelp:
      'One row per attempt. A failure is retried after 1, 4, 16, 64 and 256 seconds, 6 attempts at most.',
    generic: 'Generic JSON',
    dingtalk: 'DingTalk robot',
    wecom: 'WeCom robot',
    slack: 'Slack',
  },
};

const URL_EXAMPLES: Record<WebhookPreset, string> = {
  generic: 'https://example.com/serviq-alerts',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  slack: 'https://hooks.slack.com/services/…',
};

/** A robot URL carries its credential in the query (DingTalk, WeCom): the list shows it masked. */
function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) parsed.searchParams.set(key, '***');
    return decodeURI(parsed.toString());
  } catch {
    return url;
  }
}

const FIELDS = ['name', 'preset', 'url', 'secret', 'rules', 'severities', 'isActive'];
const DELIVERY_LIMIT = 100;

export function WebhooksTab() {
  const t = useText(MESSAGES);
  const severityNames = useText(SEVERITY_NAMES);
  const { locale, timeZone } = useLocale();
  const { can } = useSession();
  const { message } = App.useApp();
  const webhooks = useApi((signal) => api<Webhook[]>('GET', '/webhooks', { signal }), []);
  const [logOf, setLogOf] = useState<number | undefined>();
  const deliveries = useApi(
    (signal) =>
      api<Delivery[]>('GET', '/webhooks/deliveries', {
        query: { webhookId: logOf, limit: DELIVERY_LIMIT },
        signal,
      }),
    [logOf],
  );
  // Rule ids to suggest: those that raised alerts lately (any id may be typed).
  const recentAlerts = useApi(
    (signal) =>
      can('alerts:read')
        ? api<{ items: { rule: string; name: string }[] }>('GET', '/alerts', {
            query: { limit: 500 },
            signal,
          })
        : Promise.resolve({ items: [] }),
    [],
  );
  const ruleOptions = useMemo(() => {
    const names = new Map<string, string>();
    for (const a of recentAlerts.data?.items ?? []) names.set(a.rule, a.name);
    return [...names].map(([rule, name]) => ({ value: rule, label: `${name} (${rule})` }));
  }, [recentAlerts.data]);

  const [editing, setEditing] = useState<Webhook | 'new' | undefined>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | undefined>();
  const [form] = Form.useForm<WebhookForm>();
  const preset = Form.useWatch('preset', form) ?? 'generic';
  const isRemovingSecret = Form.useWatch('isRemovingSecret', form) ?? false;

  const open = (webhook: Webhook | 'new') => {
    form.resetFields();
    setFormError(undefined);
    form.setFieldsValue(
      webhook === 'new'
        ? { preset: 'generic', isActive: true, rules: [], severities: [] }
        : {
            name: webhook.name,
            preset: webhook.preset,
            url: webhook.url,
            rules: webhook.rules,
            severities: webhook.severities,
            isActive: webhook.isActive,
          },
    );
    setEditing(webhook);
  };

  const submit = async (values: WebhookForm) => {
    if (!editing) return;
    setSaving(true);
    setFormError(undefined);
    const { secret, isRemovingSecret: isRemoving, ...rest } = values;
    const secretChange = isRemoving ? { secret: null } : secret ? { secret } : {};
    try {
      if (editing === 'new') await api('POST', '/webhooks', { body: { ...rest, ...secretChange } });
      else await api('PATCH', `/webhooks/${editing.id}`, { body: { ...rest, ...secretChange } });
      void message.success(t.saved);
      setEditing(undefined);
      webhooks.reload();
    } catch (error) {
      setFormError(showApiError(form, error, topLevelField(FIELDS)));
    } finally {
      setSaving(false);
    }
  };

  const setActive = async (webhook: Webhook, isActive: boolean) => {
    try {
      await api('PATCH', `/webhooks/${webhook.id}`, { body: { isActive } });
      webhooks.reload();
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  const remove = async (webhook: Webhook) => {
    try {
      await api('DELETE', `/webhooks/${webhook.id}`);
      if (logOf === webhook.id) setLogOf(undefined);
      webhooks.reload();
      deliveries.reload();
    } catch (error) {
      void message.error((error as Error).message);
    }
  };

  const nameOf = (id: number) => webhooks.data?.find((w) => w.id === id)?.name ?? `#${id}`;

  const columns: ColumnsType<Webhook> = [
    { title: t.name, dataIndex: 'name' },
    { title: t.preset, dataIndex: 'preset', render: (p: WebhookPreset) => t[p] },
    {
      title: t.url,
      dataIndex: 'url',
      render: (url: string) => (
        <Typography.Text ellipsis={{ tooltip: maskedUrl(url) }} style={{ maxWidth: 240 }}>
          {maskedUrl(url)}
        </Typography.Text>
      ),
    },
    {
      title: t.filters,
      key: 'filters',
      render: (_, w) => (
        <Space orientation="vertical" size={2}>
          <span>{w.rules.length === 0 ? t.allRules : w.rules.map((r) => <Tag key={r}>{r}</Tag>)}</span>
          <span>
            {w.severities.length === 0
              ? t.allSeverities
              : w.severities.map((s) => (
                  <Tag key={s}>{(severityNames as Record<string, string>)[s] ?? s}</Tag>
                ))}
          </span>
        </Space>
      ),
    },
    {
      title: t.secret,
      dataIndex: 'hasSecret',
      render: (hasSecret: boolean) => (hasSecret ? t.secretSet : '—'),
    },
    {
      title: t.active,
      dataIndex: 'isActive',
      render: (isActive: boolean, w) => (
        <Switch
          size="small"
          checked={isActive}
          aria-label={`${t.active}: ${w.name}`}
          onChange={(checked) => void setActive(w, checked)}
        />
      ),
    },
    {
      title: t.actions,
      key: 'actions',
      render: (_, w) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => open(w)}>
            {t.edit}
          </Button>
          <Button size="small" onClick={() => setLogOf(w.id)}>
            {t.deliveriesOf}
          </Button>
          <Popconfirm title={fill(t.deleteConfirm, { name: w.name })} onConfirm={() => remove(w)}>
            <Button size="small" danger>
              {t.delete}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const deliveryColumns: ColumnsType<Delivery> = [
    {
      title: t.time,
      dataIndex: 'createdAt',
      render: (at: string) => formatDateTime(at, timeZone, { hasSeconds: true }),
    },
    { title: t.webhook, dataIndex: 'webhookId', render: (id: number) => nameOf(id) },
    { title: t.alert, dataIndex: 'alertId', render: (id: number) => `#${id}` },
    { title: t.attempt, dataIndex: 'attempt', align: 'right' },
    {
      title: t.status,
      dataIndex: 'status',
      align: 'right',
      render: (status: number | null) => status ?? t.noAnswer,
    },
    {
      title: t.result,
      key: 'result',
      render: (_, d) =>
        d.error === null ? (
          <Tag color="green">{t.delivered}</Tag>
        ) : (
          <Space size={4}>
            <Tag color="red">{t.failed}</Tag>
            <Typography.Text type="secondary" ellipsis={{ tooltip: d.error }} style={{ maxWidth: 260 }}>
              {d.error}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t.duration,
      dataIndex: 'durationMs',
      align: 'right',
      render: (ms: number | null) => formatNumber(ms, locale),
    },
  ];

  const editingWebhook = editing !== undefined && editing !== 'new' ? editing : undefined;
  const takesSecret = preset === 'generic' || preset === 'dingtalk';

  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
      <div>
        <Button type="primary" onClick={() => open('new')} data-testid="create-webhook">
          {t.create}
        </Button>
      </div>
      {webhooks.error ? (
        <Alert type="error" showIcon title={fill(t.loadFailed, { error: webhooks.error.message })} />
      ) : null}
      <Table<Webhook>
        data-testid="webhooks-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={webhooks.data ?? []}
        loading={webhooks.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Card
        size="small"
        title={<h3 style={{ fontSize: 15, margin: 0 }}>{t.deliveries}</h3>}
        extra={
          <Space>
            <Select
              aria-label={t.webhook}
              style={{ width: 200 }}
              value={logOf ?? 0}
              onChange={(v: number) => setLogOf(v === 0 ? undefined : v)}
              options={[
                { value: 0, label: t.allWebhooks },
                ...(webhooks.data ?? []).map((w) => ({ value: w.id, label: w.name })),
              ]}
            />
            <Button icon={<ReloadOutlined />} onClick={deliveries.reload} aria-label={t.refresh} />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t.deliveriesHelp}</Typography.Paragraph>
        {deliveries.error ? (
          <Alert type="error" showIcon title={fill(t.loadFailed, { error: deliveries.error.message })} />
        ) : null}
        <Table<Delivery>
          data-testid="deliveries-table"
          size="small"
          rowKey="id"
          columns={deliveryColumns}
          dataSource={deliveries.data ?? []}
          loading={deliveries.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Modal
        open={editing !== undefined}
        title={editingWebhook ? fill(t.editOf, { name: editingWebhook.name }) : t.createTitle}
        okText={t.save}
        cancelText={t.cancel}
        confirmLoading={isSaving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        forceRender
        width={600}
      >
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="name" label={t.name} rules={[{ required: true, message: t.required }]}>
            <Input />
          </Form.Item>
          <Form.Item name="preset" label={t.preset}>
            <Select options={WEBHOOK_PRESETS.map((p) => ({ value: p, label: t[p] }))} />
          </Form.Item>
          <Form.Item name="url" label={t.url} rules={[{ required: true, message: t.required }]}>
            <Input placeholder={URL_EXAMPLES[preset]} inputMode="url" />
          </Form.Item>
          <Form.Item
            name="secret"
            label={t.secret}
            extra={
              !takesSecret
                ? t.secretHelpNone
                : editingWebhook?.hasSecret
                  ? `${preset === 'dingtalk' ? t.secretHelpDingtalk : t.secretHelpGeneric} ${t.secretKeep}`
                  : preset === 'dingtalk'
                    ? t.secretHelpDingtalk
                    : t.secretHelpGeneric
            }
          >
            <Input.Password autoComplete="new-password" disabled={isRemovingSecret} />
          </Form.Item>
          {editingWebhook?.hasSecret ? (
            <Form.Item name="isRemovingSecret" valuePropName="checked">
              <Checkbox>{t.removeSecret}</Checkbox>
            </Form.Item>
          ) : null}
          <Form.Item name="rules" label={t.rules} extra={t.rulesHelp}>
            <Select mode="tags" options={ruleOptions} aria-label={t.rules} tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Form.Item name="severities" label={t.severities} extra={t.severitiesHelp}>
            <Checkbox.Group options={ALERT_SEVERITIES.map((s) => ({ value: s, label: severityNames[s] }))} />
          </Form.Item>
          <Form.Item name="isActive" label={t.active} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
