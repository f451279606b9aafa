import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginRequest } from '@portrait/shared/auth';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { useLogin } from '../api/login';

/** Sign-in form; the URL (and so the dashboard filters) is kept, the view appears once signed in. */
export function LoginPage() {
  const { t } = useTranslation();
  const mutation = useLogin();
  const error = mutation.error;
  const message =
    error instanceof ApiError && error.status === 401
      ? t('auth.wrongCredentials')
      : error
        ? errorMessage(error, t)
        : null;

  return (
    <div className="login-page">
      <section className="login-card" aria-labelledby="login-title">
        <h2 id="login-title" className="login-title">
          {t('auth.title')}
        </h2>
        <p className="login-subtitle">{t('auth.subtitle')}</p>
        {message ? (
          <Alert type="error" showIcon title={message} className="login-error" data-testid="login-error" />
        ) : null}
        <Form<LoginRequest>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => mutation.mutate(values)}
          disabled={mutation.isPending}
        >
          <Form.Item
            label={t('auth.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input
              size="large"
              prefix={<UserOutlined aria-hidden />}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              size="large"
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={mutation.isPending}
            data-testid="login-submit"
          >
            {t('auth.submit')}
          </Button>
        </Form>
      </section>
    </div>
  );
}
