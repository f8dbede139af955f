import { PASSWORD_MIN_LENGTH, USER_ROLES, type UserRole } from '@serviq/contracts';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ROLE_NAMES } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { showApiError, topLevelField } from './form-error.ts';

type User = {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  agentId: string | null;
  teamIds: string[];
  isDisabled: boolean;
  createdAt: string;
};

type UserForm = {
  email: string;
  name: string;
  role: UserRole;
  password: string;
  agentId?: string;
  teamIds: string[];
};

const MESSAGES: Messages<
  | 'create'
  | 'edit'
  | 'editOf'
  | 'resetPassword'
  | 'resetOf'
  | 'disable'
  | 'enable'
  | 'delete'
  | 'deleteConfirm'
  | 'disableConfirm'
  | 'email'
  | 'name'
  | 'role'
  | 'password'
  | 'newPassword'
  | 'policy'
  | 'agentId'
  | 'agentHelp'
  | 'teams'
  | 'teamsHelp'
  | 'status'
  | 'active'
  | 'disabled'
  | 'created'
  | 'actions'
  | 'save'
  | 'cancel'
  | 'required'
  | 'saved'
  | 'resetDone'
  | 'resetNote'
  | 'loadFailed'
  | 'you'
> = {
  'zh-CN': {
    create: '新建用户',
    edit: '编辑',
    editOf: '编辑用户 {name}',
    resetPassword: '重置密码',
    resetOf: '重置 {name} 的密码',
    disable: '停用',
    enable: '启用',
    delete: '删除',
    deleteConfirm: '删除用户 {name}？写过复核的用户不能删除，可以停用。',
    disableConfirm: '停用 {name}？该用户会立即被登出。',
    email: '邮箱',
    name: '姓名',
    role: '角色',
    password: '初始密码',
    newPassword: '新密码',
    policy: '密码至少 {n} 个字符，以 scrypt 散列保存。',
    agentId: '客服 ID',
    agentHelp: '客服角色必填：会话中此人的客服 ID，只能看到自己的会话。',
    teams: '团队',
    teamsHelp: '客服组长必填：只能看到这些团队的会话。',
    status: '状态',
    active: '正常',
    disabled: '已停用',
    created: '创建时间',
    actions: '操作',
    save: '保存',
    cancel: '取消',
    required: '必填',
    saved: '已保存',
    resetDone: '密码已重置，该用户已在所有设备上登出',
    resetNote: '重置后该用户在所有设备上登出，需要用新密码登录。',
    loadFailed: '用户加载失败：{error}',
    you: '你',
  },
  en: {
    create: 'New user',
    edit: 'Edit',
    editOf: 'Edit user {name}',
    resetPassword: 'Reset password',
    resetOf: 'Reset the password of {name}',
    disable: 'Disable',
    enable: 'Enable',
    delete: 'Delete',
    deleteConfirm: 'Delete user {name}? Users who wrote reviews cannot be deleted; disable them instead.',
    disableConfirm: 'Disable {name}? They are signed out at once.',
    email: 'Email',
    name: 'Name',
    role: 'Role',
    password: 'Initial password',
    newPassword: 'New password',
    policy: 'At least {n} characters; stored as a scrypt hash.',
    agentId: 'Agent id',
    agentHelp: 'Required for agents: their agent id in conversations; they see only their own conversations.',
    teams: 'Teams',
    teamsHelp: 'Required for supervisors: they see the conversations of these teams.',
    status: 'Status',
    active: 'Active',
    disabled: 'Disabled',
    created: 'Created',
    actions: 'Actions',
    save: 'Save',
    cancel: 'Cancel',
    required: 'Required',
    saved: 'Saved',
    resetDone: 'Password reset; the user is signed out everywhere',
    resetNote: 'The user is signed out everywhere and signs in with the new password.',
    loadFailed: 'Could not load users: {error}',
    you: 'you',
  },
};

const FIELDS = ['email', 'name', 'role', 'password', 'agentId', 'teamIds'];

type Editing = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User };

