import type { Geo, GeoCity, GeoProvince } from '@portrait/shared/geo';
import { canonicalProvinceName } from '@portrait/shared/provinces';
import type { Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { areaCustomers, cityPoints, storeSales, type StoreArea } from '../../db/queries/geo';
import { scopeKey, type ResultCache } from '../../lib/result-cache';
import { englishCityName } from '../meta/english-city-name';
import { round2 } from '../portrait/kpis';
import type { AreaFigures } from '../customer-columns/area-figures';
import type { CustomerColumnsService } from '../customer-columns/customer-columns-service';
import type { Allowed, ScopeResolver } from '../portrait/scope-resolver';

/** `cents`: the area's revenue in integer cents, so the sum does not depend on the order the stores come in. */
type Totals = { customers: number; lifetimeRevenue: number; cents: number; orders: number };
const zero = (): Totals => ({ customers: 0, lifetimeRevenue: 0, cents: 0, orders: 0 });

const figures = (t: Totals) => ({
  customers: t.customers,
  ltv: t.customers > 0 ? round2(t.lifetimeRevenue / t.customers) : null,
  revenue: round2(t.cents / 100),
  orders: t.orders,
});

/** Largest revenue first, then name: the order the ranked table starts in. */
const byRevenue =
  <T extends { revenue: number }>(name: (x: T) => string) =>
  (a: T, b: T) =>
    b.revenue - a.revenue || name(a).localeCompare(name(b), 'zh-CN');

/**
 * The geographic heatmap: every province and city with a store in the scope (zeros where nothing was sold),
 * provinces under their official names so `广东` and `广东省` in one data set count as one. The store sales and
 * area customers come from the in-memory columns when they hold the request's data version (identical figures),
 * else from the SQL.
 */
export function createGeoService(deps: {
  db: Db;
  scopes: ScopeResolver;
  cache: ResultCache;
  columns?: Pick<CustomerColumnsService, 'geo'>;
}) {
  const { db, scopes, cache, columns } = deps;
  const { catalog } = scopes;

  async function geo(scope: Scope, allowed: Allowed): Promise<Geo> {
    const { version, stores } = await scopes.resolve(scope, allowed);
    return cache.get(scopeKey(version, 'geo', scope, stores), async () => {
      const inScope = stores === null ? null : new Set(stores);
      const areas: StoreArea[] = (await catalog.stores(version))
        .filter((s) => inScope === null || inScope.has(s.id))
        .map((s) => ({ storeId: s.id, city: s.city, province: canonicalProvinceName(s.province) }));
      const sources = columns?.geo(version, scope, areas) ?? {
        sales: await storeSales(db, scope, stores),
        customers: await areaCustomers(db, scope, areas),
      };
      return computeGeo(db, sources, areas);
    });
  }

  return { geo };
}
export type GeoService = ReturnType<typeof createGeoService>;

async function computeGeo(db: Db, sources: AreaFigures, areas: StoreArea[]): Promise<Geo> {
  const provinces = new Map<string, Totals>();
  const cities = new Map<string, Totals & { province: string }>();
  const areaOf = new Map(areas.map((a) => [a.storeId, a]));
  for (const a of areas) {
    if (!provinces.has(a.province)) provinces.set(a.province, zero());
    if (!cities.has(a.city)) cities.set(a.city, { ...zero(), province: a.province });
  }

  for (const sale of sources.sales) {
    const a = areaOf.get(sale.storeId);
    if (!a) continue;
    for (const t of [provinces.get(a.province), cities.get(a.city)]) {
      if (!t) continue;
      t.orders += sale.orders;
      // Each store's revenue is an exact cents sum divided by 100: ×100 and rounding gives the cents back.
      t.cents += Math.round(sale.revenue * 100);
    }
  }
  for (const row of sources.customers) {
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
