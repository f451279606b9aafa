import type { Scope } from '@portrait/shared/scope';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { EChart } from '../../../components/echart';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useSegments } from '../api/get-segments';
import { buildSegmentsOption, segmentsChartHeight, segmentsTotal } from '../utils/build-segments-option';

/** RFM segment donut; `extra` sits in the card's header (the RFM / clusters switch). */
export function SegmentsPanel({
  scope,
  compact,
  extra,
}: {
  scope: Scope;
  compact: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const query = useSegments(scope);
  const state = panelState(query, (rows) => segmentsTotal(rows) === 0);
  const height = segmentsChartHeight({ compact, f });
  const option = useMemo(
    () => (query.data ? buildSegmentsOption(query.data, { t, f, compact }) : null),
    [query.data, t, f, compact],
  );

  return (
    <ChartCard
      name="segments"
      title={t('segments.title')}
      subtitle={compact ? undefined : t('segments.subtitle')}
      extra={extra}
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {option ? (
        <EChart option={option} height={height} ariaLabel={t('segments.chartAria')} testId="chart-segments" />
      ) : null}
    </ChartCard>
  );
}
