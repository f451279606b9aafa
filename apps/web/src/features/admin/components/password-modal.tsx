import type { AdminUser } from '@portrait/shared/auth';
import { Alert, App, Form, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { useResetPassword } from '../api/reset-password';
import { PasswordField } from './password-field';

export type PasswordModalProps = {
  user: AdminUser | null;
  csrfToken: string;
  onClose: () => void;
};

/** Set a new password for a user. */
export function PasswordModal({ user, csrfToken, onClose }: PasswordModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();

  useEffect(() => {
    if (!user) return;
    reset.reset();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset only when the modal opens
  }, [user]);

  return (
    <Modal
      open={user !== null}
      title={t('admin.users.resetPasswordTitle', { name: user?.username ?? '' })}
      okText={t('admin.users.save')}
      cancelText={t('admin.users.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ password }) => {
          if (!user) return;
          reset.mutate(
            { csrfToken, id: user.id, password },
            {
              onSuccess: () => {
                void message.success(t('admin.users.passwordResetDone'));
                onClose();
              },
            },
          );
        }}
      >
        {reset.isError ? (
          <Alert
            type="error"
            showIcon
            className="admin-form-error"
            message={errorMessage(reset.error, t)}
            data-testid="admin-form-error"
          />
        ) : null}
        <PasswordField label={t('admin.users.newPassword')} />
      </Form>
    </Modal>
  );
}
