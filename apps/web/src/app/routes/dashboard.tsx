import { ReloadOutlined } from '@ant-design/icons';
import type { FiltersMeta } from '@portrait/shared/meta';
import { Button, Skeleton } from 'antd';
import { lazy, Suspense, useDeferredValue, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeferredPanel } from '../../components/deferred-panel';
import { Grid, GridCell } from '../../components/grid';
import { useMe } from '../../features/auth/api/get-me';
import { csvUrl, type CustomerListSource } from '../../features/customer-lists/utils/list-source';
import { FilterBar, preloadDateRangeField } from '../../features/filters/components/filter-bar';
import { useFiltersMeta } from '../../features/filters/api/get-filters-meta';
import { useFilters } from '../../features/filters/hooks/use-filters';
import { CHURN_BODY_HEIGHT, SLIPPING_BODY_HEIGHT } from '../../features/churn/utils/panel-heights';
import { KpiCards } from '../../features/kpis/components/kpi-cards';
import { errorMessage } from '../../lib/error-message';
import { currentLang } from '../../lib/i18n';
import { useCompact } from '../../lib/use-compact';
import {
  ChannelsPanel,
  ChurnPanel,
  GeoPanel,
  HourlyPanel,
  PathsPanel,
  SegmentDonut,
  SlippingAwayPanel,
  SuggestionsPanel,
  TopProductsPanel,
  ValuePanel,
} from './dashboard-panels';
import { LazyResult } from '../../components/lazy-result';
import { useFirstViewHandOff } from '../../first-view/hand-off';

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
  // React Query's answers arrive as blocking renders (useSyncExternalStore): deferring the value lets React render
  // the whole dashboard it unlocks in short, interruptible slices instead of one long task.
  const metaData = useDeferredValue(meta.data);
  useFirstViewHandOff(meta.isError);

  useEffect(() => {
    // The date pickers load when the page is first idle, ahead of a click. ECharts is not fetched here: the chart
    // panels fetch it when they come near the screen, so on a phone it does not compete with the KPIs.
    preloadDateRangeField();
  }, []);

  if (meta.isError) {
    return (
      <div className="page">
        <LazyResult
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
  if (!metaData) return <DashboardPlaceholder />;
  return <Dashboard meta={metaData} />;
}

/** The filter bar and KPI cards loading, until the filters can be read. */
function DashboardPlaceholder() {
  return (
    <div className="page" aria-busy="true">
      <div className="filter-bar filter-bar-placeholder" data-testid="filter-bar">
        <Skeleton.Input active block />
      </div>
      <Grid>
        {Array.from({ length: 8 }, (_, i) => (
          <GridCell key={i} xs={12} lg={6}>
            <div className="skeleton-block kpi-skeleton" />
          </GridCell>
        ))}
      </Grid>
    </div>
  );
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
  // Placeholder height of a chart panel that has not come near the screen yet.
  const chartHeight = compact ? 240 : 300;
  // The first render of a bare `/` writes the default filters into the URL: the page renders once, after it.
  if (!api.urlSettled) return <DashboardPlaceholder />;

  return (
    <div className="page">
      <h2 className="visually-hidden">{t('app.dashboardTitle')}</h2>
      <div className="filter-sticky">
        <FilterBar meta={meta} api={api} compact={compact} />
      </div>
      <KpiCards scope={scope} />
      <Grid className="chart-grid">
        <GridCell xs={24} lg={12} xl={seesCustomers ? 8 : 12}>
          <DeferredPanel
            name="churn"
            title={t('churn.title')}
            bodyHeight={compact ? CHURN_BODY_HEIGHT.compact : CHURN_BODY_HEIGHT.regular}
          >
            <ChurnPanel scope={scope} compact={compact} />
          </DeferredPanel>
        </GridCell>
        {seesCustomers ? (
          <GridCell xs={24} lg={12} xl={8}>
            <DeferredPanel
              name="slipping"
              title={t('churn.slipping.title')}
              bodyHeight={compact ? SLIPPING_BODY_HEIGHT.compact : SLIPPING_BODY_HEIGHT.regular}
            >
              <SlippingAwayPanel scope={scope} compact={compact} />
            </DeferredPanel>
          </GridCell>
        ) : null}
        <GridCell xs={24} lg={seesCustomers ? 24 : 12} xl={seesCustomers ? 8 : 12}>
          <DeferredPanel name="value" title={t('churn.value.title')} bodyHeight={chartHeight}>
            <ValuePanel scope={scope} compact={compact} />
          </DeferredPanel>
        </GridCell>
      </Grid>
      <Grid className="chart-grid">
        <GridCell xs={24} xl={12}>
          <DeferredPanel name="segments" title={t('segments.title')} bodyHeight={chartHeight}>
            <SegmentDonut
              scope={scope}
              compact={compact}
              onSegmentClick={
                seesCustomers ? (segment) => openList({ kind: 'segment', segment, scope }) : undefined
              }
            />
          </DeferredPanel>
        </GridCell>
        <GridCell xs={24} xl={12}>
          <DeferredPanel name="hourly" title={t('hours.title')} bodyHeight={chartHeight}>
            <HourlyPanel scope={scope} compact={compact} />
          </DeferredPanel>
        </GridCell>
        <GridCell xs={24} xl={12}>
          <DeferredPanel name="top-products" title={t('products.title')} bodyHeight={chartHeight}>
            <TopProductsPanel scope={scope} compact={compact} />
          </DeferredPanel>
        </GridCell>
        <GridCell xs={24} xl={12}>
          <DeferredPanel name="channels" title={t('channels.title')} bodyHeight={chartHeight}>
            <ChannelsPanel scope={scope} compact={compact} />
          </DeferredPanel>
        </GridCell>
        <GridCell xs={24}>
          <DeferredPanel name="suggestions" title={t('suggestions.title')} bodyHeight={compact ? 200 : 240}>
            <SuggestionsPanel
              scope={scope}
              compact={compact}
              permissions={{
                decide: seesCustomers,
                seeCustomers: seesCustomers,
                regenerate: role === 'admin' || role === 'analyst',
              }}
              csrfToken={me?.csrfToken ?? ''}
              onViewCustomers={({ id, title }) => openList({ kind: 'suggestion', id, title })}
              csvHref={(id) => csvUrl({ kind: 'suggestion', id, title: '' }, currentLang(i18n))}
            />
          </DeferredPanel>
        </GridCell>
        <GridCell xs={24}>
          <DeferredPanel name="geo" title={t('geo.title')} bodyHeight={360}>
            <GeoPanel scope={scope} compact={compact} cities={meta.cities} onCities={api.setCities} />
          </DeferredPanel>
        </GridCell>
        <GridCell xs={24}>
          <DeferredPanel name="paths" title={t('paths.title')} bodyHeight={360}>
            <PathsPanel scope={scope} compact={compact} />
          </DeferredPanel>
        </GridCell>
      </Grid>
      {listOpened ? (
        <Suspense fallback={null}>
          <CustomerListDrawer source={list} onClose={() => setList(null)} compact={compact} />
        </Suspense>
      ) : null}
    </div>
  );
}
