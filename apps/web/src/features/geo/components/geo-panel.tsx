import { GlobalOutlined } from '@ant-design/icons';
import { GEO_METRICS, type GeoMetric } from '@portrait/shared/geo';
import type { CityOption } from '@portrait/shared/meta';
import type { Scope } from '@portrait/shared/scope';
import { Button, Segmented } from 'antd';
import type { ECElementEvent } from 'echarts/core';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useSearchParamEnum } from '../../../lib/use-search-param';
import { useGeo } from '../api/get-geo';
import { buildGeoOption, GEO_MAP_HEIGHT } from '../utils/build-geo-option';
import { citiesOfProvince, geoClickTarget, geoIsEmpty, rankAreas } from '../utils/geo-areas';
import { GeoTable } from './geo-table';
import './geo-panel.css';

const GeoMapCanvas = lazy(() => import('./geo-map-canvas'));
/** On a phone the table comes first: its top rows, so the map stays within a thumb's reach. */
const PHONE_TABLE_ROWS = 8;

export type GeoPanelProps = {
  scope: Scope;
  compact: boolean;
  /** The cities the user may pick (a province click narrows to those of it). */
  cities: readonly CityOption[];
  onCities: (cities: string[]) => void;
};

/** The geographic heatmap: provinces shaded by LTV / customers / revenue, city bubbles, a ranked table. */
export function GeoPanel({ scope, compact, cities, onCities }: GeoPanelProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [metric, setMetric] = useSearchParamEnum<GeoMetric>('geoBy', GEO_METRICS, 'ltv');
  const query = useGeo(scope);
  const data = query.data;
  const state = panelState(query, geoIsEmpty);
  const height = compact ? GEO_MAP_HEIGHT.compact : GEO_MAP_HEIGHT.regular;
  const option = useMemo(
    () =>
      data
        ? buildGeoOption(data, metric, {
            t,
            f,
            compact,
            focused: scope.cities.length > 0 || scope.stores.length > 0,
          })
        : null,
    [data, metric, t, f, compact, scope.cities.length, scope.stores.length],
  );
  const ranked = useMemo(() => (data ? rankAreas(data, metric) : []), [data, metric]);

  const narrow = useCallback(
    (kind: 'province' | 'city', name: string) => {
      const next = kind === 'city' ? [name] : citiesOfProvince(cities, name);
      if (next.length > 0) onCities(next);
    },
    [cities, onCities],
  );
  const onItemClick = useCallback(
    (params: ECElementEvent) => {
      if (!data) return;
      const target = geoClickTarget(params, data);
      if (target?.kind === 'city') narrow('city', target.city);
      else if (target?.kind === 'province') narrow('province', target.province);
    },
    [data, narrow],
  );

  return (
    <ChartCard
      name="geo"
      title={t('geo.title')}
      subtitle={compact ? t('geo.subtitleCompact') : t('geo.subtitle')}
      extra={
        <span className="geo-extra">
          {scope.cities.length > 0 ? (
            <Button
              size="small"
              type="text"
              icon={<GlobalOutlined />}
              aria-label={t('geo.wholeCountryAria')}
              data-testid="geo-whole-country"
              onClick={() => onCities([])}
            >
              {t('geo.wholeCountry')}
            </Button>
          ) : null}
          <Segmented<GeoMetric>
            size="small"
            aria-label={t('geo.metricAria')}
            data-testid="geo-metric"
            value={metric}
            onChange={setMetric}
            options={GEO_METRICS.map((m) => ({
              value: m,
              label: <span data-testid={`geo-by-${m}`}>{t(`geo.metrics.${m}`)}</span>,
            }))}
          />
        </span>
      }
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {option ? (
        <div className="geo-body">
          <div className="geo-map">
            <Suspense fallback={<div className="skeleton-block" style={{ height }} aria-hidden />}>
              <GeoMapCanvas
                option={option}
                height={height}
                ariaLabel={t('geo.mapAria')}
                testId="chart-geo"
                onItemClick={onItemClick}
              />
            </Suspense>
          </div>
          <div className="geo-table-wrap">
            <GeoTable
              ranked={ranked}
              metric={metric}
              compact={compact}
              scrollHeight={compact ? undefined : height - 40}
              limit={compact ? PHONE_TABLE_ROWS : undefined}
              onNarrow={narrow}
            />
          </div>
        </div>
      ) : null}
    </ChartCard>
  );
}
