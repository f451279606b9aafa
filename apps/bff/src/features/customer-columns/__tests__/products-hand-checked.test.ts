/**
 * Top products from the in-memory copy of `product_store_days` on a hand-built chain, against lists worked out by
 * hand below (completed orders' items in the period and stores; ties by product id; a product missing from
 * `products` shows its id and no category) — and the SQL gives the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { topProducts, type Period, type TopProducts } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { createLogger } from '../../../lib/logger';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';

const item = (productId: string, quantity: number, amount: number) => ({ productId, quantity, amount });

const chain: FixtureChain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [
    { id: 'S1', name: '西湖店', city: '杭州' },
    { id: 'S2', name: '滨江店', city: '杭州' },
  ],
  products: [
    { id: 'A1', name: '豆浆', category: '饮品' },
    { id: 'A2', name: '油条', category: '早点' },
    { id: 'B1', name: '包子', category: '早点' },
  ],
  // Z9 is sold but missing from `products`.
  orders: [
    {
      id: 'o1',
      customerId: 'c1',
      storeId: 'S1',
      at: '2025-03-03 08:00',
      amount: 9.5,
      items: [item('A1', 2, 6), item('A2', 1, 3.5)],
    },
    {
      id: 'o2',
      customerId: 'c2',
      storeId: 'S1',
      at: '2025-03-04 08:30',
      amount: 9,
      items: [item('B1', 3, 9)],
    },
    {
      id: 'o3',
      customerId: null,
      storeId: 'S2',
      at: '2025-03-05 07:45',
      amount: 3.3,
      items: [item('A1', 1, 3), item('Z9', 3, 0.3)],
    },
    {
      id: 'o4',
      customerId: 'c1',
      storeId: 'S2',
      at: '2025-03-02 09:00',
      amount: 35,
      items: [item('A2', 10, 35)],
    },
    {
      id: 'o5',
      customerId: 'c3',
      storeId: 'S1',
      at: '2025-03-05 12:00',
      amount: 15,
      status: 'refunded',
      items: [item('B1', 5, 15)],
    },
    {
      id: 'o6',
      customerId: 'c3',
      storeId: 'S2',
      at: '2025-03-06 12:00',
      amount: 7.1,
      items: [item('A2', 2, 7.1)],
    },
  ],
};

const PERIOD: Period = { from: '2025-03-03', to: '2025-03-06' };

const A1 = { productId: 'A1', name: '豆浆', category: '饮品' };
const A2 = { productId: 'A2', name: '油条', category: '早点' };
const B1 = { productId: 'B1', name: '包子', category: '早点' };
const Z9 = { productId: 'Z9', name: 'Z9', category: '' };

type Case = {
  label: string;
  stores: StoreFilter;
  by: 'quantity' | 'revenue';
  limit: number;
  expected: TopProducts;
};

const NONE: TopProducts = { rows: [], totalQuantity: 0, totalRevenue: 0 };

const CASES: Case[] = [
  // Chain (o4 is before the period, o5 refunded): A1 2+1 = 3, 6.00+3.00; A2 1+2 = 3, 3.50+7.10; B1 3, 9.00;
  // Z9 3, 0.30. Totals 12, 28.90. All tie on quantity: by id. By revenue A1 and B1 tie at 9.00: A1 first.
  {
    label: 'the chain by quantity (all tied)',
    stores: null,
    by: 'quantity',
    limit: 10,
    expected: {
      rows: [
        { ...A1, quantity: 3, revenue: 9 },
        { ...A2, quantity: 3, revenue: 10.6 },
        { ...B1, quantity: 3, revenue: 9 },
        { ...Z9, quantity: 3, revenue: 0.3 },
      ],
      totalQuantity: 12,
      totalRevenue: 28.9,
    },
  },
  {
    label: 'the chain by revenue',
    stores: null,
    by: 'revenue',
    limit: 10,
    expected: {
      rows: [
        { ...A2, quantity: 3, revenue: 10.6 },
        { ...A1, quantity: 3, revenue: 9 },
        { ...B1, quantity: 3, revenue: 9 },
        { ...Z9, quantity: 3, revenue: 0.3 },
      ],
      totalQuantity: 12,
      totalRevenue: 28.9,
    },
  },
  {
    label: 'the chain, top 2 (totals still of the whole scope)',
    stores: null,
    by: 'quantity',
    limit: 2,
    expected: {
      rows: [
        { ...A1, quantity: 3, revenue: 9 },
        { ...A2, quantity: 3, revenue: 10.6 },
      ],
      totalQuantity: 12,
      totalRevenue: 28.9,
    },
  },
  // S1: A1 2, 6.00; A2 1, 3.50; B1 3, 9.00 (o5 refunded). Totals 6, 18.50.
  {
    label: 'S1 by quantity',
    stores: ['S1'],
    by: 'quantity',
    limit: 10,
    expected: {
      rows: [
        { ...B1, quantity: 3, revenue: 9 },
        { ...A1, quantity: 2, revenue: 6 },
        { ...A2, quantity: 1, revenue: 3.5 },
      ],
      totalQuantity: 6,
      totalRevenue: 18.5,
    },
  },
  // S2 (o4 before the period): A1 1, 3.00; Z9 3, 0.30; A2 2, 7.10. Totals 6, 10.40.
  {
    label: 'S2 by revenue',
    stores: ['S2'],
    by: 'revenue',
    limit: 10,
    expected: {
      rows: [
        { ...A2, quantity: 2, revenue: 7.1 },
        { ...A1, quantity: 1, revenue: 3 },
        { ...Z9, quantity: 3, revenue: 0.3 },
      ],
      totalQuantity: 6,
      totalRevenue: 10.4,
    },
  },
  {
    label: 'S2 by quantity',
    stores: ['S2'],
    by: 'quantity',
    limit: 10,
    expected: {
      rows: [
        { ...Z9, quantity: 3, revenue: 0.3 },
        { ...A2, quantity: 2, revenue: 7.1 },
        { ...A1, quantity: 1, revenue: 3 },
      ],
      totalQuantity: 6,
      totalRevenue: 10.4,
    },
  },
  { label: 'no stores', stores: [], by: 'quantity', limit: 10, expected: NONE },
  { label: 'a store without sales', stores: ['S3'], by: 'revenue', limit: 10, expected: NONE },
];

describe.each(databaseKinds())('Top products from the columns on a hand-built chain (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let columns: CustomerColumnsService;
  let version: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, chain);
    version = await getDataVersion(database.db);
    columns = createCustomerColumns({ db: database.db, logger: createLogger('silent'), enabled: true });
    expect(await columns.ready(version)).toBe(true);
  });
  afterAll(async () => {
    await columns?.stop();
    await database?.dispose();
  });

  it.each(CASES)('When $label is asked, Then the list is the hand count', async (c) => {
    expect(columns.topProducts(version, PERIOD, c.stores, c.by, c.limit)).toEqual(c.expected);
    expect(await topProducts(database.db, PERIOD, c.stores, c.by, c.limit)).toEqual(c.expected);
  });

  it('When the period has no sales, Then the list is empty with zero totals', async () => {
    const later: Period = { from: '2025-04-01', to: '2025-04-30' };
    expect(columns.topProducts(version, later, null, 'quantity', 10)).toEqual(NONE);
    expect(await topProducts(database.db, later, null, 'quantity', 10)).toEqual(NONE);
  });
});
