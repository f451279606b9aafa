import { ReloadOutlined } from '@ant-design/icons';
import type { FiltersMeta } from '@portrait/shared/meta';
import { Button, Col, Result, Row, Skeleton } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { preloadECharts } from '../../components/echart';
import { ChartCard } from '../../components/chart-card';
import { useMe } from '../../features/auth/api/get-me';
import { ChannelsPanel } from '../../features/channels/components/channels-panel';
import { ChurnPanel } from '../../features/churn/components/churn-panel';
import { SlippingAwayPanel } from '../../features/churn/components/slipping-away-panel';
import { ValuePanel } from '../../features/churn/components/value-panel';
import { FilterBar, preloadDateRangeField } from '../../features/filters/components/filter-bar';
import { useFiltersMeta } from '../../features/filters/api/get-filters-meta';
import { useFilters } from '../../features/filters/hooks/use-filters';
import { HourlyPanel } from '../../features/hours/components/hourly-panel';
import { KpiCards } from '../../features/kpis/components/kpi-cards';
import { TopProductsPanel } from '../../features/products/components/top-products-panel';
import { SegmentDonut } from '../../features/segments/components/segment-donut';
import { errorMessage } from '../../lib/error-message';
import { useCompact } from '../../lib/use-compact';

// The map and the Sankey (and their ECharts parts and GeoJSON) load on demand, outside the first-load bundle.
const GeoPanel = lazy(() =>
  import('../../features/geo/components/geo-panel').then((m) => ({ default: m.GeoPanel })),
);
const PathsPanel = lazy(() =>
  import('../../features/paths/components/paths-panel').then((m) => ({ default: m.PathsPanel })),
);

/** The analysis page: filters, KPI cards, four chart cards (two per row on a desktop), then the map and the paths. */
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
  const { t } = useTranslation();
  const compact = useCompact();
  const api = useFilters(meta);
  const { scope } = api;
  // Executives see aggregates only: the customer list is not even requested for them.
  const seesCustomers = useMe().data?.user.role !== 'executive';

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
          <SegmentDonut scope={scope} compact={compact} />
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
    </div>
  );
}
