import type { Scope } from '@portrait/shared/scope';
import { Segmented } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { EChart } from '../../../components/echart';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { FitFailedMessage } from '../../churn/components/model-note';
import { useClusters } from '../api/get-clusters';
import { buildClustersOption, clustersChartHeight, clustersTotal } from '../utils/build-clusters-option';

export const SEGMENT_VIEWS = ['rfm', 'clusters'] as const;
export type SegmentView = (typeof SEGMENT_VIEWS)[number];

/** The RFM / clusters switch on the segment donut. */
export function SegmentViewSwitch({
  value,
  onChange,
}: {
  value: SegmentView;
  onChange: (v: SegmentView) => void;
}) {
  const { t } = useTranslation();
  return (
    <Segmented<SegmentView>
      size="small"
      value={value}
      onChange={onChange}
      aria-label={t('clusters.viewAria')}
      data-testid="segments-view"
      options={[
        { value: 'rfm', label: t('clusters.rfm') },
        { value: 'clusters', label: t('clusters.clusters') },
      ]}
    />
  );
}

/** k-means segments of the scope's active customers. */
export function ClustersPanel({
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
  const query = useClusters(scope);
  const data = query.data;
  const state = panelState(query, (d) => d.status === 'ready' && clustersTotal(d.clusters) === 0);
  const rows = data?.status === 'ready' ? data.clusters : null;
  const height = clustersChartHeight({ compact }, rows?.length ?? 4);
  const option = useMemo(
    () => (rows ? buildClustersOption(rows, { t, f, compact }) : null),
    [rows, t, f, compact],
  );

  return (
    <ChartCard
      name="segments"
      title={t('clusters.title')}
      subtitle={
        compact || data?.status !== 'ready' ? undefined : t('clusters.subtitle', { k: data.k ?? '—' })
      }
      extra={extra}
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {data?.status === 'fitting' ? (
        <div className="panel-message" style={{ height }} role="status" data-testid="model-fitting">
          <div className="panel-message-hint">{t('clusters.fitting')}</div>
        </div>
      ) : null}
      {data?.status === 'failed' ? <FitFailedMessage error={data.error} height={height} /> : null}
      {option ? (
        <EChart option={option} height={height} ariaLabel={t('clusters.chartAria')} testId="chart-clusters" />
      ) : null}
    </ChartCard>
  );
}
