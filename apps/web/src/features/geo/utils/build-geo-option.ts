import type { Geo, GeoCity, GeoMetric, GeoProvince } from '@portrait/shared/geo';
import { provinceOf } from '@portrait/shared/provinces';
import type { MapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  GeoComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import {
  baseTextStyle,
  baseTooltip,
  COLORS,
  fontSize,
  tooltipRow,
  tooltipTitle,
  type ChartContext,
} from '../../../lib/chart';
import { cityName, metricValue, provinceLabel } from './geo-areas';

/** The option shape of the map: the parts geo-map-canvas.tsx registers (and the title of the base set). */
export type GeoChartOption = ComposeOption<
  | MapSeriesOption
  | ScatterSeriesOption
  | GeoComponentOption
  | VisualMapComponentOption
  | TooltipComponentOption
  | TitleComponentOption
>;

/** The name the map of China is registered under (ECharts adds the 南海诸岛 inset to a map of this name). */
export const CHINA_MAP = 'china';
export const GEO_MAP_HEIGHT = { compact: 330, regular: 460 } as const;

/** Light to deep blue: more value, deeper colour. */
export const SHADES = ['#cfe6ff', '#91caff', '#4096ff', '#0958d9', '#002c8c'] as const;
const NO_STORE_FILL = '#f5f5f5';
const BUBBLE = '#fa8c16';
const BUBBLE_SIZE = { min: 6, max: 26 } as const;

export function formatMetric(metric: GeoMetric, value: number | null, f: ChartContext['f']): string {
  if (metric === 'customers') return f.compact(value);
  return f.currencyCompact(value);
}

/** Bubble diameter: area grows with customers (so the radius with their square root). */
export function bubbleSize(customers: number, maxCustomers: number): number {
  if (maxCustomers <= 0 || customers <= 0) return BUBBLE_SIZE.min - 2;
  return BUBBLE_SIZE.min + (BUBBLE_SIZE.max - BUBBLE_SIZE.min) * Math.sqrt(customers / maxCustomers);
}

function tooltipFor(title: string, row: GeoProvince | GeoCity, metric: GeoMetric, ctx: ChartContext): string {
  const { t, f } = ctx;
  const mark = (m: GeoMetric) => (m === metric ? COLORS.primary : undefined);
  return [
    tooltipTitle(title),
    tooltipRow(t('geo.ltv'), f.currency(row.ltv), mark('ltv')),
    tooltipRow(t('geo.customers'), f.integer(row.customers), mark('customers')),
    tooltipRow(t('geo.revenue'), f.currency(row.revenue), mark('revenue')),
    tooltipRow(t('geo.orders'), f.integer(row.orders)),
  ].join('');
}

/** The map's extent (lng, lat) at zoom 1, without the South China Sea inset. */
const CHINA_SPAN = { lng: 62, lat: 36 } as const;
/** Narrowest area a focused view shows, so one city still has its surroundings. */
const MIN_SPAN = { lng: 10, lat: 8 } as const;

/**
 * Where to look when the scope was narrowed to some cities: the centre of their bubbles and a zoom that fits
 * them with a margin. Null (the whole country) when nothing was narrowed or the cities lie far apart.
 */
export function mapFocus(cities: readonly GeoCity[]): { center: [number, number]; zoom: number } | null {
  const points = cities.flatMap((c) => (c.lat !== null && c.lng !== null ? [[c.lng, c.lat] as const] : []));
  if (points.length === 0) return null;
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const span = {
    lng: Math.max(MIN_SPAN.lng, (Math.max(...lngs) - Math.min(...lngs)) * 1.8),
    lat: Math.max(MIN_SPAN.lat, (Math.max(...lats) - Math.min(...lats)) * 1.8),
  };
  const zoom = Math.min(CHINA_SPAN.lng / span.lng, CHINA_SPAN.lat / span.lat);
  if (zoom < 1.5) return null;
  const mid = (xs: number[]) => (Math.max(...xs) + Math.min(...xs)) / 2;
  return { center: [mid(lngs), mid(lats)], zoom: Math.min(8, Math.round(zoom * 10) / 10) };
}

/**
 * Provinces shaded by `metric` (a visualMap legend shows the scale), cities as bubbles sized by customers,
 * tooltips with all four figures. Provinces without a store stay grey.
 */
export function buildGeoOption(
  data: Geo,
  metric: GeoMetric,
  ctx: ChartContext & { focused?: boolean },
): GeoChartOption {
  const { t, f, compact } = ctx;
  // Narrowed to some cities: look at them (their bubbles would overlap at the size of the whole country).
  const focus = ctx.focused ? mapFocus(data.cities) : null;
  const size = fontSize(ctx);
  const provinceByMap = new Map<string, GeoProvince>();
  for (const p of data.provinces) {
    const mapName = provinceOf(p.province)?.mapName;
    if (mapName) provinceByMap.set(mapName, p);
  }
  const shaded = [...provinceByMap].map(([name, row]) => ({ name, value: metricValue(row, metric) }));
  const values = shaded.flatMap((s) => (s.value === null ? [] : [s.value]));
  const max = values.length > 0 ? Math.max(...values) : 0;
  const lowest = values.length > 0 ? Math.min(...values) : 0;
  // A scale from the lowest to the highest area shows differences; one area alone is shaded against 0.
  const min = lowest < max ? lowest : 0;
  const cities = data.cities.filter((c) => c.lat !== null && c.lng !== null);
  const maxCustomers = Math.max(0, ...cities.map((c) => c.customers));
  const cityByName = new Map(data.cities.map((c) => [c.city, c]));

  return {
    textStyle: baseTextStyle(ctx),
    tooltip: {
      ...baseTooltip(ctx),
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { seriesType?: string; name?: string };
        const name = p.name ?? '';
        if (p.seriesType === 'scatter') {
          const city = cityByName.get(name);
          return city
            ? tooltipFor(
                `${cityName(city, f.lang)} · ${provinceLabel(city.province, f.lang)}`,
                city,
                metric,
                ctx,
              )
            : '';
        }
        const row = provinceByMap.get(name);
        if (!row) {
          const known = provinceOf(name);
          return `${tooltipTitle(known ? provinceLabel(known.name, f.lang) : name)}${tooltipRow(t('geo.noData'), '')}`;
        }
        return tooltipFor(provinceLabel(row.province, f.lang), row, metric, ctx);
      },
    },
    // The legend's caption, above its colour bar.
    title: {
      text: t(`geo.legend.${metric}`),
      left: compact ? 'center' : 8,
      bottom: 26,
      textStyle: { fontSize: size, fontWeight: 'normal', color: COLORS.textSecondary },
    },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min,
      max: Math.max(max, min + 1),
      orient: 'horizontal',
      left: compact ? 'center' : 8,
      bottom: 0,
      itemWidth: 10,
      itemHeight: compact ? 140 : 180,
      calculable: false,
      text: [formatMetric(metric, max, f), formatMetric(metric, min, f)],
      textGap: 6,
      textStyle: { fontSize: size, color: COLORS.textSecondary },
      inRange: { color: [...SHADES] },
    },
    geo: {
      map: CHINA_MAP,
      roam: false,
      ...(focus ? { center: focus.center, zoom: focus.zoom } : { center: undefined, zoom: 1 }),
      // Room at the bottom for the legend; ECharts keeps the map's aspect inside this box.
      top: 4,
      bottom: 48,
      left: 4,
      right: 4,
      label: { show: false },
      // Regions are drawn by the geo component (the map series only shades them): it carries their tooltips.
      tooltip: { show: true },
      itemStyle: { areaColor: NO_STORE_FILL, borderColor: '#bfbfbf', borderWidth: 0.6 },
      emphasis: {
        label: { show: !compact, fontSize: size, color: COLORS.text },
        itemStyle: { areaColor: '#ffe58f', borderColor: '#8c8c8c' },
      },
      select: { disabled: true },
    },
    series: [
      {
        id: 'provinces',
        type: 'map',
        geoIndex: 0,
        // '-' is ECharts' "no value": a province with stores but no LTV (no customers) stays unshaded.
        data: shaded.map((s) => ({ name: s.name, value: s.value ?? '-' })),
      },
      {
        id: 'cities',
        type: 'scatter',
        coordinateSystem: 'geo',
        data: cities.map((c) => ({
          name: c.city,
          value: [c.lng ?? 0, c.lat ?? 0, c.customers],
          symbolSize: bubbleSize(c.customers, maxCustomers),
        })),
        itemStyle: { color: BUBBLE, opacity: 0.85, borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { scale: 1.3, label: { show: true } },
        label: {
          show: !compact,
          position: 'right',
          formatter: (p: { name: string }) => {
            const city = cityByName.get(p.name);
            return city ? cityName(city, f.lang) : p.name;
          },
          fontSize: size - 1,
          color: COLORS.text,
          // A white halo keeps the name readable on a deep-blue province.
          textBorderColor: '#ffffff',
          textBorderWidth: 2,
        },
        labelLayout: { hideOverlap: true },
        zlevel: 1,
      },
    ],
  };
}
