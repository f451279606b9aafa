/**
 * PRODUCT §4 on a chain small enough to compute by hand. The expected figures below were worked out on paper
 * from the fixture (see the comments), not produced by the code under test.
 */
import type { Channels, HourRow, Kpis, SegmentRow, TopProductRow } from '@portrait/shared/portrait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

// Stores A and B are in 杭州, C in 成都. Scope under test: 2025-03-01..2025-03-10 (previous: 02-19..02-28).
const chain: FixtureChain = {
  cities: [
    { name: '杭州', province: '浙江省' },
    { name: '成都', province: '四川省' },
  ],
  stores: [
    { id: 'A', name: '杭州西湖店', city: '杭州' },
    { id: 'B', name: '杭州滨江店', city: '杭州' },
    { id: 'C', name: '成都春熙路店', city: '成都' },
  ],
  products: [
    { id: 'P1', name: '经典热狗', category: '热狗' },
    { id: 'P2', name: '可乐', category: '饮品' },
  ],
  orders: [
    { id: 'o1', customerId: 'c1', storeId: 'A', at: '2025-02-20 12:10', amount: 100 },
    {
      id: 'o2',
      customerId: 'c1',
      storeId: 'A',
      at: '2025-03-02 12:30',
      amount: 50,
      channel: 'mini_program',
      orderType: 'pickup',
      items: [
        { productId: 'P1', quantity: 2, amount: 40 },
        { productId: 'P2', quantity: 1, amount: 10 },
      ],
    },
    {
      id: 'o3',
      customerId: 'c1',
      storeId: 'B',
      at: '2025-03-09 18:05',
      amount: 30,
      channel: 'meituan',
      orderType: 'delivery',
      items: [{ productId: 'P2', quantity: 3, amount: 30 }],
    },
    {
      id: 'o4',
      customerId: 'c2',
      storeId: 'A',
      at: '2025-03-10 12:45',
      amount: 200,
      items: [{ productId: 'P1', quantity: 10, amount: 200 }],
    },
    // Cancelled and refunded orders never count.
    { id: 'o5', customerId: 'c2', storeId: 'A', at: '2025-03-10 13:00', amount: 999, status: 'cancelled' },
    { id: 'o6', customerId: 'c3', storeId: 'C', at: '2025-03-05 08:15', amount: 20 },
    { id: 'o7', customerId: 'c3', storeId: 'C', at: '2025-03-06 08:20', amount: 20, status: 'refunded' },
    // A guest: counts in orders and revenue, never in customers.
    { id: 'o8', customerId: null, storeId: 'A', at: '2025-03-03 00:30', amount: 15 },
    // c4 bought once, long before: a total customer but not active.
    { id: 'o9', customerId: 'c4', storeId: 'B', at: '2025-01-15 12:00', amount: 40 },
  ],
};

const RANGE = 'from=2025-03-01&to=2025-03-10';

