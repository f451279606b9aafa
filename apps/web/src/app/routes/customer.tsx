import { Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';

// Opened from the search box or a customer list: loaded on demand.
const CustomerPage = lazy(() =>
  import('../../features/customer360/components/customer-page').then((m) => ({ default: m.CustomerPage })),
);

/** `/customers/:customerId[?store=…]`: one customer; executives see aggregates only (PRODUCT §5). */
export function CustomerRoute() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const [search] = useSearchParams();
  const me = useMe();
  const user = me.data?.user;
  if (user?.role === 'executive') {
    return (
      <div className="page">
        <Result
          status="403"
          title={t('customer360.page.executiveTitle')}
          subTitle={t('customer360.page.executiveHint')}
        />
      </div>
    );
  }
  return (
    <Suspense
      fallback={
        <div className="page-center" role="status">
          <Spin size="large" />
        </div>
      }
    >
      <CustomerPage
        key={`${customerId}|${search.get('store') ?? ''}`}
        customerId={customerId}
        storeId={search.get('store')}
        limitedToStores={user?.role === 'store_manager'}
      />
    </Suspense>
  );
}
