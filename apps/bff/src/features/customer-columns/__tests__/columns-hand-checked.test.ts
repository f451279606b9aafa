/**
 * The customer columns on a hand-built chain, against figures worked out by hand below (PRODUCT §4: active,
 * repeaters, RFM flags by value × n against Σ, lifetime revenue up to `to` in the scope's stores, customers per
 * hour and per channel / order-type bit; new and total customers by their first day in the scope's stores) — and
 * the SQL gives the same; also when read from the suggestions' scan of the scope, and the copy's chain-wide first
 * days and totals per customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { ORDER_TYPE_BIT0, HOURS, MIX_BITS } from '../../../db/queries/mix-masks';
import { customerFigures, customerFirsts, type Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { createLogger } from '../../../lib/logger';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { heldCustomerFigures } from '../customer-pass';
import { normalized } from './normalized';

const chain: FixtureChain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [
    { id: 'A', name: '西湖店', city: '杭州' },
    { id: 'B', name: '滨江店', city: '杭州' },
  ],
  products: [],
  orders: [
    { id: 'o1', customerId: 'c1', storeId: 'A', at: '2025-03-01 10:00', amount: 10.1 },
    { id: 'o2', customerId: 'c1', storeId: 'A', at: '2025-03-05 12:00', amount: 20.2 },
    { id: 'o3', customerId: 'c1', storeId: 'B', at: '2025-03-05 13:00', amount: 5.05 },
    { id: 'o4', customerId: 'c2', storeId: 'A', at: '2025-03-04 09:00', amount: 100 },
    { id: 'o5', customerId: 'c3', storeId: 'B', at: '2025-02-27 11:00', amount: 7.77 },
    { id: 'o6', customerId: 'c3', storeId: 'B', at: '2025-03-06 11:00', amount: 3.33 },
    { id: 'o7', customerId: 'c3', storeId: 'A', at: '2025-03-02 11:00', amount: 1, status: 'refunded' },
    { id: 'o8', customerId: null, storeId: 'A', at: '2025-03-04 15:00', amount: 50 },
  ],
};

const PERIOD: Period = { from: '2025-03-03', to: '2025-03-06' };

const counts = (length: number, set: Record<number, number>) => Array.from({ length }, (_, i) => set[i] ?? 0);
// Every fixture order is pos (bit 0) and dine_in (the first order-type bit).
const DINE_IN = ORDER_TYPE_BIT0;

const EXPECTED: { label: string; stores: StoreFilter; figures: unknown }[] = [
  {
    // Active c1 (A+B on 03-05: F 2, M 25.25, R 1), c2 (F 1, M 100, R 2), c3 (B 03-06: F 1, M 3.33, R 0).
    // n 3, ΣF 4, ΣM 128.58, ΣR 3. c1: 3 ≤ 3 recent, 6 ≥ 4 frequent, 75.75 < 128.58; c2: 6 > 3, 3 < 4,
    // 300 ≥ 128.58 valuable; c3: 0 ≤ 3 recent, 3 < 4, 9.99 < 128.58. Lifetime to 03-06: c1 35.35, c2 100,
    // c3 7.77 + 3.33 (the refund does not count) = 146.45.
    label: 'the chain',
    stores: null,
    figures: {
      totals: { active: 3, repeaters: 1, lifetimeRevenue: 146.45 },
      cells: [
        { recent: false, frequent: false, valuable: true, count: 1, revenue: 100 },
        { recent: true, frequent: false, valuable: false, count: 1, revenue: 3.33 },
        { recent: true, frequent: true, valuable: false, count: 1, revenue: 25.25 },
      ],
      hourCustomers: counts(HOURS, { 9: 1, 11: 1, 12: 1, 13: 1 }),
      mixCustomers: counts(MIX_BITS, { 0: 3, [DINE_IN]: 3 }),
    },
  },
  {
    // Active c1 (F 1, M 20.20, R 1), c2 (F 1, M 100, R 2); n 2, ΣF 2, ΣM 120.20, ΣR 3. c1: 2 ≤ 3 recent,
    // 2 ≥ 2 frequent, 40.40 < 120.20; c2: 4 > 3, 2 ≥ 2 frequent, 200 ≥ 120.20 valuable. Lifetime in A to
    // 03-06: c1 10.10 + 20.20, c2 100 = 130.30.
    label: 'store A',
    stores: ['A'],
    figures: {
      totals: { active: 2, repeaters: 0, lifetimeRevenue: 130.3 },
      cells: [
        { recent: false, frequent: true, valuable: true, count: 1, revenue: 100 },
        { recent: true, frequent: true, valuable: false, count: 1, revenue: 20.2 },
      ],
      hourCustomers: counts(HOURS, { 9: 1, 12: 1 }),
      mixCustomers: counts(MIX_BITS, { 0: 2, [DINE_IN]: 2 }),
    },
  },
  {
    // Active c1 (F 1, M 5.05, R 1), c3 (F 1, M 3.33, R 0); n 2, ΣF 2, ΣM 8.38, ΣR 1. c1: 2 > 1, frequent,
    // 10.10 ≥ 8.38 valuable; c3: 0 ≤ 1 recent, frequent, 6.66 < 8.38. Lifetime in B: c1 5.05, c3 11.10 = 16.15.
    label: 'store B',
    stores: ['B'],
    figures: {
      totals: { active: 2, repeaters: 0, lifetimeRevenue: 16.15 },
      cells: [
        { recent: false, frequent: true, valuable: true, count: 1, revenue: 5.05 },
        { recent: true, frequent: true, valuable: false, count: 1, revenue: 3.33 },
      ],
      hourCustomers: counts(HOURS, { 11: 1, 13: 1 }),
      mixCustomers: counts(MIX_BITS, { 0: 2, [DINE_IN]: 2 }),
    },
  },
];

// First completed order days: c1 A 03-01, B 03-05; c2 A 03-04; c3 B 02-27 (o7 in A was refunded: no first there).
const FIRSTS: { label: string; stores: StoreFilter; period: Period; total: number; newCustomers: number }[] =
  [
    // Chain: c1 03-01, c2 03-04, c3 02-27 — all by 03-06, only c2 within the period.
    { label: 'the chain', stores: null, period: PERIOD, total: 3, newCustomers: 1 },
    { label: 'store A', stores: ['A'], period: PERIOD, total: 2, newCustomers: 1 },
    // B: c1 03-05 (new), c3 02-27.
    { label: 'store B', stores: ['B'], period: PERIOD, total: 2, newCustomers: 1 },
    // A and B: c1's earliest is A's 03-01, so c1 is not new although B first saw them on 03-05.
    { label: 'stores A and B', stores: ['A', 'B'], period: PERIOD, total: 3, newCustomers: 1 },
    // The same with B read first: c1's first day is still the earlier, A's.
    { label: 'stores B and A', stores: ['B', 'A'], period: PERIOD, total: 3, newCustomers: 1 },
    // To 03-04: B has only c3 (c1 came on 03-05); A and B: c1, c2 (new on 03-04), c3.
    {
      label: 'store B to 03-04',
      stores: ['B'],
      period: { from: '2025-03-02', to: '2025-03-04' },
      total: 1,
      newCustomers: 0,
    },
    {
      label: 'A and B to 03-04',
      stores: ['A', 'B'],
      period: { from: '2025-03-02', to: '2025-03-04' },
      total: 3,
      newCustomers: 1,
    },
    {
      label: 'the chain from 02-27',
      stores: null,
      period: { from: '2025-02-27', to: '2025-03-04' },
      total: 3,
      newCustomers: 3,
    },
    {
      label: 'before the data',
      stores: ['A', 'B'],
      period: { from: '2025-01-01', to: '2025-01-31' },
      total: 0,
      newCustomers: 0,
    },
    { label: 'no stores', stores: [], period: PERIOD, total: 0, newCustomers: 0 },
  ];

describe.each(databaseKinds())('Customer columns on a hand-built chain (%s)', (kind) => {
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

  it.each(EXPECTED)('When $label is asked, Then the figures are the hand counts', async (e) => {
    expect(normalized(columns.figures(version, PERIOD, e.stores))).toEqual(e.figures);
    expect(normalized(await customerFigures(database.db, PERIOD, e.stores))).toEqual(e.figures);
  });

  it.each(EXPECTED)(
    "When the suggestions' scan of $label is held, Then the figures read from it are the hand counts",
    (e) => {
      expect(columns.suggestionScan(version, PERIOD, e.stores)).toBe(true);
      expect(heldCustomerFigures(columns.customerRows(version)!, PERIOD, e.stores)).not.toBeNull();
      expect(normalized(columns.figures(version, PERIOD, e.stores))).toEqual(e.figures);
    },
  );

  it("When the copy is made, Then it holds each customer's chain-wide first day and total", () => {
    const rows = columns.customerRows(version)!;
    const ordinal = new Map(rows.customerKeys.split('\n').map((key, i) => [key, i]));
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    // c1: 03-01 first, 10.10 + 20.20 + 5.05; c2: 03-04, 100; c3: 02-27, 7.77 + 3.33 (o7 refunded).
    const want = { c1: ['2025-03-01', 3535], c2: ['2025-03-04', 10000], c3: ['2025-02-27', 1110] } as const;
    for (const [key, [first, cents]] of Object.entries(want)) {
      const c = ordinal.get(key)!;
      expect([rows.chain?.firstDay[c], rows.chain?.totalCents[c]], key).toEqual([day(first), cents]);
    }
  });

  it.each(FIRSTS)('When $label is asked, Then new and total customers are the hand counts', async (e) => {
    const want = { total: e.total, newCustomers: e.newCustomers };
    expect(columns.firsts(version, e.period, e.stores)).toEqual(want);
    expect(await customerFirsts(database.db, e.period, e.stores)).toEqual(want);
  });
});
