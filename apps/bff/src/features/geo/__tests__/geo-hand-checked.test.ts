/**
 * The geographic heatmap on a chain small enough to work out by hand (figures in the comments), including a
 * province spelled two ways (`广东省` and `广东`), a customer active in two cities of one province, and one whose
 * earlier spending in another city of the province counts in the province's LTV but not in the city's.
 */
import type { Geo } from '@portrait/shared/geo';
import type { Kpis } from '@portrait/shared/portrait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { getData, getJson, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

// G1, G2 in 广州 (广东省); Z1 in 深圳 (spelled 广东); H1 in 杭州 (浙江省). Scope: 2025-03-01..2025-03-10.
const chain: FixtureChain = {
  cities: [
    { name: '广州', province: '广东省' },
    { name: '深圳', province: '广东' },
    { name: '杭州', province: '浙江省' },
  ],
  stores: [
    { id: 'G1', name: '广州天河店', city: '广州' },
    { id: 'G2', name: '广州北京路店', city: '广州' },
    { id: 'Z1', name: '深圳福田店', city: '深圳' },
    { id: 'H1', name: '杭州西湖店', city: '杭州' },
  ],
  products: [],
  orders: [
    { id: 'o1', customerId: 'c1', storeId: 'G1', at: '2025-02-01 12:00', amount: 100 },
    { id: 'o2', customerId: 'c1', storeId: 'G1', at: '2025-03-02 12:00', amount: 50 },
    { id: 'o3', customerId: 'c1', storeId: 'Z1', at: '2025-03-05 12:00', amount: 30 },
    { id: 'o4', customerId: 'c1', storeId: 'G1', at: '2025-03-12 12:00', amount: 10 }, // after `to`
    { id: 'o5', customerId: 'c2', storeId: 'Z1', at: '2025-01-10 12:00', amount: 80 },
    { id: 'o6', customerId: 'c2', storeId: 'G2', at: '2025-03-08 12:00', amount: 20 },
    { id: 'o7', customerId: 'c3', storeId: 'H1', at: '2025-03-03 12:00', amount: 40 },
    { id: 'o8', customerId: 'c3', storeId: 'H1', at: '2025-03-04 12:00', amount: 60 },
    { id: 'o9', customerId: null, storeId: 'G1', at: '2025-03-06 12:00', amount: 25 }, // a guest
    { id: 'o10', customerId: 'c4', storeId: 'G1', at: '2025-03-09 12:00', amount: 999, status: 'cancelled' },
    { id: 'o11', customerId: 'c5', storeId: 'G1', at: '2025-03-11 12:00', amount: 70 }, // after `to`
  ],
};

const RANGE = 'from=2025-03-01&to=2025-03-10';

