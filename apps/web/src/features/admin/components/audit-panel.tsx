import { ReloadOutlined } from '@ant-design/icons';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@portrait/shared/auth';
import { Button, Card, DatePicker, Input, Result, Select, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { useAudit, type AuditQuery } from '../api/get-audit';
import { formatDateTime } from './users-panel';

const DAY_FORMAT = 'YYYY-MM-DD';
const DEFAULT_PAGE_SIZE = 50;

/** `detail` on one line, without the outer braces' padding. */
export function compactJson(detail: Record<string, unknown> | null): string {
  if (!detail || Object.keys(detail).length === 0) return '';
  return JSON.stringify(detail);
}

/** The audit log with filters and server-side pagination. */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const [action, setAction] = useState<AuditAction | undefined>();
  const [usernameInput, setUsernameInput] = useState('');
  const [username, setUsername] = useState('');
  const [from, setFrom] = useState<Dayjs | null>(null);
  const [to, setTo] = useState<Dayjs | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);

  const query: AuditQuery = {
    action,
    username: username.trim() || undefined,
    from: from?.format(DAY_FORMAT),
    to: to?.format(DAY_FORMAT),
    page,
    pageSize,
  };
  const audit = useAudit(query);

  const resetFilters = () => {
    setAction(undefined);
    setUsernameInput('');
    setUsername('');
    setFrom(null);
    setTo(null);
    setPage(1);
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('admin.audit.at'),
      dataIndex: 'at',
      key: 'at',
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('admin.audit.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string | null) => v ?? '',
    },
    { title: t('admin.audit.role'), dataIndex: 'role', key: 'role', render: (v: string | null) => v ?? '' },
    {
      title: t('admin.audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: AuditAction) => t(`admin.audit.actions.${v}`),
    },
    {
      title: t('admin.audit.target'),
      dataIndex: 'target',
      key: 'target',
      render: (v: string | null) => v ?? '',
    },
    { title: t('admin.audit.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => v ?? '' },
    {
      title: t('admin.audit.detail'),
      dataIndex: 'detail',
      key: 'detail',
      render: (v: AuditEntry['detail']) => {
        const json = compactJson(v);
        return json ? (
          <code className="admin-json" title={json}>
            {json}
          </code>
        ) : null;
      },
    },
  ];

  return (
    <Card className="admin-card" title={t('admin.audit.title')}>
      <div className="admin-filters" role="search" aria-label={t('admin.audit.filters')}>
        <Select<AuditAction>
          className="admin-filter"
          allowClear
          placeholder={t('admin.audit.allActions')}
          aria-label={t('admin.audit.action')}
          value={action}
          onChange={(v) => {
            setAction(v);
            setPage(1);
          }}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`admin.audit.actions.${a}`) }))}
          data-testid="admin-audit-action"
        />
        <Input.Search
          className="admin-filter"
          allowClear
          placeholder={t('admin.audit.username')}
          aria-label={t('admin.audit.username')}
          value={usernameInput}
          onChange={(e) => {
            setUsernameInput(e.target.value);
            if (e.target.value === '') {
              setUsername('');
              setPage(1);
            }
          }}
          onSearch={(v) => {
            setUsername(v);
            setPage(1);
          }}
          data-testid="admin-audit-username"
        />
        <DatePicker
          className="admin-filter-date"
          placeholder={t('admin.audit.from')}
          aria-label={t('admin.audit.from')}
          value={from}
          disabledDate={(d) => (to ? d.isAfter(to, 'day') : false)}
          onChange={(d) => {
            setFrom(d);
            setPage(1);
          }}
        />
        <DatePicker
          className="admin-filter-date"
          placeholder={t('admin.audit.to')}
          aria-label={t('admin.audit.to')}
          value={to}
          disabledDate={(d) => (from ? d.isBefore(from, 'day') : false)}
          onChange={(d) => {
            setTo(d);
            setPage(1);
          }}
        />
        <Button onClick={resetFilters}>{t('admin.audit.reset')}</Button>
      </div>
      {audit.isError ? (
        <Result
          status="warning"
          title={t('admin.audit.loadError')}
          subTitle={errorMessage(audit.error, t)}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void audit.refetch()}>
              {t('state.retry')}
            </Button>
          }
        />
      ) : (
        <Table<AuditEntry>
          data-testid="admin-audit-table"
          rowKey="id"
          size="small"
          loading={audit.isFetching}
          columns={columns}
          dataSource={audit.data?.entries ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('admin.audit.total', { count: total }),
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      )}
    </Card>
  );
}
