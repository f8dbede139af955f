import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { LOCALES, type Messages, useLocale, useText } from '../i18n/locale.tsx';

const MESSAGES: Messages<'title' | 'email' | 'password' | 'signIn' | 'required' | 'subtitle'> = {
  'zh-CN': {
    title: '登录 Serviq',
    subtitle: '客服质检与会话分析',
    email: '邮箱',
    password: '密码',
    signIn: '登录',
    required: '必填',
  },
  en: {
    title: 'Sign in to Serviq',
    subtitle: 'Quality inspection and conversation analytics',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    required: 'Required',
  },
};

/** Where to go after signing in: only a path of this site, never another origin. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const t = useText(MESSAGES);
  const { locale, setLocale } = useLocale();
  const { user, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | undefined>();
  const [isBusy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (user) return <Navigate to={next} replace />;

  const submit = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(values.email, values.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f7fa' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t.title}
          </Typography.Title>
          <Select
            size="small"
            aria-label="Language / 语言"
            value={locale}
            onChange={setLocale}
            options={LOCALES.map((l) => ({ value: l, label: l === 'zh-CN' ? '中文' : 'English' }))}
          />
        </div>
        <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
        {error ? (
          <Alert type="error" title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        ) : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="email" label={t.email} rules={[{ required: true, message: t.required }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t.password} rules={[{ required: true, message: t.required }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isBusy}>
            {t.signIn}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
