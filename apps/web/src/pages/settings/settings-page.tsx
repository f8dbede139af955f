import type { Permission } from '@serviq/contracts';
import { Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { type Messages, useText } from '../../i18n/locale.tsx';
import { AuditTab } from './audit-tab.tsx';
import { BusinessHoursTab } from './business-hours-tab.tsx';
import { PrivacyTab } from './privacy-tab.tsx';
import { TokensTab } from './tokens-tab.tsx';
import { UsersTab } from './users-tab.tsx';
import { WebhooksTab } from './webhooks-tab.tsx';

type TabKey = 'users' | 'tokens' | 'webhooks' | 'business-hours' | 'privacy' | 'audit';

const MESSAGES: Messages<'title' | TabKey> = {
  'zh-CN': {
    title: '设置',
    users: '用户与角色',
    tokens: 'API 令牌',
    webhooks: 'Webhook',
    'business-hours': '工作时间与 SLA',
    privacy: '隐私与保留期',
    audit: '审计日志',
  },
  en: {
    title: 'Settings',
    users: 'Users and roles',
    tokens: 'API tokens',
    webhooks: 'Webhooks',
    'business-hours': 'Business hours and SLA',
    privacy: 'Privacy and retention',
    audit: 'Audit log',
  },
};

const TABS: { key: TabKey; permission: Permission; render: () => ReactNode }[] = [
  { key: 'users', permission: 'users:manage', render: () => <UsersTab /> },
  { key: 'tokens', permission: 'tokens:manage', render: () => <TokensTab /> },
  { key: 'webhooks', permission: 'webhooks:manage', render: () => <WebhooksTab /> },
  { key: 'business-hours', permission: 'settings:manage', render: () => <BusinessHoursTab /> },
  { key: 'privacy', permission: 'settings:manage', render: () => <PrivacyTab /> },
  { key: 'audit', permission: 'audit:read', render: () => <AuditTab /> },
];

/** Each tab shows only to a role holding its permission; the open tab is in the address (`?tab=`). */
export function SettingsPage() {
  const t = useText(MESSAGES);
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((tab) => can(tab.permission));
  const asked = params.get('tab');
  const active = tabs.find((tab) => tab.key === asked)?.key ?? tabs[0]?.key;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <Tabs
        data-testid="settings-tabs"
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={tabs.map((tab) => ({ key: tab.key, label: t[tab.key], children: tab.render() }))}
      />
    </div>
  );
}
