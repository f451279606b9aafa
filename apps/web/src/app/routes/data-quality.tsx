import { Spin } from 'antd';
import { lazy, Suspense } from 'react';

// Admins and analysts open it now and then: loaded on demand.
const QualityPage = lazy(() =>
  import('../../features/data-quality/components/quality-page').then((m) => ({ default: m.QualityPage })),
);

export function DataQualityRoute() {
  return (
    <Suspense
      fallback={
        <div className="page-center" role="status">
          <Spin size="large" />
        </div>
      }
    >
      <QualityPage />
    </Suspense>
  );
}
