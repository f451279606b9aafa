import type { Geo, GeoCity, GeoProvince } from '@portrait/shared/geo';
import { canonicalProvinceName } from '@portrait/shared/provinces';
import type { Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { areaCustomers, cityPoints, storeSales, type StoreArea } from '../../db/queries/geo';
import { scopeKey, type ResultCache } from '../../lib/result-cache';
import { englishCityName } from '../meta/english-city-name';
import { round2 } from '../portrait/kpis';
import type { Allowed, ScopeResolver } from '../portrait/scope-resolver';

type Totals = { customers: number; lifetimeRevenue: number; revenue: number; orders: number };
const zero = (): Totals => ({ customers: 0, lifetimeRevenue: 0, revenue: 0, orders: 0 });

const figures = (t: Totals) => ({
  customers: t.customers,
  ltv: t.customers > 0 ? round2(t.lifetimeRevenue / t.customers) : null,
  revenue: round2(t.revenue),
  orders: t.orders,
});

/** Largest revenue first, then name: the order the ranked table starts in. */
const byRevenue =
  <T extends { revenue: number }>(name: (x: T) => string) =>
  (a: T, b: T) =>
    b.revenue - a.revenue || name(a).localeCompare(name(b), 'zh-CN');

/**
 * The geographic heatmap: every province and city with a store in the scope (zeros where nothing was sold),
 * provinces under their official names so `广东` and `广东省` in one data set count as one.
 */
export function createGeoService(deps: { db: Db; scopes: ScopeResolver; cache: ResultCache }) {
  const { db, scopes, cache } = deps;
  const { catalog } = scopes;

  async function geo(scope: Scope, allowed: Allowed): Promise<Geo> {
    const { version, stores } = await scopes.resolve(scope, allowed);
    return cache.get(scopeKey(version, 'geo', scope, stores), async () => {
      const inScope = stores === null ? null : new Set(stores);
      const areas: StoreArea[] = (await catalog.stores(version))
        .filter((s) => inScope === null || inScope.has(s.id))
        .map((s) => ({ storeId: s.id, city: s.city, province: canonicalProvinceName(s.province) }));
      return computeGeo(db, scope, stores, areas);
    });
  }

  return { geo };
}
export type GeoService = ReturnType<typeof createGeoService>;

async function computeGeo(
  db: Db,
  scope: Scope,
  stores: readonly string[] | null,
  areas: StoreArea[],
): Promise<Geo> {
  const provinces = new Map<string, Totals>();
  const cities = new Map<string, Totals & { province: string }>();
  const areaOf = new Map(areas.map((a) => [a.storeId, a]));
  for (const a of areas) {
    if (!provinces.has(a.province)) provinces.set(a.province, zero());
    if (!cities.has(a.city)) cities.set(a.city, { ...zero(), province: a.province });
  }

  for (const sale of await storeSales(db, scope, stores)) {
    const a = areaOf.get(sale.storeId);
    if (!a) continue;
    for (const t of [provinces.get(a.province), cities.get(a.city)]) {
      if (!t) continue;
      t.orders += sale.orders;
      t.revenue += sale.revenue;
    }
  }
  for (const row of await areaCustomers(db, scope, areas)) {
    const t = row.level === 'province' ? provinces.get(row.province) : cities.get(row.city ?? '');
    if (!t) continue;
    t.customers = row.customers;
    t.lifetimeRevenue = row.lifetimeRevenue;
  }

  const points = await cityPoints(db, [...cities.keys()]);
  const provinceRows: GeoProvince[] = [...provinces].map(([province, t]) => ({ province, ...figures(t) }));
  const cityRows: GeoCity[] = [...cities].map(([city, t]) => ({
    city,
    cityEn: englishCityName(city),
    province: t.province,
    lat: points.get(city)?.lat ?? null,
    lng: points.get(city)?.lng ?? null,
    ...figures(t),
  }));
  return {
    provinces: provinceRows.sort(byRevenue((r) => r.province)),
    cities: cityRows.sort(byRevenue((r) => r.city)),
  };
}
