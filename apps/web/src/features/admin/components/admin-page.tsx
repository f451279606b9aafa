import { Button, Result, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../auth/api/get-me';
import { DataImportPanel } from '../../data-import/components/data-import-panel';
import { AuditPanel } from './audit-panel';
import { UsersPanel } from './users-panel';

const TABS = ['users', 'audit', 'data'] as const;
type Tab = (typeof TABS)[number];

/** Administration: accounts, the audit log and data import. Only admins get in; everyone else sees a 403. */
export function AdminPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'users';

  if (!me.data || me.data.user.role !== 'admin') {
    return (
      <Result
        status="403"
        title={t('admin.forbiddenTitle')}
        subTitle={t('admin.forbiddenSubtitle')}
        data-testid="admin-forbidden"
        extra={
          <Link to="/">
            <Button type="primary">{t('admin.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  const csrfToken = me.data.csrfToken;

  return (
    <div className="admin-page">
      <div className="admin-page-head">
        <h2 className="admin-page-title">{t('admin.title')}</h2>
        <Link to="/">{t('admin.backHome')}</Link>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'users' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'users', label: t('admin.usersTab'), children: <UsersPanel csrfToken={csrfToken} /> },
          { key: 'audit', label: t('admin.auditTab'), children: <AuditPanel /> },
          { key: 'data', label: t('dataImport.tab'), children: <DataImportPanel csrfToken={csrfToken} /> },
        ]}
        destroyOnHidden
      />
    </div>
  );
}
