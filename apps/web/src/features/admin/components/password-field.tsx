import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The `password` item of a user form: required, 8–200 characters (the BFF's limits), a browser hint for a new
 * password. Used by the new-user form and the reset-password modal.
 */
export function PasswordField({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="password"
      label={label}
      rules={[
        { required: true, message: t('admin.users.passwordRequired') },
        { min: 8, max: 200, message: t('admin.users.passwordLength') },
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
