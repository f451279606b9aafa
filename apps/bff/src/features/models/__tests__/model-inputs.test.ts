/**
 * The models' inputs, read by SQL from the derived tables, on a chain small enough to work out by hand.
 * A purchase is a day with ≥ 1 completed order in any store; t_x and T are whole days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import {
  customerHistories,
  customerIdRanges,
  lastPurchaseDay,
  purchaseDaysBetween,
} from '../../../db/queries/model-inputs';

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
  products: [],
  orders: [
    // c1: two orders on 03-01 (one purchase day, ¥30), then 03-05 (¥40, Meituan) and 03-08 at B (¥30, mini-program).
    { id: 'o1', customerId: 'c1', storeId: 'A', at: '2025-03-01 08:10', amount: 20 },
    { id: 'o2', customerId: 'c1', storeId: 'A', at: '2025-03-01 12:40', amount: 10 },
    { id: 'o3', customerId: 'c1', storeId: 'A', at: '2025-03-05 12:00', amount: 40, channel: 'meituan' },
    { id: 'o4', customerId: 'c1', storeId: 'B', at: '2025-03-08 18:00', amount: 30, channel: 'mini_program' },
    // Refunded: never a purchase.
    { id: 'o5', customerId: 'c1', storeId: 'A', at: '2025-03-09 12:00', amount: 99, status: 'refunded' },
    // c2: one purchase on the last day.
    { id: 'o6', customerId: 'c2', storeId: 'C', at: '2025-03-10 19:00', amount: 15 },
    // c3: one day at B, a later one at A: tied on days, so the home store is the later one, A.
    { id: 'o7', customerId: 'c3', storeId: 'B', at: '2025-03-02 12:00', amount: 25 },
    { id: 'o8', customerId: 'c3', storeId: 'A', at: '2025-03-03 12:00', amount: 35, channel: 'eleme' },
    // A guest counts for no customer.
    { id: 'o9', customerId: null, storeId: 'A', at: '2025-03-04 12:00', amount: 12 },
  ],
};

describe.each(databaseKinds())('Model inputs from the derived tables (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, chain);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When histories are read up to 03-10, Then x, t_x, T, spends, home store and channel counts are the hand-computed ones', async () => {
    expect(await lastPurchaseDay(database.db)).toBe('2025-03-10');
    const [range] = await customerIdRanges(database.db, 100);
    expect(range).toEqual({ lo: 'c1', hi: 'c3' });
    const rows = await customerHistories(database.db, { cutoff: '2025-03-10', lo: 'c1', hi: 'c3' });
    expect(rows).toEqual([
      {
        customerId: 'c1',
        purchaseDays: 3,
        firstDay: '2025-03-01',
        lastDay: '2025-03-08',
        tx: 7,
        T: 9,
        orders: 4,
        revenue: 100,
        repeatRevenue: 70,
        homeStoreId: 'A',
        homeCity: '杭州',
        deliveryOrders: 1,
        miniProgramOrders: 1,
      },
      {
        customerId: 'c2',
        purchaseDays: 1,
        firstDay: '2025-03-10',
        lastDay: '2025-03-10',
        tx: 0,
        T: 0,
        orders: 1,
        revenue: 15,
        repeatRevenue: 0,
        homeStoreId: 'C',
        homeCity: '成都',
        deliveryOrders: 0,
        miniProgramOrders: 0,
      },
      {
        customerId: 'c3',
        purchaseDays: 2,
        firstDay: '2025-03-02',
        lastDay: '2025-03-03',
        tx: 1,
        T: 8,
        orders: 2,
        revenue: 60,
        repeatRevenue: 35,
        homeStoreId: 'A',
        homeCity: '杭州',
        deliveryOrders: 1,
        miniProgramOrders: 0,
      },
    ]);
  });

  it('When the cut-off is 03-04, Then later days are left out and c2 has no history yet', async () => {
    const rows = await customerHistories(database.db, { cutoff: '2025-03-04', lo: 'c1', hi: 'c3' });
    expect(rows.map((r) => [r.customerId, r.purchaseDays, r.tx, r.T])).toEqual([
      ['c1', 1, 0, 3],
      ['c3', 2, 1, 2],
    ]);
  });

  it('When ids are split in batches of two, Then the batches cover every customer once, in order', async () => {
    const ranges = await customerIdRanges(database.db, 2);
    expect(ranges).toEqual([
      { lo: 'c1', hi: 'c2' },
      { lo: 'c3', hi: 'c3' },
    ]);
    const ids = [];
    for (const r of ranges)
      ids.push(
        ...(await customerHistories(database.db, { cutoff: '2025-03-10', ...r })).map((h) => h.customerId),
      );
    expect(ids).toEqual(['c1', 'c2', 'c3']);
  });

  it('When purchase days after 03-04 are counted, Then c1 has two (03-05, 03-08) and c2 one', async () => {
    const days = await purchaseDaysBetween(database.db, {
      after: '2025-03-04',
      upTo: '2025-03-10',
      lo: 'c1',
      hi: 'c3',
    });
    expect(Object.fromEntries(days)).toEqual({ c1: 2, c2: 1 });
  });
});
