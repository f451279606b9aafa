/**
 * RFM segment lists from the columns on a hand-built chain, against lists worked out by hand — and the SQL
 * (`segmentCustomers`) gives the same. In the chain's 10 days four customers spend exactly 30.00 (one
 * of them, m3, across two stores on one day: two orders, one customer day per store, and so 一般价值), three of
 * them in 一般挽留, so pages that cut that run must take its customers in
 * id order; a refunded order counts nowhere; a customer active only before the period is not listed. Worked out by hand (n = 8, to = 03-10): Σf = 10, Σm = 334.99, Σr = 42, so recent is r ≤ 5.25,
 * frequent f ≥ 1.25, valuable m ≥ 41.87.
 */
import type { RfmFlags, SegmentKey } from '@portrait/shared/segments';
import { SEGMENT_FLAGS, SEGMENT_KEYS } from '@portrait/shared/segments';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { segmentCustomers, type SegmentCustomerRow } from '../../../db/queries/segment-customers';
import * as t from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { columnsSegmentCustomers } from '../segment-columns';

const PERIOD: Period = { from: '2025-03-01', to: '2025-03-10' };

const order = (id: string, customerId: string, storeId: string, at: string, amount: number) => ({
  id,
  customerId,
  storeId,
  at,
  amount,
});
const chain: FixtureChain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [
    { id: 'A', name: '西湖店', city: '杭州' },
    { id: 'B', name: '滨江店', city: '杭州' },
  ],
  products: [],
  orders: [
    order('o1', 'z1', 'A', '2025-03-09 12:00', 30),
    order('o2', 'a2', 'B', '2025-03-02 12:00', 30),
    order('o3', 'm3', 'A', '2025-03-05 10:00', 10),
    order('o4', 'm3', 'B', '2025-03-05 18:00', 20),
    order('o5', 'b4', 'A', '2025-03-10 12:00', 100),
    order('o6', 'b4', 'A', '2025-03-08 12:00', 50),
    order('o7', 'k5', 'B', '2025-03-01 12:00', 5),
    order('o8', 'y6', 'A', '2025-03-03 12:00', 30),
    order('o9', 'c7', 'B', '2025-03-04 12:00', 30),
    { ...order('o10', 'c7', 'B', '2025-03-06 12:00', 500), status: 'refunded' },
    order('o11', 'd8', 'A', '2025-02-01 12:00', 40),
    order('o12', 'e9', 'A', '2025-03-04 12:00', 29.99),
  ],
};

const row = (customerId: string, orders: number, revenue: number, lastDay: string): SegmentCustomerRow => ({
  customerId,
  name: null,
  phone: null,
  email: null,
  memberLevel: null,
  orders,
  revenue,
  lastDay,
  recencyDays: 10 - Number(lastDay.slice(8)),
  churnRisk: null,
  riskBand: null,
});
// c7 has a name and y6 a ready model run's prediction (read with the page's details).
const A2 = row('a2', 1, 30, '2025-03-02');
const C7 = { ...row('c7', 1, 30, '2025-03-04'), name: '陈七', phone: '13800000007' };
const Y6 = { ...row('y6', 1, 30, '2025-03-03'), churnRisk: 0.8123, riskBand: 'high' as const };
const M3 = row('m3', 2, 30, '2025-03-05');
const E9 = row('e9', 1, 29.99, '2025-03-04');
const K5 = row('k5', 1, 5, '2025-03-01');
const WINBACK = [A2, C7, Y6, E9, K5];

