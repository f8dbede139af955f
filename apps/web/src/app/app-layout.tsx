import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { LOCALES, type Messages, useLocale, useText } from '../i18n/locale.tsx';
import type { PageEntry } from './pages.tsx';
import { useSession } from './session.tsx';

const MESSAGES: Messages<'signOut' | 'language' | 'timeZone' | 'skip' | 'role'> = {
  'zh-CN': { signOut: '退出登录', language: '语言', timeZone: '时区', skip: '跳到正文', role: '角色' },
  en: {
    signOut: 'Sign out',
    language: 'Language',
    timeZone: 'Time zone',
    skip: 'Skip to content',
    role: 'Role',
  },
};

export const ROLE_NAMES: Messages<'admin' | 'qa_manager' | 'reviewer' | 'supervisor' | 'agent'> = {
  'zh-CN': {
    admin: '管理员',
    qa_manager: '质检主管',
    reviewer: '质检员',
    supervisor: '客服组长',
    agent: '客服',
  },
  en: {
    admin: 'Admin',
    qa_manager: 'QA manager',
    reviewer: 'Reviewer',
    supervisor: 'Supervisor',
    agent: 'Agent',
  },
};

const LANGUAGE_NAMES = { 'zh-CN': '中文', en: 'English' } as const;

const TIME_ZONES = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'UTC'];
  }
})();

/** The frame of every signed-in page: navigation by role, language, time zone, the account. */
export function AppLayout({ pages, children }: { pages: readonly PageEntry[]; children: ReactNode }) {
  const t = useText(MESSAGES);
  const roles = useText(ROLE_NAMES);
  const { locale, setLocale, timeZone, setTimeZone } = useLocale();
  const { user, signOut } = useSession();
  const location = useLocation();
  const active =
    [...pages]
      .sort((a, b) => b.path.length - a.path.length)
      .find((p) => (p.path === '/' ? location.pathname === '/' : location.pathname.startsWith(p.path)))
      ?.key ?? '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t.skip}
      </a>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div style={{ color: '#fff', fontWeight: 600, fontSize: 18, padding: '16px 20px' }}>Serviq</div>
        <nav aria-label="Serviq">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[active]}
            items={pages.map((p) => ({ key: p.key, label: <Link to={p.path}>{p.title[locale]}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space>
            <GlobalOutlined aria-hidden />
            <Select
              aria-label={t.language}
              value={locale}
              onChange={setLocale}
              style={{ width: 100 }}
              options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              data-testid="language"
            />
            <Select
              aria-label={t.timeZone}
              value={timeZone}
              onChange={setTimeZone}
              showSearch
              style={{ width: 190 }}
              options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
            />
          </Space>
          {user ? (
            <Dropdown
              menu={{
                items: [
                  { key: 'role', label: `${t.role}: ${roles[user.role]}`, disabled: true },
                  {
                    key: 'signOut',
                    icon: <LogoutOutlined />,
                    label: t.signOut,
                    onClick: () => void signOut(),
                  },
                ],
              }}
            >
              <Button icon={<UserOutlined />} data-testid="account">
                <Typography.Text ellipsis style={{ maxWidth: 160 }}>
                  {user.name}
                </Typography.Text>
              </Button>
            </Dropdown>
          ) : null}
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: 24, minWidth: 0 }}>
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
