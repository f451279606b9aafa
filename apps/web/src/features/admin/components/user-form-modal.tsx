import { ROLE_LABELS, ROLES, type AdminUser, type Role } from '@portrait/shared/auth';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFiltersMeta } from '../../filters/api/get-filters-meta';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { useCreateUser } from '../api/create-user';
import { useUpdateUser } from '../api/update-user';
import { PasswordField } from './password-field';

type FormValues = {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
  stores: string[];
  disabled: boolean;
};

export type UserFormModalProps = {
  open: boolean;
  /** null: a new user. */
  user: AdminUser | null;
  csrfToken: string;
  onClose: () => void;
};

/** Create a user, or edit one (display name, role, stores, disabled). */
export function UserFormModal({ open, user, csrfToken, onClose }: UserFormModalProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const meta = useFiltersMeta();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const role = Form.useWatch('role', form);
  const isStoreManager = role === 'store_manager';
  const lang = currentLang(i18n) === 'zh-CN' ? 'zh' : 'en';

  useEffect(() => {
    if (!open) return;
    create.reset();
    update.reset();
    form.resetFields();
    form.setFieldsValue(
      user
        ? {
            username: user.username,
            displayName: user.displayName ?? '',
            role: user.role,
            stores: user.stores.map((s) => s.id),
            disabled: user.disabled,
          }
        : { role: 'analyst', stores: [], disabled: false },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset only when the modal opens
  }, [open, user]);

  const storeOptions = (meta.data?.cities ?? []).map((city) => ({
    label: city.name,
    title: city.name,
    options: city.stores.map((s) => ({ label: s.name, value: s.id })),
  }));

  const submit = (values: FormValues) => {
    const displayName = values.displayName?.trim() ? values.displayName.trim() : null;
    const stores = values.role === 'store_manager' ? (values.stores ?? []) : [];
    const onSuccess = () => onClose();
    if (user) {
      update.mutate(
        {
          csrfToken,
          id: user.id,
          body: { displayName, role: values.role, stores, disabled: values.disabled },
        },
        { onSuccess },
      );
    } else {
      create.mutate(
        {
          csrfToken,
          body: {
            username: values.username.trim(),
            displayName,
            role: values.role,
            password: values.password,
            stores,
          },
        },
        { onSuccess },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={user ? t('admin.users.editTitle', { name: user.username }) : t('admin.users.newTitle')}
      okText={user ? t('admin.users.save') : t('admin.users.create')}
      cancelText={t('admin.users.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="admin-user-form">
        {mutation.isError ? (
          <Alert
            type="error"
            showIcon
            className="admin-form-error"
            message={errorMessage(mutation.error, t)}
            data-testid="admin-form-error"
          />
        ) : null}
        <Form.Item
          name="username"
          label={t('admin.users.username')}
          rules={[
            { required: !user, message: t('admin.users.usernameRequired') },
            { min: 3, max: 32, message: t('admin.users.usernameLength') },
            { pattern: /^[a-zA-Z0-9_.-]+$/, message: t('admin.users.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" disabled={!!user} />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.users.displayName')} rules={[{ max: 64 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true }]}>
          <Select
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
            onChange={(r: Role) => {
              if (r !== 'store_manager') form.setFieldValue('stores', []);
            }}
          />
        </Form.Item>
        <Form.Item
          name="stores"
          label={t('admin.users.stores')}
          extra={isStoreManager ? undefined : t('admin.users.storesHint')}
          rules={[
            {
              validator: (_, value: string[] | undefined) =>
                isStoreManager && (!value || value.length === 0)
                  ? Promise.reject(new Error(t('admin.users.storesRequired')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Select
            mode="multiple"
            allowClear
            disabled={!isStoreManager}
            loading={meta.isPending}
            options={storeOptions}
            optionFilterProp="label"
            placeholder={t('admin.users.storesPlaceholder')}
            maxTagCount="responsive"
          />
        </Form.Item>
        {user ? (
          <Form.Item name="disabled" label={t('admin.users.disabledLabel')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <PasswordField label={t('admin.users.password')} />
        )}
      </Form>
    </Modal>
  );
}
