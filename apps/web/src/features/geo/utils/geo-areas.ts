import type { GeoCity, Geo, GeoMetric, GeoProvince } from '@portrait/shared/geo';
import type { CityOption } from '@portrait/shared/meta';
import { canonicalProvinceName, provinceOf } from '@portrait/shared/provinces';
import type { Lang } from '../../../lib/i18n';

/** The figure an area is shaded and ranked by; LTV is null for an area without customers. */
export function metricValue(row: GeoProvince | GeoCity, metric: GeoMetric): number | null {
  return row[metric];
}

/** Largest first; areas without a value (no customers, so no LTV) last; ties by name. */
function byMetric<T extends GeoProvince | GeoCity>(metric: GeoMetric, name: (r: T) => string) {
  return (a: T, b: T) => {
    const va = metricValue(a, metric);
    const vb = metricValue(b, metric);
    if (va === null || vb === null)
      return va === vb ? name(a).localeCompare(name(b), 'zh-CN') : va === null ? 1 : -1;
    return vb - va || name(a).localeCompare(name(b), 'zh-CN');
  };
}

export type RankedProvince = GeoProvince & {
  rank: number;
  /** The map feature it shades (short Chinese name), null when the name is no province. */
  mapName: string | null;
  cities: (GeoCity & { rank: number })[];
};

/** Provinces ranked by `metric`, each with its cities ranked the same way (the table beside the map). */
export function rankAreas(data: Geo, metric: GeoMetric): RankedProvince[] {
  return [...data.provinces].sort(byMetric(metric, (p) => p.province)).map((p, i) => ({
    ...p,
    rank: i + 1,
    mapName: provinceOf(p.province)?.mapName ?? null,
    cities: data.cities
      .filter((c) => c.province === p.province)
      .sort(byMetric(metric, (c) => c.city))
      .map((c, j) => ({ ...c, rank: j + 1 })),
  }));
}

/** How a city is written on screen: as the data has it, or the English name the BFF sent with it. */
export function cityName(city: Pick<GeoCity, 'city' | 'cityEn'>, lang: Lang): string {
  return lang === 'zh-CN' ? city.city : city.cityEn;
}

/** How a province is written on screen: its short Chinese name, or its English name. */
export function provinceLabel(province: string, lang: Lang): string {
  const known = provinceOf(province);
  if (!known) return province;
  return lang === 'zh-CN' ? known.mapName : known.en;
}

/** The cities a click on `province` narrows the scope to: those of it the user may see. */
export function citiesOfProvince(cities: readonly CityOption[], province: string): string[] {
  const target = canonicalProvinceName(province);
  return cities.filter((c) => canonicalProvinceName(c.province) === target).map((c) => c.name);
}

/** Empty when nothing was sold anywhere in the scope. */
export function geoIsEmpty(data: Geo): boolean {
  return data.provinces.every((p) => p.orders === 0 && p.customers === 0);
}

/** What a click on the map means: a province (by its full name), a city, or nothing the data knows. */
export type GeoClick = { kind: 'province'; province: string } | { kind: 'city'; city: string } | null;

export function geoClickTarget(params: unknown, data: Geo): GeoClick {
  if (!params || typeof params !== 'object') return null;
  const p = params as { componentType?: unknown; seriesType?: unknown; name?: unknown };
  if (typeof p.name !== 'string') return null;
  const name = p.name;
  if (p.seriesType === 'scatter')
    return data.cities.some((c) => c.city === name) ? { kind: 'city', city: name } : null;
  if (p.componentType === 'geo' || p.seriesType === 'map') {
    const row = data.provinces.find((r) => provinceOf(r.province)?.mapName === name);
    return row ? { kind: 'province', province: row.province } : null;
  }
  return null;
}
