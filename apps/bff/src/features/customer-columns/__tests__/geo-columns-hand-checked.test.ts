/**
 * The geo figures from the columns on a chain worked out by hand (PRODUCT §4 LTV per area): a customer active in
 * two cities of one province counts once in the province, with their lifetime in both; spending before `from`
 * counts, after `to` does not; a customer with lifetime in an area but not active there in the period is not
 * counted there; a store without orders has no sales row. The SQL gives the same (PGlite and PostgreSQL).
 */
import { canonicalProvinceName } from '@portrait/shared/provinces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { areaCustomers, storeSales, type AreaCustomers, type StoreArea } from '../../../db/queries/geo';
import type { Period } from '../../../db/queries/portrait';
import { createLogger } from '../../../lib/logger';
import { createResultCache } from '../../../lib/result-cache';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { createGeoService } from '../../geo/geo-service';
import { createScopeResolver } from '../../portrait/scope-resolver';
import { createStoreCatalog } from '../../portrait/store-catalog';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';

// G1, G2 in 广州 and Z1 in 深圳 (both 广东省); H1 and E1 (no orders at all) in 杭州 (浙江省).
const chain: FixtureChain = {
  cities: [
    { name: '广州', province: '广东省' },
    { name: '深圳', province: '广东省' },
    { name: '杭州', province: '浙江省' },
  ],
  stores: [
    { id: 'G1', name: '广州天河店', city: '广州' },
    { id: 'G2', name: '广州北京路店', city: '广州' },
    { id: 'Z1', name: '深圳福田店', city: '深圳' },
    { id: 'H1', name: '杭州西湖店', city: '杭州' },
    { id: 'E1', name: '杭州滨江店', city: '杭州' },
  ],
  products: [],
  orders: [
    { id: 'o1', customerId: 'c1', storeId: 'G1', at: '2025-02-01 12:00', amount: 100.1 }, // before `from`
    { id: 'o2', customerId: 'c1', storeId: 'G1', at: '2025-03-02 12:00', amount: 50.2 },
    { id: 'o3', customerId: 'c1', storeId: 'Z1', at: '2025-03-05 12:00', amount: 30.3 },
    { id: 'o4', customerId: 'c1', storeId: 'G1', at: '2025-03-12 12:00', amount: 10 }, // after `to`
    { id: 'o5', customerId: 'c2', storeId: 'Z1', at: '2025-01-10 12:00', amount: 80 }, // 深圳, not active there
    { id: 'o6', customerId: 'c2', storeId: 'G2', at: '2025-03-08 12:00', amount: 20.01 },
    { id: 'o7', customerId: 'c3', storeId: 'H1', at: '2025-03-03 12:00', amount: 40 },
    { id: 'o8', customerId: 'c3', storeId: 'H1', at: '2025-03-04 12:00', amount: 60 },
    { id: 'o9', customerId: 'c4', storeId: 'H1', at: '2025-02-15 12:00', amount: 500 }, // lifetime, inactive
    { id: 'o10', customerId: null, storeId: 'G1', at: '2025-03-06 12:00', amount: 25.05 }, // a guest
    { id: 'o11', customerId: 'c5', storeId: 'G1', at: '2025-03-09 12:00', amount: 999, status: 'cancelled' },
    { id: 'o12', customerId: 'c6', storeId: 'G1', at: '2025-03-11 12:00', amount: 70 }, // only after `to`
  ],
};

const PERIOD: Period = { from: '2025-03-01', to: '2025-03-10' };

const CUSTOMERS: AreaCustomers[] = [
  // 广州: c1 (100.1 + 50.2; the 03-12 order is after `to`), c2 (20.01; her 深圳 80 is not 广州's).
  { level: 'city', province: '广东省', city: '广州', customers: 2, lifetimeRevenue: 170.31 },
  // 深圳: c1 only (30.3); c2 bought there, but before the period.
  { level: 'city', province: '广东省', city: '深圳', customers: 1, lifetimeRevenue: 30.3 },
  // 杭州: c3 (40 + 60); c4 has 500 of lifetime but is not active in the period.
  { level: 'city', province: '浙江省', city: '杭州', customers: 1, lifetimeRevenue: 100 },
  // 广东省: c1 and c2 once each (not 2 + 1): c1 100.1 + 50.2 + 30.3, c2 80 + 20.01 → 280.61.
  { level: 'province', province: '广东省', city: null, customers: 2, lifetimeRevenue: 280.61 },
  { level: 'province', province: '浙江省', city: null, customers: 1, lifetimeRevenue: 100 },
];

