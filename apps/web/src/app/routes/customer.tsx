import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';
import { LazyResult } from '../../components/lazy-result';

// Opened from the search box (which preloads it) or a customer list: loaded on demand. No Suspense boundary of
// its own: navigating from another page keeps that page on screen until this one can show (no spinner flash).
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
        <LazyResult
          status="403"
          title={t('customer360.page.executiveTitle')}
          subTitle={t('customer360.page.executiveHint')}
        />
      </div>
    );
  }
  return (
    <CustomerPage
      key={`${customerId}|${search.get('store') ?? ''}`}
      customerId={customerId}
      storeId={search.get('store')}
      limitedToStores={user?.role === 'store_manager'}
    />
  );
}
