import { TeamOutlined } from '@ant-design/icons';
import type { Scope } from '@portrait/shared/scope';
import { SEGMENT_KEYS, type SegmentKey } from '@portrait/shared/segments';
import { Button, Dropdown } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { EChart } from '../../../components/echart';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useSegments } from '../api/get-segments';
import {
  buildSegmentsOption,
  orderedSegments,
  segmentLabel,
  segmentsChartHeight,
  segmentsTotal,
} from '../utils/build-segments-option';

type SegmentsPanelProps = {
  scope: Scope;
  compact: boolean;
  /** Opens a segment's customer list (slice click or the menu); absent for roles that see no customers. */
  onSegmentClick?: ((segment: SegmentKey) => void) | undefined;
  extra?: ReactNode;
};

/** RFM segment donut; `extra` sits in the card's header (the RFM / clusters switch), beside the list menu. */
export function SegmentsPanel({ scope, compact, extra, onSegmentClick }: SegmentsPanelProps) {
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
      extra={
        <>
          {extra}
          {onSegmentClick ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: SEGMENT_KEYS.map((key) => ({ key, label: segmentLabel(key, f.lang) })),
                onClick: ({ key }) => onSegmentClick(key as SegmentKey),
              }}
            >
              <Button
                size="small"
                icon={<TeamOutlined />}
                aria-label={t('customerLists.openSegmentAria')}
                data-testid="segments-open-list"
              >
                {t('customerLists.openSegment')}
              </Button>
            </Dropdown>
          ) : null}
        </>
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
          ariaLabel={t('segments.chartAria')}
          testId="chart-segments"
          onItemClick={
            onSegmentClick && query.data
              ? (params) => {
                  if (typeof params.dataIndex !== 'number') return;
                  const row = orderedSegments(query.data)[params.dataIndex];
                  if (row) onSegmentClick(row.key);
                }
              : undefined
          }
        />
      ) : null}
    </ChartCard>
  );
}
