import type { Scope } from '@portrait/shared/scope';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { EChart } from '../../../components/echart';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useHourly } from '../api/get-hourly';
import {
  buildHourlyOption,
  findPeakHours,
  HOURLY_CHART_HEIGHT,
  totalOrders,
} from '../utils/build-hourly-option';

/** Orders by hour of day with the peaks marked. */
export function HourlyPanel({ scope, compact }: { scope: Scope; compact: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const query = useHourly(scope);
  const state = panelState(query, (rows) => totalOrders(rows) === 0);
  const height = compact ? HOURLY_CHART_HEIGHT.compact : HOURLY_CHART_HEIGHT.regular;
  const option = useMemo(
    () => (query.data ? buildHourlyOption(query.data, { t, f, compact }) : null),
    [query.data, t, f, compact],
  );
  const peaks = query.data && state === 'ready' ? findPeakHours(query.data) : [];

  return (
    <ChartCard
      name="hourly"
      title={t('hours.title')}
      subtitle={
        peaks.length > 0
          ? t('hours.peakHours', {
              hours: peaks.map((h) => t('hours.hourLabel', { hour: String(h).padStart(2, '0') })).join(' / '),
            })
          : t('hours.subtitle')
      }
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {option ? (
        <EChart option={option} height={height} ariaLabel={t('hours.chartAria')} testId="chart-hourly" />
      ) : null}
    </ChartCard>
  );
}