describe.each(databaseKinds())('Portrait metrics on a hand-checked chain (%s)', (kind) => {
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

  it('When the whole chain is asked for, Then every KPI follows PRODUCT §4', async () => {
    const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${RANGE}`);
    // Completed orders in range: o2 50, o3 30, o4 200, o6 20, o8 15 (guest).
    expect(kpis.orders).toEqual({ value: 5, previous: 1, change: 4 });
    expect(kpis.revenue).toEqual({ value: 315, previous: 100, change: 2.15 });
    expect(kpis.avgOrderValue.value).toBe(63);
    // Active: c1, c2, c3. c1 ordered twice → repurchase 1/3.
    expect(kpis.activeCustomers.value).toBe(3);
    expect(kpis.repurchaseRate.value).toBeCloseTo(1 / 3, 12);
    // Total on or before 03-10: c1, c2, c3, c4. Previous (on or before 02-28): c1, c4.
    expect(kpis.totalCustomers).toEqual({ value: 4, previous: 2, change: 1 });
    // New: first order in range: c2 (03-10), c3 (03-05); c1 first bought 02-20. Previous period: c1 is new.
    expect(kpis.newCustomers).toEqual({ value: 2, previous: 1, change: 1 });
    // LTV: c1 100+50+30 = 180, c2 200, c3 20 → 400 / 3.
    expect(kpis.ltv.value).toBe(133.33);
    expect(kpis.ltv.previous).toBe(100);
  });

  it('When the scope is one city, Then customers and LTV are restricted to its stores', async () => {
    const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${RANGE}&city=杭州`);
    expect(kpis.orders.value).toBe(4); // o2, o3, o4, o8
    expect(kpis.revenue.value).toBe(295);
    expect(kpis.activeCustomers.value).toBe(2); // c1, c2
    expect(kpis.totalCustomers.value).toBe(3); // c1, c2, c4
    expect(kpis.ltv.value).toBe(190); // (180 + 200) / 2
    const chengdu = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${RANGE}&store=C`);
    expect(chengdu.orders.value).toBe(1);
    expect(chengdu.newCustomers.value).toBe(1);
    expect(chengdu.repurchaseRate.value).toBe(0);
  });

  it('When segments are asked for, Then each active customer lands in the segment its R, F and M give', async () => {
    const segments = await getData<SegmentRow[]>(server.api, `/api/v1/portrait/segments?${RANGE}`);
    const byKey = Object.fromEntries(segments.map((s) => [s.key, s]));
    // R: c1 1 day, c2 0, c3 5 → mean 2. F: 2, 1, 1 → mean 4/3. M: 80, 200, 20 → mean 100.
    // c1 recent+frequent, low M → general_value; c2 recent, valuable → important_development; c3 → general_winback.
    expect(byKey.general_value).toEqual({ key: 'general_value', count: 1, revenue: 80 });
    expect(byKey.important_development).toEqual({ key: 'important_development', count: 1, revenue: 200 });
    expect(byKey.general_winback).toEqual({ key: 'general_winback', count: 1, revenue: 20 });
    expect(segments.reduce((sum, s) => sum + s.count, 0)).toBe(3);
  });

  it('When the hourly histogram is asked for, Then orders fall in their Asia/Shanghai hour', async () => {
    const hourly = await getData<HourRow[]>(server.api, `/api/v1/portrait/hourly?${RANGE}`);
    expect(hourly).toHaveLength(24);
    const at = (h: number) => hourly[h];
    expect(at(0)).toEqual({ hour: 0, orders: 1, revenue: 15, customers: 0 }); // the guest at 00:30
    expect(at(8)).toEqual({ hour: 8, orders: 1, revenue: 20, customers: 1 });
    expect(at(12)).toEqual({ hour: 12, orders: 2, revenue: 250, customers: 2 });
    expect(at(18)).toEqual({ hour: 18, orders: 1, revenue: 30, customers: 1 });
    expect(hourly.reduce((s, h) => s + h.orders, 0)).toBe(5);
  });

  it('When top products are ranked, Then quantity and revenue orders differ and shares are of the scope total', async () => {
    const byQty = await getData<TopProductRow[]>(server.api, `/api/v1/portrait/top-products?${RANGE}`);
    // P1: 2 + 10 = 12 pieces, ¥240. P2: 1 + 3 = 4 pieces, ¥40.
    expect(byQty.map((p) => [p.productId, p.quantity, p.revenue])).toEqual([
      ['P1', 12, 240],
      ['P2', 4, 40],
    ]);
    expect(byQty[0]?.share).toBeCloseTo(12 / 16, 12);
    const byRevenue = await getData<TopProductRow[]>(
      server.api,
      `/api/v1/portrait/top-products?${RANGE}&by=revenue&store=B`,
    );
    expect(byRevenue).toEqual([
      { productId: 'P2', name: '可乐', category: '饮品', quantity: 3, revenue: 30, share: 1 },
    ]);
  });

  it('When the channel mix is asked for, Then orders split by channel and by order type', async () => {
    const mix = await getData<Channels>(server.api, `/api/v1/portrait/channels?${RANGE}`);
    expect(mix.byChannel).toEqual([
      { key: 'pos', orders: 3, revenue: 235, customers: 2 },
      { key: 'meituan', orders: 1, revenue: 30, customers: 1 },
      { key: 'mini_program', orders: 1, revenue: 50, customers: 1 },
    ]);
    expect(mix.byOrderType).toEqual([
      { key: 'dine_in', orders: 3, revenue: 235, customers: 2 },
      { key: 'delivery', orders: 1, revenue: 30, customers: 1 },
      { key: 'pickup', orders: 1, revenue: 50, customers: 1 },
    ]);
  });

  it('When nothing was sold in the scope, Then figures are zero and ratios are null, not errors', async () => {
    const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?from=2024-01-01&to=2024-01-31`);
    expect(kpis.orders.value).toBe(0);
    expect(kpis.avgOrderValue.value).toBeNull();
    expect(kpis.repurchaseRate.value).toBeNull();
    expect(kpis.ltv.value).toBeNull();
    const segments = await getData<SegmentRow[]>(
      server.api,
      `/api/v1/portrait/segments?from=2024-01-01&to=2024-01-31`,
    );
    expect(segments.every((s) => s.count === 0)).toBe(true);
  });
});
