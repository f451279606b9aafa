import type { Geo } from '@portrait/shared/geo';
import { describe, expect, it } from 'vitest';
import {
  cityName,
  citiesOfProvince,
  geoClickTarget,
  geoIsEmpty,
  provinceLabel,
  rankAreas,
} from '../utils/geo-areas';

const geo: Geo = {
  provinces: [
    { province: '广东省', customers: 300, ltv: 420, revenue: 90_000, orders: 2_000 },
    { province: '浙江省', customers: 100, ltv: 510, revenue: 40_000, orders: 800 },
    { province: '新疆维吾尔自治区', customers: 0, ltv: null, revenue: 0, orders: 0 },
  ],
  cities: [
    {
      city: '广州',
      cityEn: 'Guangzhou',
      province: '广东省',
      lat: 23.1,
      lng: 113.3,
      customers: 200,
      ltv: 400,
      revenue: 60_000,
      orders: 1_300,
    },
    {
      city: '深圳',
      cityEn: 'Shenzhen',
      province: '广东省',
      lat: 22.5,
      lng: 114.1,
      customers: 120,
      ltv: 450,
      revenue: 30_000,
      orders: 700,
    },
    {
      city: '杭州',
      cityEn: 'Hangzhou',
      province: '浙江省',
      lat: 30.3,
      lng: 120.2,
      customers: 100,
      ltv: 510,
      revenue: 40_000,
      orders: 800,
    },
    {
      city: '乌鲁木齐',
      cityEn: 'Urumqi',
      province: '新疆维吾尔自治区',
      lat: 43.8,
      lng: 87.6,
      customers: 0,
      ltv: null,
      revenue: 0,
      orders: 0,
    },
  ],
};

describe('geo areas', () => {
  it('When ranked by LTV, Then the highest comes first, areas without LTV last, and cities are ranked within', () => {
    const ranked = rankAreas(geo, 'ltv');
    expect(ranked.map((p) => [p.rank, p.province, p.mapName])).toEqual([
      [1, '浙江省', '浙江'],
      [2, '广东省', '广东'],
      [3, '新疆维吾尔自治区', '新疆'],
    ]);
    expect(ranked[1]?.cities.map((c) => [c.rank, c.city])).toEqual([
      [1, '深圳'],
      [2, '广州'],
    ]);
    expect(rankAreas(geo, 'revenue').map((p) => p.province)).toEqual([
      '广东省',
      '浙江省',
      '新疆维吾尔自治区',
    ]);
  });

  it('When a province is clicked, Then the scope narrows to the cities of it the user may pick, however spelled', () => {
    const cities = [
      { name: '广州', nameEn: 'Guangzhou', province: '广东省', stores: [] },
      { name: '深圳', nameEn: 'Shenzhen', province: '广东', stores: [] },
      { name: '杭州', nameEn: 'Hangzhou', province: '浙江省', stores: [] },
    ];
    expect(citiesOfProvince(cities, '广东省')).toEqual(['广州', '深圳']);
    expect(citiesOfProvince(cities, '新疆维吾尔自治区')).toEqual([]);
  });

  it('When the map reports a click, Then regions and bubbles the data knows become a province or a city', () => {
    expect(geoClickTarget({ componentType: 'geo', name: '广东' }, geo)).toEqual({
      kind: 'province',
      province: '广东省',
    });
    expect(geoClickTarget({ componentType: 'series', seriesType: 'map', name: '浙江' }, geo)).toEqual({
      kind: 'province',
      province: '浙江省',
    });
    expect(geoClickTarget({ componentType: 'series', seriesType: 'scatter', name: '深圳' }, geo)).toEqual({
      kind: 'city',
      city: '深圳',
    });
    expect(geoClickTarget({ componentType: 'geo', name: '西藏' }, geo)).toBeNull();
    expect(geoClickTarget({ componentType: 'geo', name: '南海诸岛' }, geo)).toBeNull();
    expect(geoClickTarget(null, geo)).toBeNull();
  });

  it('When names are shown, Then a city reads as the data has it in Chinese and as the BFF sent it in English', () => {
    const shenzhen = geo.cities[1]!;
    expect(cityName(shenzhen, 'zh-CN')).toBe('深圳');
    expect(cityName(shenzhen, 'en-US')).toBe('Shenzhen');
  });

  it('When names are shown, Then provinces read short in Chinese and in English otherwise', () => {
    expect(provinceLabel('内蒙古自治区', 'zh-CN')).toBe('内蒙古');
    expect(provinceLabel('内蒙古自治区', 'en-US')).toBe('Inner Mongolia');
    expect(provinceLabel('火星', 'en-US')).toBe('火星');
  });

  it('When nothing was sold, Then the panel is empty', () => {
    expect(geoIsEmpty(geo)).toBe(false);
    expect(
      geoIsEmpty({
        provinces: [{ province: '广东省', customers: 0, ltv: null, revenue: 0, orders: 0 }],
        cities: [],
      }),
    ).toBe(true);
    expect(geoIsEmpty({ provinces: [], cities: [] })).toBe(true);
  });
});
