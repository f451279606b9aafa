import {
  DatabaseOutlined,
  GlobalOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Button, Layout, Spin, Tooltip } from 'antd';
import { lazy, Suspense, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useMe } from '../features/auth/api/get-me';
import { UserMenu } from '../features/auth/components/user-menu';
import { CustomerSearch } from '../features/customer360/components/customer-search';
import { useFiltersMeta } from '../features/filters/api/get-filters-meta';
import { useLiveRefresh } from '../features/live-refresh/hooks/use-live-refresh';
import { errorMessage } from '../lib/error-message';
import { useCompact } from '../lib/use-compact';
import { currentLang, rememberLang, type Lang } from '../lib/i18n';
import { useFormatters } from '../lib/use-formatters';
import { LazyResult } from '../components/lazy-result';
import { useFirstViewHandOff } from '../first-view/hand-off';

// Only signed-out visitors need the form (and antd's Form): it loads on demand.
const LoginPage = lazy(() =>
  import('../features/auth/components/login-page').then((m) => ({ default: m.LoginPage })),
);

function Checking() {
  const { t } = useTranslation();
  return (
    <div className="page-center" role="status">
      <Spin size="large" />
      <span className="page-center-text">{t('auth.checking')}</span>
    </div>
  );
}

function Logo() {
  return (
    <svg className="brand-logo" viewBox="0 0 32 32" aria-hidden focusable="false">
      <rect width="32" height="32" rx="8" fill="#1677ff" />
      <circle cx="16" cy="12" r="5" fill="#fff" />
      <path d="M7 26c1.2-5 4.8-8 9-8s7.8 3 9 8" fill="#fff" />
    </svg>
  );
}

/** How fresh the data is (needs a session: the metadata is not public). */
function DataAsOf() {
  const { t } = useTranslation();
  const f = useFormatters();
  const meta = useFiltersMeta();
  if (!meta.data) return null;
  const lastDay = meta.data.lastDay;
  return (
    <span className="data-as-of" data-testid="data-as-of">
      <DatabaseOutlined aria-hidden />
      {lastDay ? t('app.dataAsOf', { day: f.day(lastDay) }) : t('app.noData')}
    </span>
  );
}

/** Signed in: the page; signed out: the sign-in form (the URL, and so the filters, survive sign-in). */
function SessionGate() {
  const { t } = useTranslation();
  const me = useMe();
  // Rendered from a deferred copy: the page the session unlocks renders in interruptible slices (see DashboardRoute).
  const user = useDeferredValue(me.data);
  // Signed out (the session ended after the page was sent) or the check failed: no dashboard will replace the first view.
  useFirstViewHandOff(!me.isPending && !me.data);
  if (me.isPending || (me.data && !user)) return <Checking />;
  if (me.isError) {
    return (
      <div className="page-center">
        <LazyResult
          status="warning"
          title={t('auth.sessionErrorTitle')}
          subTitle={errorMessage(me.error, t)}
          extra={
            <Button type="primary" icon={<ReloadOutlined />} onClick={() => void me.refetch()}>
              {t('state.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  return user ? (
    // Pages loaded on demand: a spinner on first load; when navigating, the previous page stays until ready.
    <Suspense
      fallback={
        <div className="page-center" role="status">
          <Spin size="large" />
        </div>
      }
    >
      <Outlet />
    </Suspense>
  ) : (
    <Suspense fallback={<Checking />}>
      <LoginPage />
    </Suspense>
  );
}

/** Header (product, data freshness, language, user) around the page. */
export function AppShell() {
  const { t, i18n } = useTranslation();
  // Deferred like SessionGate's: the header's signed-in parts render in the same interruptible pass as the page.
  const user = useDeferredValue(useMe().data);
  const compact = useCompact();
  useLiveRefresh(Boolean(user));
  const lang = currentLang(i18n);
  const next: Lang = lang === 'zh-CN' ? 'en-US' : 'zh-CN';

  const switchLanguage = () => {
    rememberLang(next);
    void i18n.changeLanguage(next);
  };

  return (
    <Layout className="app-layout">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <div className="app-header-inner">
          <div className="brand">
            <Logo />
            <div className="brand-text">
              <h1 className="brand-name">{t('app.name')}</h1>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </div>
          </div>
          <div className="header-actions">
            {/* Looking up one customer: everyone but executives (PRODUCT §5). */}
            {user && user.user.role !== 'executive' ? <CustomerSearch compact={compact} /> : null}
            {user ? <DataAsOf /> : null}
            <Tooltip title={t('app.switchLanguage')}>
              <Button
                type="text"
                className="lang-switch"
                data-testid="lang-switch"
                icon={<GlobalOutlined />}
                aria-label={`${t('app.switchLanguage')}: ${t('app.otherLanguage')}`}
                lang={next}
                onClick={switchLanguage}
              >
                {t('app.otherLanguage')}
              </Button>
            </Tooltip>
            {user?.user.role === 'admin' || user?.user.role === 'analyst' ? (
              <Tooltip title={t('dataQuality.link')}>
                <Link
                  to="/data-quality"
                  className="admin-link"
                  data-testid="quality-link"
                  aria-label={t('dataQuality.link')}
                >
                  <SafetyCertificateOutlined aria-hidden />
                  <span className="admin-link-text">{t('dataQuality.link')}</span>
                </Link>
              </Tooltip>
            ) : null}
            {user?.user.role === 'admin' ? (
              <Tooltip title={t('admin.link')}>
                <Link
                  to="/admin"
                  className="admin-link"
                  data-testid="admin-link"
                  aria-label={t('admin.link')}
                >
                  <SettingOutlined aria-hidden />
                  <span className="admin-link-text">{t('admin.link')}</span>
                </Link>
              </Tooltip>
            ) : null}
            {user ? <UserMenu me={user} /> : null}
          </div>
        </div>
      </Layout.Header>
      <Layout.Content id="main" className="app-content" tabIndex={-1}>
        <SessionGate />
      </Layout.Content>
    </Layout>
  );
}
