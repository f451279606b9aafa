import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Me } from '@portrait/shared/auth';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../lib/i18n';
import { useLogout } from '../api/logout';

/** Who is signed in (name and role) and the sign-out button. */
export function UserMenu({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const logout = useLogout();
  const role = ROLE_LABELS[me.user.role][currentLang(i18n) === 'zh-CN' ? 'zh' : 'en'];
  const name = me.user.displayName ?? me.user.username;

  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-identity" title={`${name} · ${role}`}>
        <UserOutlined aria-hidden />
        <span className="user-name">{name}</span>
        {name !== role ? <span className="user-role">{role}</span> : null}
      </span>
      <Tooltip title={t('auth.logout')}>
        <Button
          type="text"
          icon={<LogoutOutlined />}
          aria-label={t('auth.logout')}
          data-testid="logout"
          loading={logout.isPending}
          onClick={() => logout.mutate(me.csrfToken)}
        />
      </Tooltip>
    </div>
  );
}
