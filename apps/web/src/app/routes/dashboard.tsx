import { ReloadOutlined } from '@ant-design/icons';
import type { FiltersMeta } from '@portrait/shared/meta';
import { useIsFetching } from '@tanstack/react-query';
import { Button, Col, Result, Row, Skeleton } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { preloadECharts } from '../../components/echart';
import { ChartCard } from '../../components/chart-card';
import { useMe } from '../../features/auth/api/get-me';
import { ChannelsPanel } from '../../features/channels/components/channels-panel';
import { ChurnPanel } from '../../features/churn/components/churn-panel';
import { SlippingAwayPanel } from '../../features/churn/components/slipping-away-panel';
import { ValuePanel } from '../../features/churn/components/value-panel';
import { csvUrl, type CustomerListSource } from '../../features/customer-lists/utils/list-source';
import { FilterBar, preloadDateRangeField } from '../../features/filters/components/filter-bar';
import { useFiltersMeta } from '../../features/filters/api/get-filters-meta';
import { useFilters } from '../../features/filters/hooks/use-filters';
import { HourlyPanel } from '../../features/hours/components/hourly-panel';
import { KpiCards } from '../../features/kpis/components/kpi-cards';
import { TopProductsPanel } from '../../features/products/components/top-products-panel';
import { SegmentDonut } from '../../features/segments/components/segment-donut';
import { SuggestionsPanel } from '../../features/suggestions/components/suggestions-panel';
import { errorMessage } from '../../lib/error-message';
import { currentLang } from '../../lib/i18n';
import { useCompact } from '../../lib/use-compact';

// The map and the Sankey (and their ECharts parts and GeoJSON) load on demand, outside the first-load bundle.
const GeoPanel = lazy(() =>
  import('../../features/geo/components/geo-panel').then((m) => ({ default: m.GeoPanel })),
);
const PathsPanel = lazy(() =>
  import('../../features/paths/components/paths-panel').then((m) => ({ default: m.PathsPanel })),
);
// The drawer (and antd's Table and Drawer) load on the first list opened, not with the dashboard.
const CustomerListDrawer = lazy(() =>
  import('../../features/customer-lists/components/customer-list-drawer').then((m) => ({
    default: m.CustomerListDrawer,
  })),
);

/**
 * The analysis page: filters, KPI cards, churn risk, four chart cards (two per row on a desktop), the AI marketing
 * suggestions, then the map and the paths; segment and suggestion customer lists open in a drawer.
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
  const seesCustomers = role === 'admin' || role === 'analyst' || role === 'store_manager';
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
        <Col xs={24} lg={12} xl={seesCustomers ? 8 : 12}>
          <ChurnPanel scope={scope} compact={compact} />
        </Col>
        {seesCustomers ? (
          <Col xs={24} lg={12} xl={8}>
            <SlippingAwayPanel scope={scope} compact={compact} />
          </Col>
        ) : null}
        <Col xs={24} lg={seesCustomers ? 24 : 12} xl={seesCustomers ? 8 : 12}>
          <ValuePanel scope={scope} compact={compact} />
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="chart-grid">
        <Col xs={24} xl={12}>
          <SegmentDonut
            scope={scope}
            compact={compact}
            onSegmentClick={
              seesCustomers ? (segment) => openList({ kind: 'segment', segment, scope }) : undefined
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
              decide: seesCustomers,
              seeCustomers: seesCustomers,
              regenerate: role === 'admin' || role === 'analyst',
            }}
            csrfToken={me?.csrfToken ?? ''}
            onViewCustomers={({ id, title }) => openList({ kind: 'suggestion', id, title })}
            csvHref={(id) => csvUrl({ kind: 'suggestion', id, title: '' }, currentLang(i18n))}
          />
        </Col>
        <Col xs={24}>
          <Suspense
            fallback={<ChartCard name="geo" title={t('geo.title')} state="loading" bodyHeight={360} />}
          >
            <GeoPanel scope={scope} compact={compact} cities={meta.cities} onCities={api.setCities} />
          </Suspense>
        </Col>
        <Col xs={24}>
          <Suspense
            fallback={<ChartCard name="paths" title={t('paths.title')} state="loading" bodyHeight={360} />}
          >
            <PathsPanel scope={scope} compact={compact} />
          </Suspense>
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
