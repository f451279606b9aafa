import { TOP_PRODUCTS_BY, type TopProductsBy } from '@portrait/shared/portrait';
import type { Scope } from '@portrait/shared/scope';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { EChart } from '../../../components/echart';
import { MetricSwitch } from '../../../components/metric-switch';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useSearchParamEnum } from '../../../lib/use-search-param';
import { useTopProducts } from '../api/get-top-products';
import { buildTopProductsOption, TOP_PRODUCTS_CHART_HEIGHT } from '../utils/build-top-products-option';

/** Top-10 products by quantity or revenue (`?by=`). */
export function TopProductsPanel({ scope, compact }: { scope: Scope; compact: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [by, setBy] = useSearchParamEnum<TopProductsBy>('by', TOP_PRODUCTS_BY, 'quantity');
  const query = useTopProducts(scope, by);
  const state = panelState(query, (rows) => rows.length === 0);
  const height = compact ? TOP_PRODUCTS_CHART_HEIGHT.compact : TOP_PRODUCTS_CHART_HEIGHT.regular;
  const option = useMemo(
    () => (query.data ? buildTopProductsOption(query.data, by, { t, f, compact }) : null),
    [query.data, by, t, f, compact],
  );

  return (
    <ChartCard
      name="top-products"
      title={t('products.title')}
      subtitle={
        compact
          ? undefined
          : by === 'revenue'
            ? t('products.subtitleRevenue')
            : t('products.subtitleQuantity')
      }
      extra={
        <MetricSwitch<TopProductsBy>
          ariaLabel={t('products.byAria')}
          testId="top-products-by"
          value={by}
          onChange={setBy}
          options={[
            { value: 'quantity', label: t('products.byQuantity'), testId: 'by-quantity' },
            { value: 'revenue', label: t('products.byRevenue'), testId: 'by-revenue' },
          ]}
        />
      }
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {option ? (
        <EChart
          option={option}
          height={height}
          ariaLabel={t('products.chartAria')}
          testId="chart-top-products"
        />
      ) : null}
    </ChartCard>
  );
}
