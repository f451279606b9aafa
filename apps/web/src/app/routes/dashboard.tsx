import { ReloadOutlined } from '@ant-design/icons';
import type { FiltersMeta } from '@portrait/shared/meta';
import { useIsFetching } from '@tanstack/react-query';
import { Button, Col, Result, Row, Skeleton } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { preloadECharts } from '../../components/echart';
import { useMe } from '../../features/auth/api/get-me';
import { ChannelsPanel } from '../../features/channels/components/channels-panel';
import { csvUrl, type CustomerListSource } from '../../features/customer-lists/utils/list-source';
import { FilterBar, preloadDateRangeField } from '../../features/filters/components/filter-bar';
import { useFiltersMeta } from '../../features/filters/api/get-filters-meta';
import { useFilters } from '../../features/filters/hooks/use-filters';
import { HourlyPanel } from '../../features/hours/components/hourly-panel';
import { KpiCards } from '../../features/kpis/components/kpi-cards';
import { TopProductsPanel } from '../../features/products/components/top-products-panel';
import { SegmentsPanel } from '../../features/segments/components/segments-panel';
import { SuggestionsPanel } from '../../features/suggestions/components/suggestions-panel';
import { errorMessage } from '../../lib/error-message';
import { currentLang } from '../../lib/i18n';
import { useCompact } from '../../lib/use-compact';

// The drawer (and antd's Table and Drawer) load on the first list opened, not with the dashboard.
const CustomerListDrawer = lazy(() =>
  import('../../features/customer-lists/components/customer-list-drawer').then((m) => ({
    default: m.CustomerListDrawer,
  })),
);

/**
 * The analysis page: filters, then KPI cards, then four chart cards, two per row on a desktop, then the AI
 * marketing suggestions; segment and suggestion customer lists open in a drawer.
 */
export function DashboardRoute() {
  const { t } = useTranslation();
  const meta = useFiltersMeta();

  useEffect(() => {
    // Both load in parallel with the first data requests instead of after them.
    preloadECharts();
    preloadDateRangeField();
  }, []);

  if (meta.isError) {
    return (
      <div className="page">
        <Result
          status="warning"
          title={t('app.metaErrorTitle')}
          subTitle={errorMessage(meta.error, t)}
          extra={
            <Button type="primary" icon={<ReloadOutlined />} onClick={() => void meta.refetch()}>
              {t('state.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (!meta.data) {
    return (
      <div className="page" aria-busy="true">
        <div className="filter-bar filter-bar-placeholder" data-testid="filter-bar">
          <Skeleton.Input active block />
        </div>
        <Row gutter={[16, 16]}>
          {Array.from({ length: 8 }, (_, i) => (
            <Col key={i} xs={12} lg={6}>
              <div className="skeleton-block kpi-skeleton" />
            </Col>
          ))}
        </Row>
      </div>
    );
  }
  return <Dashboard meta={meta.data} />;
}

function Dashboard({ meta }: { meta: FiltersMeta }) {
  const { t, i18n } = useTranslation();
  const compact = useCompact();
  const api = useFilters(meta);
  const { scope } = api;
  const me = useMe().data;
  const role = me?.user.role;
  // Executives see aggregates only: no customer lists anywhere (the BFF refuses them too).
  const seeCustomers = role === 'admin' || role === 'analyst' || role === 'store_manager';
  const [list, setList] = useState<CustomerListSource | null>(null);
  const [listOpened, setListOpened] = useState(false);
  const openList = (source: CustomerListSource) => {
    setListOpened(true);
    setList(source);
  };
  // The dashboard's own panels load first; the suggestions (the heaviest query) wait for them.
  const panelsLoading = useIsFetching({ queryKey: ['portrait'] }) > 0;

  return (
    <div className="page">
      <h2 className="visually-hidden">{t('app.dashboardTitle')}</h2>
      <div className="filter-sticky">
        <FilterBar meta={meta} api={api} compact={compact} />
      </div>
      <KpiCards scope={scope} />
      <Row gutter={[16, 16]} className="chart-grid">
        <Col xs={24} xl={12}>
          <SegmentsPanel
            scope={scope}
            compact={compact}
            onSegmentClick={
              seeCustomers ? (segment) => openList({ kind: 'segment', segment, scope }) : undefined
            }
          />
        </Col>
        <Col xs={24} xl={12}>
          <HourlyPanel scope={scope} compact={compact} />
        </Col>
        <Col xs={24} xl={12}>
          <TopProductsPanel scope={scope} compact={compact} />
        </Col>
        <Col xs={24} xl={12}>
          <ChannelsPanel scope={scope} compact={compact} />
        </Col>
        <Col xs={24}>
          <SuggestionsPanel
            scope={scope}
            compact={compact}
            deferred={panelsLoading}
            permissions={{
              decide: seeCustomers,
              seeCustomers,
              regenerate: role === 'admin' || role === 'analyst',
            }}
            csrfToken={me?.csrfToken ?? ''}
            onViewCustomers={({ id, title }) => openList({ kind: 'suggestion', id, title })}
            csvHref={(id) => csvUrl({ kind: 'suggestion', id, title: '' }, currentLang(i18n))}
          />
        </Col>
      </Row>
      {listOpened ? (
        <Suspense fallback={null}>
          <CustomerListDrawer source={list} onClose={() => setList(null)} compact={compact} />
        </Suspense>
      ) : null}
    </div>
  );
}
