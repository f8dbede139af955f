import { CopyOutlined } from '@ant-design/icons';
import { TOKEN_SCOPES, type TokenScope } from '@serviq/contracts';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { showApiError, topLevelField } from './form-error.ts';

type Token = {
  id: number;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const MESSAGES: Messages<
  | 'create'
  | 'name'
  | 'scopes'
  | 'prefix'
  | 'created'
  | 'lastUsed'
  | 'status'
  | 'active'
  | 'revokedAt'
  | 'revoke'
  | 'revokeConfirm'
  | 'actions'
  | 'save'
  | 'cancel'
  | 'required'
  | 'secretTitle'
  | 'secretWarning'
  | 'copy'
  | 'copied'
  | 'copyFailed'
  | 'done'
  | 'secretLabel'
  | 'loadFailed'
  | 'never'
  | TokenScope
> = {
  'zh-CN': {
    create: '新建令牌',
    name: '名称',
    scopes: '权限范围',
    prefix: '前缀',
    created: '创建时间',
    lastUsed: '最近使用',
    status: '状态',
    active: '有效',
    revokedAt: '已于 {at} 吊销',
    revoke: '吊销',
    revokeConfirm: '吊销令牌 {name}？使用它的程序会立即失去访问权限。',
    actions: '操作',
    save: '创建',
    cancel: '取消',
    required: '必填',
    secretTitle: '令牌已创建：{name}',
    secretWarning: '这是唯一一次显示令牌。请立即复制并妥善保存；关闭后无法再查看，只能吊销后重新创建。',
    copy: '复制',
    copied: '已复制',
    copyFailed: '无法访问剪贴板，请手动选中复制',
    done: '我已保存',
    secretLabel: '令牌',
    loadFailed: '令牌加载失败：{error}',
    never: '从未',
    ingest: 'ingest：导入会话、实时消息、结束会话',
    read: 'read：读取会话、规则、报表、预警、坐席、任务',
    admin: 'admin：管理员的全部权限（复核除外）',
  },
  en: {
    create: 'New token',
    name: 'Name',
    scopes: 'Scopes',
    prefix: 'Prefix',
    created: 'Created',
    lastUsed: 'Last used',
    status: 'Status',
    active: 'Active',
    revokedAt: 'Revoked {at}',
    revoke: 'Revoke',
    revokeConfirm: 'Revoke token {name}? Programs using it lose access at once.',
    actions: 'Actions',
    save: 'Create',
    cancel: 'Cancel',
    required: 'Required',
    secretTitle: 'Token created: {name}',
    secretWarning:
      'This is the only time the token is shown. Copy it now and keep it safe: once closed it cannot be shown again, only revoked and replaced.',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'The clipboard is not available: select the token and copy it',
    done: 'I have saved it',
    secretLabel: 'Token',
    loadFailed: 'Could not load tokens: {error}',
    never: 'Never',
    ingest: 'ingest: import conversations, live messages, close conversations',
    read: 'read: read conversations, rules, reports, alerts, agents, jobs',
    admin: 'admin: everything an admin may do (except reviews)',
  },
};

type TokenForm = { name: string; scopes: TokenScope[] };

export function TokensTab() {
  const t = useText(MESSAGES);
  const { timeZone } = useLocale();
  const { message } = App.useApp();
  const tokens = useApi((signal) => api<Token[]>('GET', '/tokens', { signal }), []);
  const [isCreating, setCreating] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | undefined>();
  // The secret lives only here, only until its modal is closed.
  const [secret, setSecret] = useState<{ name: string; token: string } | undefined>();
  const [form] = Form.useForm<TokenForm>();

  const submit = async (values: TokenForm) => {
    setSaving(true);
    setFormError(undefined);
    try {
      const answer = await api<{ token: string; apiToken: Token }>('POST', '/tokens', { body: values });
      setCreating(false);
      setSecret({ name: answer.apiToken.name, token: answer.token });
      tokens.reload();
    } catch (error) {
      setFormError(showApiError(form, error, topLevelField(['name', 'scopes'])));
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (token: Token) => {
    try {
      await api('DELETE', `/tokens/${token.id}`);
      tokens.reload();
    } catch (error) {
      void message.error((error as Error).message);
    }
  };

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.token);
      void message.success(t.copied);
    } catch {
      void message.warning(t.copyFailed);
    }
  };

  const columns: ColumnsType<Token> = [
    { title: t.name, dataIndex: 'name' },
    {
      title: t.prefix,
      dataIndex: 'prefix',
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    {
      title: t.scopes,
      dataIndex: 'scopes',
      render: (scopes: TokenScope[]) => scopes.map((s) => <Tag key={s}>{s}</Tag>),
    },
    { title: t.created, dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, timeZone) },
    {
      title: t.lastUsed,
      dataIndex: 'lastUsedAt',
      render: (at: string | null) => (at ? formatDateTime(at, timeZone) : t.never),
    },
    {
      title: t.status,
      dataIndex: 'revokedAt',
      render: (at: string | null) =>
        at ? (
          <Tag>{fill(t.revokedAt, { at: formatDateTime(at, timeZone) })}</Tag>
        ) : (
          <Tag color="green">{t.active}</Tag>
        ),
    },
    {
      title: t.actions,
      key: 'actions',
      render: (_, token) =>
        token.revokedAt ? null : (
          <Popconfirm title={fill(t.revokeConfirm, { name: token.name })} onConfirm={() => revoke(token)}>
            <Button size="small" danger>
              {t.revoke}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div>
      <div style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          data-testid="create-token"
          onClick={() => {
            form.resetFields();
            setFormError(undefined);
            setCreating(true);
          }}
        >
          {t.create}
        </Button>
      </div>
      {tokens.error ? (
        <Alert type="error" showIcon title={fill(t.loadFailed, { error: tokens.error.message })} />
      ) : null}
      <Table<Token>
        data-testid="tokens-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={tokens.data ?? []}
        loading={tokens.isLoading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={isCreating}
        title={t.create}
        okText={t.save}
        cancelText={t.cancel}
        confirmLoading={isSaving}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        forceRender
      >
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ scopes: ['read'] }}
          onFinish={(v) => void submit(v)}
          requiredMark={false}
        >
          <Form.Item name="name" label={t.name} rules={[{ required: true, message: t.required }]}>
            <Input />
          </Form.Item>
          <Form.Item name="scopes" label={t.scopes}>
            <Checkbox.Group>
              <Space orientation="vertical">
                {TOKEN_SCOPES.map((scope) => (
                  <Checkbox key={scope} value={scope}>
                    {t[scope]}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={secret !== undefined}
        // A closed dialog keeps its last content in the page unless destroyed: the secret must not stay.
        destroyOnHidden
        title={secret ? fill(t.secretTitle, { name: secret.name }) : ''}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => setSecret(undefined)} data-testid="token-secret-done">
            {t.done}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t.secretWarning} style={{ marginBottom: 12 }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            aria-label={t.secretLabel}
            value={secret?.token ?? ''}
            data-testid="token-secret"
            onFocus={(e) => e.target.select()}
            style={{ fontFamily: 'monospace' }}
          />
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="copy-token">
            {t.copy}
          </Button>
        </Space.Compact>
      </Modal>
    </div>
  );
}