export function UsersTab() {
  const t = useText(MESSAGES);
  const roles = useText(ROLE_NAMES);
  const { timeZone } = useLocale();
  const { user: me } = useSession();
  const { message } = App.useApp();
  const users = useApi((signal) => api<User[]>('GET', '/users', { signal }), []);
  const teams = useApi((signal) => api<{ id: string; name: string }[]>('GET', '/teams', { signal }), []);
  const agents = useApi(
    (signal) => api<{ id: string; name: string | null }[]>('GET', '/agents', { signal }),
    [],
  );
  const [editing, setEditing] = useState<Editing | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [isSaving, setSaving] = useState(false);
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);

  const open = (next: Editing) => {
    setFormError(undefined);
    form.resetFields();
    if (next.kind === 'edit')
      form.setFieldsValue({
        name: next.user.name,
        role: next.user.role,
        agentId: next.user.agentId ?? undefined,
        teamIds: next.user.teamIds,
      });
    if (next.kind === 'create') form.setFieldsValue({ role: 'reviewer', teamIds: [] });
    setEditing(next);
  };

  const change = async (user: User, body: Record<string, unknown>) => {
    try {
      await api('PATCH', `/users/${user.id}`, { body });
      users.reload();
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  const remove = async (user: User) => {
    try {
      await api('DELETE', `/users/${user.id}`);
      users.reload();
    } catch (error) {
      void message.error((error as Error).message);
    }
  };

  const submit = async (values: UserForm) => {
    if (!editing) return;
    setSaving(true);
    setFormError(undefined);
    try {
      if (editing.kind === 'create')
        await api('POST', '/users', {
          body: { ...values, agentId: values.agentId?.trim() || null, teamIds: values.teamIds ?? [] },
        });
      else if (editing.kind === 'edit')
        await api('PATCH', `/users/${editing.user.id}`, {
          body: {
            name: values.name,
            role: values.role,
            agentId: values.agentId?.trim() || null,
            teamIds: values.teamIds ?? [],
          },
        });
      else await api('PATCH', `/users/${editing.user.id}`, { body: { password: values.password } });
      void message.success(editing.kind === 'password' ? t.resetDone : t.saved);
      setEditing(undefined);
      users.reload();
    } catch (error) {
      setFormError(showApiError(form, error, topLevelField(FIELDS)));
    } finally {
      setSaving(false);
    }
  };

  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const agentOptions = (agents.data ?? []).map((agent) => ({
    value: agent.id,
    label: agent.name ? `${agent.name} (${agent.id})` : agent.id,
  }));

  const columns: ColumnsType<User> = [
    {
      title: t.name,
      dataIndex: 'name',
      render: (name: string, user) => (
        <span>
          {name} {user.id === me?.id ? <Tag>{t.you}</Tag> : null}
        </span>
      ),
    },
    { title: t.email, dataIndex: 'email' },
    { title: t.role, dataIndex: 'role', render: (r: UserRole) => roles[r] },
    { title: t.agentId, dataIndex: 'agentId', render: (id: string | null) => id ?? '—' },
    {
      title: t.teams,
      dataIndex: 'teamIds',
      render: (ids: string[]) =>
        ids.length === 0
          ? '—'
          : ids.map((id) => <Tag key={id}>{teams.data?.find((x) => x.id === id)?.name ?? id}</Tag>),
    },
    {
      title: t.status,
      dataIndex: 'isDisabled',
      render: (isDisabled: boolean) =>
        isDisabled ? <Tag color="default">{t.disabled}</Tag> : <Tag color="green">{t.active}</Tag>,
    },
    { title: t.created, dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, timeZone) },
    {
      title: t.actions,
      key: 'actions',
      render: (_, user) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => open({ kind: 'edit', user })}>
            {t.edit}
          </Button>
          <Button size="small" onClick={() => open({ kind: 'password', user })}>
            {t.resetPassword}
          </Button>
          {user.id === me?.id ? null : user.isDisabled ? (
            <Button size="small" onClick={() => void change(user, { isDisabled: false })}>
              {t.enable}
            </Button>
          ) : (
            <Popconfirm
              title={fill(t.disableConfirm, { name: user.name })}
              onConfirm={() => change(user, { isDisabled: true })}
            >
              <Button size="small">{t.disable}</Button>
            </Popconfirm>
          )}
          {user.id === me?.id ? null : (
            <Popconfirm title={fill(t.deleteConfirm, { name: user.name })} onConfirm={() => remove(user)}>
              <Button size="small" danger>
                {t.delete}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const title =
    editing?.kind === 'create'
      ? t.create
      : editing?.kind === 'edit'
        ? fill(t.editOf, { name: editing.user.name })
        : editing
          ? fill(t.resetOf, { name: editing.user.name })
          : '';
  const policy = fill(t.policy, { n: PASSWORD_MIN_LENGTH });

  return (
    <div>
      <div style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => open({ kind: 'create' })} data-testid="create-user">
          {t.create}
        </Button>
      </div>
      {users.error ? (
        <Alert type="error" showIcon title={fill(t.loadFailed, { error: users.error.message })} />
      ) : null}
      <Table<User>
        data-testid="users-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.isLoading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={editing !== undefined}
        title={title}
        okText={t.save}
        cancelText={t.cancel}
        confirmLoading={isSaving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        destroyOnHidden
        forceRender
      >
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          {editing?.kind === 'create' ? (
            <Form.Item name="email" label={t.email} rules={[{ required: true, message: t.required }]}>
              <Input type="email" autoComplete="off" />
            </Form.Item>
          ) : null}
          {editing?.kind !== 'password' ? (
            <>
              <Form.Item name="name" label={t.name} rules={[{ required: true, message: t.required }]}>
                <Input />
              </Form.Item>
              <Form.Item name="role" label={t.role} rules={[{ required: true, message: t.required }]}>
                <Select options={USER_ROLES.map((r) => ({ value: r, label: roles[r] }))} />
              </Form.Item>
              <Form.Item
                name="agentId"
                label={t.agentId}
                extra={role === 'agent' ? t.agentHelp : undefined}
                rules={[{ required: role === 'agent', message: t.required }]}
              >
                <AutoComplete
                  allowClear
                  options={agentOptions}
                  aria-label={t.agentId}
                  filterOption={(input, option) =>
                    String(option?.label ?? '')
                      .toLowerCase()
                      .includes(input.toLowerCase())
                  }
                />
              </Form.Item>
              <Form.Item
                name="teamIds"
                label={t.teams}
                extra={role === 'supervisor' ? t.teamsHelp : undefined}
                rules={[{ required: role === 'supervisor', message: t.required }]}
              >
                <Select mode="multiple" options={teamOptions} optionFilterProp="label" aria-label={t.teams} />
              </Form.Item>
            </>
          ) : null}
          {editing?.kind !== 'edit' ? (
            <>
              {editing?.kind === 'password' ? (
                <Typography.Paragraph type="secondary">{t.resetNote}</Typography.Paragraph>
              ) : null}
              <Form.Item
                name="password"
                label={editing?.kind === 'password' ? t.newPassword : t.password}
                extra={policy}
                rules={[{ required: true, message: t.required }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