// Completed orders in the period, guests included; E1 has none, so no row.
const SALES = [
  { storeId: 'G1', orders: 2, revenue: 75.25 },
  { storeId: 'G2', orders: 1, revenue: 20.01 },
  { storeId: 'H1', orders: 2, revenue: 100 },
  { storeId: 'Z1', orders: 1, revenue: 30.3 },
];

const byStore = <T extends { storeId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.storeId.localeCompare(b.storeId));
const byArea = (rows: AreaCustomers[]) =>
  [...rows].sort((a, b) =>
    `${a.level}|${a.city}|${a.province}`.localeCompare(`${b.level}|${b.city}|${b.province}`),
  );

describe.each(databaseKinds())('Geo figures from the columns on a hand-checked chain (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let columns: CustomerColumnsService;
  let version: number;
  let areas: StoreArea[];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, chain);
    version = await getDataVersion(database.db);
    columns = createCustomerColumns({ db: database.db, logger: createLogger('silent'), enabled: true });
    expect(await columns.ready(version)).toBe(true);
    areas = (await createStoreCatalog(database.db).stores(version)).map((s) => ({
      storeId: s.id,
      city: s.city,
      province: canonicalProvinceName(s.province),
    }));
  });
  afterAll(async () => {
    await columns?.stop();
    await database?.dispose();
  });

  it('When the chain is asked, Then the columns and the SQL give the hand counts', async () => {
    const fromColumns = columns.geo(version, PERIOD, areas);
    expect(byArea(fromColumns!.customers)).toEqual(byArea(CUSTOMERS));
    expect(byStore(fromColumns!.sales)).toEqual(SALES);
    expect(byArea(await areaCustomers(database.db, PERIOD, areas))).toEqual(byArea(CUSTOMERS));
    expect(byStore(await storeSales(database.db, PERIOD, null))).toEqual(SALES);
  });

  it('When the areas put one city in two provinces, Then the columns leave it to the SQL', () => {
    const split = areas.map((a) => (a.storeId === 'G2' ? { ...a, province: '浙江省' } : a));
    expect(columns.geo(version, PERIOD, split)).toBeNull();
  });

  it('When only the store without orders is asked, Then there are no rows', () => {
    expect(
      columns.geo(
        version,
        PERIOD,
        areas.filter((a) => a.storeId === 'E1'),
      ),
    ).toEqual({
      sales: [],
      customers: [],
    });
  });

  it('When one day is asked, Then only the customers of that day count, with their lifetime up to it', async () => {
    const day = { from: '2025-03-11', to: '2025-03-11' };
    // c6's only order: active in 广州 and 广东省 with 70; c1's 03-12 order is after this `to`, so c1 is not active.
    const want = byArea([
      { level: 'city', province: '广东省', city: '广州', customers: 1, lifetimeRevenue: 70 },
      { level: 'province', province: '广东省', city: null, customers: 1, lifetimeRevenue: 70 },
    ]);
    expect(byArea(columns.geo(version, day, areas)!.customers)).toEqual(want);
    expect(byArea(await areaCustomers(database.db, day, areas))).toEqual(want);
  });

  it('When the heatmap is built, Then the columns and the SQL give the same, 广东省 counting c1 once', async () => {
    const resolver = createScopeResolver(database.db, createStoreCatalog(database.db));
    const cache = () => createResultCache({ enabled: false });
    const scope = { ...PERIOD, cities: [], stores: [] };
    const fromColumns = await createGeoService({
      db: database.db,
      scopes: resolver,
      cache: cache(),
      columns,
    }).geo(scope, null);
    const fromSql = await createGeoService({ db: database.db, scopes: resolver, cache: cache() }).geo(
      scope,
      null,
    );
    expect(fromColumns).toEqual(fromSql);
    expect(fromColumns.provinces[0]).toEqual({
      province: '广东省',
      customers: 2,
      ltv: 140.31, // 280.61 / 2 = 140.305, rounded half up
      revenue: 125.56,
      orders: 4,
    });
    // 杭州 includes E1 with nothing sold: its figures are H1's.
    expect(fromColumns.cities.find((c) => c.city === '杭州')).toMatchObject({
      customers: 1,
      ltv: 100,
      orders: 2,
    });
  });
});
