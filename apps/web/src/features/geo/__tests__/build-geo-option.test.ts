import type { Geo } from '@portrait/shared/geo';
import type { MapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GeoComponentOption, VisualMapComponentOption } from 'echarts/components';
import { describe, expect, it } from 'vitest';
import { chartContext } from '../../../testing/chart-context';
import { bubbleSize, buildGeoOption, mapFocus, SHADES } from '../utils/build-geo-option';

const geo: Geo = {
  provinces: [
    { province: '广东省', customers: 300, ltv: 420.5, revenue: 90_000, orders: 2_000 },
    { province: '浙江省', customers: 100, ltv: 510, revenue: 40_000, orders: 800 },
    { province: '新疆维吾尔自治区', customers: 0, ltv: null, revenue: 0, orders: 0 },
    { province: '火星', customers: 5, ltv: 99, revenue: 500, orders: 6 },
  ],
  cities: [
    {
      city: '广州',
      cityEn: 'Guangzhou',
      province: '广东省',
      lat: 23.13,
      lng: 113.26,
      customers: 200,
      ltv: 400,
      revenue: 60_000,
      orders: 1_300,
    },
    {
      city: '深圳',
      cityEn: 'Shenzhen',
      province: '广东省',
      lat: 22.54,
      lng: 114.06,
      customers: 120,
      ltv: 450,
      revenue: 30_000,
      orders: 700,
    },
    {
      city: '杭州',
      cityEn: 'Hangzhou',
      province: '浙江省',
      lat: 30.27,
      lng: 120.16,
      customers: 100,
      ltv: 510,
      revenue: 40_000,
      orders: 800,
    },
    {
      city: '乌鲁木齐',
      cityEn: 'Urumqi',
      province: '新疆维吾尔自治区',
      lat: 43.83,
      lng: 87.62,
      customers: 0,
      ltv: null,
      revenue: 0,
      orders: 0,
    },
    {
      city: '无坐标',
      cityEn: '无坐标',
      province: '火星',
      lat: null,
      lng: null,
      customers: 5,
      ltv: 99,
      revenue: 500,
      orders: 6,
    },
  ],
};

const seriesOf = (option: ReturnType<typeof buildGeoOption>) => {
  const list = (Array.isArray(option.series) ? option.series : [option.series]) as (
    MapSeriesOption | ScatterSeriesOption
  )[];
  return {
    map: list.find((s) => s.type === 'map') as MapSeriesOption,
    cities: list.find((s) => s.type === 'scatter') as ScatterSeriesOption,
  };
};
const one = <T>(v: T | T[] | undefined): T => (Array.isArray(v) ? (v[0] as T) : (v as T));