type Case = { label: string; stores: StoreFilter; key: SegmentKey; limit: number | null; offset: number };
const EXPECTED: (Case & { total: number; rows: SegmentCustomerRow[] })[] = [
  {
    label: 'chain 一般挽留',
    stores: null,
    key: 'general_winback',
    limit: 20,
    offset: 0,
    total: 5,
    rows: WINBACK,
  },
  {
    label: 'chain 一般挽留, the export',
    stores: null,
    key: 'general_winback',
    limit: null,
    offset: 0,
    total: 5,
    rows: WINBACK,
  },
  {
    label: 'a page cutting the 30.00 run',
    stores: null,
    key: 'general_winback',
    limit: 2,
    offset: 1,
    total: 5,
    rows: [C7, Y6],
  },
  {
    label: 'a page ending the run',
    stores: null,
    key: 'general_winback',
    limit: 3,
    offset: 2,
    total: 5,
    rows: [Y6, E9, K5],
  },
  { label: 'past the end', stores: null, key: 'general_winback', limit: 2, offset: 6, total: 5, rows: [] },
  {
    label: 'chain 重要价值',
    stores: null,
    key: 'important_value',
    limit: 20,
    offset: 0,
    total: 1,
    rows: [row('b4', 2, 150, '2025-03-10')],
  },
  {
    label: 'chain 一般发展',
    stores: null,
    key: 'general_development',
    limit: 20,
    offset: 0,
    total: 1,
    rows: [row('z1', 1, 30, '2025-03-09')],
  },
  {
    label: 'chain 重要发展 (empty)',
    stores: null,
    key: 'important_development',
    limit: 20,
    offset: 0,
    total: 0,
    rows: [],
  },
  // Store A (n = 5, Σr = 19, Σm = 249.99): recent r ≤ 3.8; m3 spent 10.00 there.
  {
    label: 'store A 一般挽留',
    stores: ['A'],
    key: 'general_winback',
    limit: 20,
    offset: 0,
    total: 3,
    rows: [Y6, E9, { ...M3, orders: 1, revenue: 10 }],
  },
  // Store B (n = 4, Σr = 28, Σm = 85.00): recent r ≤ 7, every customer frequent, valuable m ≥ 21.25.
  {
    label: 'store B 重要价值',
    stores: ['B'],
    key: 'important_value',
    limit: 20,
    offset: 0,
    total: 1,
    rows: [C7],
  },
  {
    label: 'store B 重要保持',
    stores: ['B'],
    key: 'important_retention',
    limit: 20,
    offset: 0,
    total: 1,
    rows: [A2],
  },
  {
    label: 'store B 一般价值',
    stores: ['B'],
    key: 'general_value',
    limit: 20,
    offset: 0,
    total: 1,
    rows: [{ ...M3, orders: 1, revenue: 20 }],
  },
  { label: 'no stores', stores: [], key: 'general_winback', limit: 20, offset: 0, total: 0, rows: [] },
];

describe.each(databaseKinds())('Segment lists from the columns, hand-checked (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let columns: CustomerColumnsService;
  let version: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, chain);
    const { db } = database;
    await db.execute(sql`update customers set name = '陈七', phone = '13800000007' where id = 'c7'`);
    const [run] = await db
      .insert(t.modelRuns)
      .values({ dataVersion: 1, asOfDay: '2025-03-10', status: 'ready', startedAt: new Date().toISOString() })
      .returning({ id: t.modelRuns.id });
    await db.insert(t.customerPredictions).values({
      runId: run!.id,
      customerId: 'y6',
      churnRisk: 0.81234,
      riskBand: 'high',
      purchaseDays: 1,
      pActive: 0.18766,
      expected90: 0,
      predictedValue: 0,
      homeStoreId: 'A',
      fitScope: 'chain',
      firstDay: '2025-03-03',
      lastDay: '2025-03-03',
      repeatSpend: '0',
      expected30: 0,
      expected365: 0,
      expectedSpend: 0,
    });
    version = await getDataVersion(db);
    columns = createCustomerColumns({ db, logger: createLogger('silent'), enabled: true });
    expect(await columns.ready(version)).toBe(true);
  });
  afterAll(async () => {
    await columns?.stop();
    await database?.dispose();
  });

  it.each(EXPECTED)(
    'When $label is asked, Then the columns give the hand list, and so does the SQL',
    async (e) => {
      const rows = columns.customerRows(version);
      if (!rows) throw new Error('no copy');
      const flags: RfmFlags = SEGMENT_FLAGS[e.key];
      const expected = { total: e.total, rows: e.rows };
      const page = { limit: e.limit, offset: e.offset };
      expect(
        await columnsSegmentCustomers(database.db, rows, {
          period: PERIOD,
          stores: e.stores,
          flags,
          ...page,
        }),
      ).toEqual(expected);
      expect(await segmentCustomers(database.db, PERIOD, e.stores, flags, page)).toEqual(expected);
    },
  );

  it('When the other segments of the chain are asked, Then the eight lists share out the 8 active customers', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    let listed = 0;
    for (const key of SEGMENT_KEYS) {
      const a = { period: PERIOD, stores: null, flags: SEGMENT_FLAGS[key], limit: null, offset: 0 };
      listed += (await columnsSegmentCustomers(database.db, rows, a))!.total;
    }
    expect(listed).toBe(8);
  });
});
