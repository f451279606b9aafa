import { EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type AdminUser } from '@portrait/shared/auth';
import { Button, Card, Result, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { useUsers } from '../api/get-users';
import { PasswordModal } from './password-modal';
import { UserFormModal } from './user-form-modal';

export function formatDateTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale, { hour12: false });
}

/** The accounts table with create / edit / reset password. */
export function UsersPanel({ csrfToken }: { csrfToken: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const roleLang = lang === 'zh-CN' ? 'zh' : 'en';
  const users = useUsers();
  const [editing, setEditing] = useState<{ user: AdminUser | null } | null>(null);
  const [passwordFor, setPasswordFor] = useState<AdminUser | null>(null);
  // "Locked" is judged at the time the list was fetched (render stays pure).
  const now = users.dataUpdatedAt;

  const columns: TableColumnsType<AdminUser> = [
    { title: t('admin.users.username'), dataIndex: 'username', key: 'username', fixed: 'left' },
    {
      title: t('admin.users.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      render: (v: string | null) => v ?? '',
    },
    {
      title: t('admin.users.role'),
      dataIndex: 'role',
      key: 'role',
      render: (r: AdminUser['role']) => ROLE_LABELS[r][roleLang],
    },
    {
      title: t('admin.users.stores'),
      key: 'stores',
      render: (_, u) =>
        u.stores.length === 0 ? (
          <span className="admin-muted">{t('admin.users.allStores')}</span>
        ) : (
          <Space size={[0, 4]} wrap>
            {u.stores.map((s) => (
              <Tag key={s.id}>{`${s.city} · ${s.name}`}</Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('admin.users.status'),
      key: 'status',
      render: (_, u) => {
        if (u.disabled) return <Tag color="default">{t('admin.users.disabled')}</Tag>;
        if (u.lockedUntil && new Date(u.lockedUntil).getTime() > now)
          return (
            <Tooltip title={t('admin.users.lockedUntil', { at: formatDateTime(u.lockedUntil, lang) })}>
              <Tag color="warning">{t('admin.users.locked')}</Tag>
            </Tooltip>
          );
        return <Tag color="success">{t('admin.users.enabled')}</Tag>;
      },
    },
    {
      title: t('admin.users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (v: string | null) => (v ? formatDateTime(v, lang) : t('admin.users.never')),
    },
    {
      title: t('admin.users.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('admin.users.actions'),
      key: 'actions',
      render: (_, u) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            data-testid={`admin-edit-${u.username}`}
            onClick={() => setEditing({ user: u })}
          >
            {t('admin.users.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<KeyOutlined />}
            data-testid={`admin-password-${u.username}`}
            onClick={() => setPasswordFor(u)}
          >
            {t('admin.users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      className="admin-card"
      title={t('admin.users.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="admin-new-user"
          onClick={() => setEditing({ user: null })}
        >
          {t('admin.users.newUser')}
        </Button>
      }
    >
      {users.isError ? (
        <Result
          status="warning"
          title={t('admin.users.loadError')}
          subTitle={errorMessage(users.error, t)}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void users.refetch()}>
              {t('state.retry')}
            </Button>
          }
        />
      ) : (
        <Table<AdminUser>
          data-testid="admin-users-table"
          rowKey="id"
          size="small"
          loading={users.isPending}
          columns={columns}
          dataSource={users.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
      <UserFormModal
        open={editing !== null}
        user={editing?.user ?? null}
        csrfToken={csrfToken}
        onClose={() => setEditing(null)}
      />
      <PasswordModal user={passwordFor} csrfToken={csrfToken} onClose={() => setPasswordFor(null)} />
    </Card>
  );
}
