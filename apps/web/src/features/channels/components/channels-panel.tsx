import type { Scope } from '@portrait/shared/scope';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { EChart } from '../../../components/echart';
import { MetricSwitch } from '../../../components/metric-switch';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useSearchParamEnum } from '../../../lib/use-search-param';
import { useChannels } from '../api/get-channels';
import {
  buildChannelsOption,
  CHANNELS_CHART_HEIGHT,
  MIX_METRICS,
  mixTotal,
  type MixMetric,
} from '../utils/build-channels-option';

/** Channel mix and order-type mix (`?mix=orders|revenue`). */
export function ChannelsPanel({ scope, compact }: { scope: Scope; compact: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [metric, setMetric] = useSearchParamEnum<MixMetric>('mix', MIX_METRICS, 'orders');
  const query = useChannels(scope);
  const state = panelState(query, (d) => mixTotal(d.byChannel, 'orders') === 0);
  const height = compact ? CHANNELS_CHART_HEIGHT.compact : CHANNELS_CHART_HEIGHT.regular;
  const option = useMemo(
    () => (query.data ? buildChannelsOption(query.data, metric, { t, f, compact }) : null),
    [query.data, metric, t, f, compact],
  );

  return (
    <ChartCard
      name="channels"
      title={t('channels.title')}
      subtitle={compact ? undefined : t('channels.subtitle')}
      extra={
        <MetricSwitch<MixMetric>
          ariaLabel={t('channels.metricAria')}
          testId="channels-metric"
          value={metric}
          onChange={setMetric}
          options={[
            { value: 'orders', label: t('channels.orders'), testId: 'mix-orders' },
            { value: 'revenue', label: t('channels.revenue'), testId: 'mix-revenue' },
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
        <EChart option={option} height={height} ariaLabel={t('channels.chartAria')} testId="chart-channels" />
      ) : null}
    </ChartCard>
  );
}
