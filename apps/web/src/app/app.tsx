import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { LocaleProvider, useLocale } from '../i18n/locale.tsx';
import { LoginPage } from '../pages/login-page.tsx';
import { AppLayout } from './app-layout.tsx';
import { PAGES } from './pages.tsx';
import { SessionProvider, useSession } from './session.tsx';

const loading = (
  <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
    <Spin />
  </div>
);

function SignedInRoutes() {
  const { user, can } = useSession();
  const location = useLocation();
  if (user === undefined) return loading;
  if (user === null) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  const visible = PAGES.filter((p) => p.anyOf.some((permission) => can(permission)));
  const home = visible[0]?.path ?? '/';
  return (
    <AppLayout pages={visible}>
      <Suspense fallback={loading}>
        <Routes>
          {visible.map((p) => (
            <Route key={p.key} path={p.path}>
              <Route index element={<p.component />} />
              {p.children?.map((child) => (
                <Route key={child.path} path={child.path} element={<child.component />} />
              ))}
            </Route>
          ))}
          <Route path="*" element={<Navigate to={home} replace />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}

function Themed() {
  const { locale } = useLocale();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1668dc' } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="*" element={<SignedInRoutes />} />
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LocaleProvider>
      <Themed />
    </LocaleProvider>
  );
}