describe('buildGeoOption', () => {
  it('When shaded by LTV, Then provinces land on their map names and one without customers stays unshaded', () => {
    const { map } = seriesOf(buildGeoOption(geo, 'ltv', chartContext('zh-CN')));
    expect(map.data).toEqual([
      { name: '广东', value: 420.5 },
      { name: '浙江', value: 510 },
      { name: '新疆', value: '-' },
    ]);
  });

  it('When the measure changes, Then the shading and the legend follow it, from the lowest to the highest area', () => {
    const option = buildGeoOption(geo, 'customers', chartContext('zh-CN'));
    expect(seriesOf(option).map.data).toContainEqual({ name: '广东', value: 300 });
    const legend = one(option.visualMap) as VisualMapComponentOption & {
      min: number;
      max: number;
      text: string[];
    };
    expect([legend.min, legend.max]).toEqual([0, 300]);
    expect(legend.text).toEqual(['300', '0']);
    const ltv = one(buildGeoOption(geo, 'ltv', chartContext('zh-CN')).visualMap) as {
      min: number;
      max: number;
      inRange: { color: string[] };
    };
    expect([ltv.min, ltv.max]).toEqual([420.5, 510]);
    expect(ltv.inRange.color).toEqual([...SHADES]);
  });

  it('When cities are drawn, Then each with coordinates is a bubble sized by its customers', () => {
    const { cities } = seriesOf(buildGeoOption(geo, 'ltv', chartContext('zh-CN')));
    const data = cities.data as { name: string; value: number[]; symbolSize: number }[];
    expect(data.map((d) => d.name)).toEqual(['广州', '深圳', '杭州', '乌鲁木齐']);
    expect(data[0]?.value).toEqual([113.26, 23.13, 200]);
    const sizes = data.map((d) => d.symbolSize);
    expect(sizes[0]).toBeGreaterThan(sizes[1] ?? Infinity);
    expect(sizes[1]).toBeGreaterThan(sizes[3] ?? Infinity);
    expect(bubbleSize(200, 200)).toBe(26);
    expect(bubbleSize(50, 200)).toBeCloseTo(6 + 20 * 0.5, 6);
  });

  it('When a province or city is hovered, Then the tooltip has all four figures, in the chosen language', () => {
    const option = buildGeoOption(geo, 'ltv', chartContext('en-US'));
    const tooltip = one(option.tooltip) as { formatter: (p: unknown) => string };
    const province = tooltip.formatter({ componentType: 'geo', name: '广东' });
    expect(province).toContain('Guangdong');
    for (const text of [
      'Customer LTV',
      '¥420.50',
      'Active customers',
      '300',
      'Revenue',
      '¥90,000.00',
      'Orders',
      '2,000',
    ])
      expect(province).toContain(text);
    const city = tooltip.formatter({ componentType: 'series', seriesType: 'scatter', name: '深圳' });
    expect(city).toContain('Shenzhen · Guangdong');
    expect(city).toContain('¥450.00');
    expect(tooltip.formatter({ componentType: 'geo', name: '西藏' })).toContain('No stores');
    const zh = one(buildGeoOption(geo, 'ltv', chartContext('zh-CN')).tooltip) as typeof tooltip;
    expect(zh.formatter({ componentType: 'series', seriesType: 'scatter', name: '深圳' })).toContain(
      '深圳 · 广东',
    );
  });

  it('When the map labels its city bubbles, Then they read in the chosen language', () => {
    const label = (lang: 'zh-CN' | 'en-US', name: string) => {
      const { cities } = seriesOf(buildGeoOption(geo, 'ltv', chartContext(lang)));
      const formatter = (cities.label as { formatter: (p: { name: string }) => string }).formatter;
      return formatter({ name });
    };
    expect(label('en-US', '乌鲁木齐')).toBe('Urumqi');
    expect(label('en-US', '杭州')).toBe('Hangzhou');
    expect(label('zh-CN', '杭州')).toBe('杭州');
    // A city the build-time table does not know (imported data) keeps its own name.
    expect(label('en-US', '无坐标')).toBe('无坐标');
  });

  it('When the scope was narrowed to nearby cities, Then the map looks at them; otherwise at the whole country', () => {
    const guangdong = geo.cities.filter((c) => c.province === '广东省');
    const focus = mapFocus(guangdong);
    expect(focus?.center[0]).toBeCloseTo(113.66, 2);
    expect(focus?.center[1]).toBeCloseTo(22.835, 3);
    expect(focus?.zoom).toBeGreaterThan(2);
    const narrowed = one(
      buildGeoOption({ ...geo, cities: guangdong }, 'ltv', { ...chartContext('zh-CN'), focused: true }).geo,
    ) as GeoComponentOption;
    expect(narrowed.zoom).toBe(focus?.zoom);
    const whole = one(buildGeoOption(geo, 'ltv', chartContext('zh-CN')).geo) as GeoComponentOption;
    expect(whole.zoom).toBe(1);
    expect(mapFocus(geo.cities)).toBeNull(); // 乌鲁木齐 to 广州: the whole country
  });
});
