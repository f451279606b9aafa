import type { Scope } from '@portrait/shared/scope';
import { useMemo, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { EChart } from '../../../components/echart';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useChurn } from '../api/get-churn';
import { binCustomers, buildValueBinsOption, VALUE_CHART_HEIGHT } from '../utils/build-value-bins-option';
import { FitFailedMessage, FittingMessage } from './model-note';

/** Predicted 12-month value of the active customers, by value bin and risk band (same query as the gauge). */
export function ValuePanel({ scope, compact }: { scope: Scope; compact: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const query = useChurn(scope);
  // The answer renders in interruptible slices (see KpiCards), not as one blocking render.
  const data = useDeferredValue(query.data);
  const state = panelState(
    { data, isError: query.isError },
    (d) => d.status === 'ready' && d.figures.valueBins.every((b) => binCustomers(b) === 0),
  );
  const height = compact ? VALUE_CHART_HEIGHT.compact : VALUE_CHART_HEIGHT.regular;
  const option = useMemo(
    () => (data?.status === 'ready' ? buildValueBinsOption(data.figures.valueBins, { t, f, compact }) : null),
    [data, t, f, compact],
  );

  return (
    <ChartCard
      name="value"
      title={t('churn.value.title')}
      subtitle={compact ? undefined : t('churn.value.subtitle')}
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {data?.status === 'fitting' ? <FittingMessage text={t('churn.fitting')} height={height} /> : null}
      {data?.status === 'failed' ? <FitFailedMessage error={data.error} height={height} /> : null}
      {option ? (
        <EChart option={option} height={height} ariaLabel={t('churn.value.chartAria')} testId="chart-value" />
      ) : null}
    </ChartCard>
  );
}
