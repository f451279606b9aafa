import { Spin } from 'antd';
import { lazy, Suspense } from 'react';

// Only admins open it, and it brings antd's Form, Modal and Table: loaded on demand.
const AdminPage = lazy(() =>
  import('../../features/admin/components/admin-page').then((m) => ({ default: m.AdminPage })),
);

export function AdminRoute() {
  return (
    <Suspense
      fallback={
        <div className="page-center" role="status">
          <Spin size="large" />
        </div>
      }
    >
      <AdminPage />
    </Suspense>
  );
}