describe.each(databaseKinds())('Geographic heatmap on a hand-checked chain (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadFixtureChain(database, chain);
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  it('When the whole chain is asked for, Then each province and city has the figures worked out by hand', async () => {
    const geo = await getData<Geo>(server.api, `/api/v1/portrait/geo?${RANGE}`);
    // 广东 (both spellings, one province): active c1, c2. Lifetime in its stores up to 03-10:
    // c1 100 + 50 + 30 = 180; c2 80 (深圳, before the period) + 20 = 100 → LTV 280 / 2 = 140.
    // Orders o2, o3, o6, o9 (guest) = 4; revenue 50 + 30 + 20 + 25 = 125.
    expect(geo.provinces).toEqual([
      { province: '广东省', customers: 2, ltv: 140, revenue: 125, orders: 4 },
      { province: '浙江省', customers: 1, ltv: 100, revenue: 100, orders: 2 },
    ]);
    // 广州: c1 (100 + 50), c2 (20; her 深圳 spending is not 广州's) → 170 / 2; orders o2, o6, o9.
    // 深圳: c1 only (c2 bought there before the period) → 30. Largest revenue first.
    expect(geo.cities.map(({ lat: _lat, lng: _lng, ...rest }) => rest)).toEqual([
      {
        city: '杭州',
        cityEn: 'Hangzhou',
        province: '浙江省',
        customers: 1,
        ltv: 100,
        revenue: 100,
        orders: 2,
      },
      {
        city: '广州',
        cityEn: 'Guangzhou',
        province: '广东省',
        customers: 2,
        ltv: 85,
        revenue: 95,
        orders: 3,
      },
      { city: '深圳', cityEn: 'Shenzhen', province: '广东省', customers: 1, ltv: 30, revenue: 30, orders: 1 },
    ]);
  });

  it('When compared with the KPIs, Then revenue and orders add up and customers of all areas cover the active ones', async () => {
    const geo = await getData<Geo>(server.api, `/api/v1/portrait/geo?${RANGE}`);
    const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${RANGE}`);
    const sum = (
      rows: { revenue: number; orders: number; customers: number }[],
      k: 'revenue' | 'orders' | 'customers',
    ) => rows.reduce((s, r) => s + r[k], 0);
    expect(sum(geo.provinces, 'revenue')).toBe(kpis.revenue.value);
    expect(sum(geo.provinces, 'orders')).toBe(kpis.orders.value);
    expect(sum(geo.provinces, 'customers')).toBe(3);
    expect(kpis.activeCustomers.value).toBe(3);
    // c1 is active in two cities: the cities count her twice, the province once.
    expect(sum(geo.cities, 'customers')).toBe(4);
  });

  it("When the scope is one city, Then its province is restricted to that city's stores", async () => {
    const geo = await getData<Geo>(server.api, `/api/v1/portrait/geo?${RANGE}&city=深圳`);
    // Only Z1: c1 is active there (30); c2 only bought there before the period.
    expect(geo.provinces).toEqual([{ province: '广东省', customers: 1, ltv: 30, revenue: 30, orders: 1 }]);
    expect(geo.cities.map((c) => c.city)).toEqual(['深圳']);
  });

  it('When nothing was sold in the scope, Then the areas are listed with zeros and no LTV', async () => {
    const geo = await getData<Geo>(server.api, `/api/v1/portrait/geo?from=2024-01-01&to=2024-01-31`);
    expect(geo.provinces.map((p) => [p.province, p.customers, p.ltv, p.revenue, p.orders])).toEqual([
      ['广东省', 0, null, 0, 0],
      ['浙江省', 0, null, 0, 0],
    ]);
    expect(geo.cities).toHaveLength(3);
  });

  it("When a store manager asks, Then only their stores' areas appear and another city is refused", async () => {
    // The manager has the first two stores of the first city by store id: G1 and G2 (广州).
    expect(server.managerStores).toEqual(['G1', 'G2']);
    const manager = await server.as('manager');
    const geo = await getData<Geo>(manager, `/api/v1/portrait/geo?${RANGE}`);
    // c1 in G1: 100 + 50 = 150 (her 深圳 spending is outside the manager's stores); c2 in G2: 20 → 85.
    expect(geo.provinces).toEqual([{ province: '广东省', customers: 2, ltv: 85, revenue: 95, orders: 3 }]);
    expect(geo.cities.map((c) => c.city)).toEqual(['广州']);
    const foreign = await getJson(manager, `/api/v1/portrait/geo?${RANGE}&city=深圳`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.message).toMatch(/深圳/);
  });

  it('When the request is wrong, Then the answer is 400 with a message saying what', async () => {
    const cases: [string, RegExp][] = [
      ['to=2025-03-10', /from is required/],
      ['from=2025-03-10&to=2025-03-01', /is after to/],
      [`${RANGE}&city=火星`, /unknown city: 火星/],
    ];
    for (const [q, message] of cases) {
      const res = await getJson(server.api, `/api/v1/portrait/geo?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error?.message, q).toMatch(message);
    }
    expect((await getJson(await server.as('executive'), `/api/v1/portrait/geo?${RANGE}`)).status).toBe(200);
  });
});
