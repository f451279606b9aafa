/**
 * The slipping-away list from the columns on a hand-built chain and a hand-written model run, against lists worked
 * out by hand — and the SQL (`slippingAway`) gives the same. Three candidates spend exactly 30.00 each (one breaks
 * the tie by a higher churn risk, the other two by customer id), and c1 bought in two stores on one day (one
 * distinct day, not two).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { slippingAway, type SlippingCustomerRow } from '../../../db/queries/slipping-away';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import * as t from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { churnPredictions } from '../churn-columns';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { columnsSlippingAway } from '../slipping-columns';

const AS_OF = '2025-03-10';
const PERIOD: Period = { from: '2025-03-01', to: '2025-03-10' };

const chain: FixtureChain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [
    { id: 'A', name: '西湖店', city: '杭州' },
    { id: 'B', name: '滨江店', city: '杭州' },
    { id: 'C', name: '萧山店', city: '杭州' },
  ],
  products: [],
  orders: [
    // c1: A and B on 03-05, A on 2024-12-01 → chain: 30.00 on 2 distinct days.
    { id: 'o1', customerId: 'c1', storeId: 'A', at: '2025-03-05 10:00', amount: 10 },
    { id: 'o2', customerId: 'c1', storeId: 'B', at: '2025-03-05 18:00', amount: 15 },
    { id: 'o3', customerId: 'c1', storeId: 'A', at: '2024-12-01 12:00', amount: 5 },
    // c2: 30.00 in A; a refunded order in B counts nowhere.
    { id: 'o4', customerId: 'c2', storeId: 'A', at: '2025-03-02 12:00', amount: 30 },
    { id: 'o5', customerId: 'c2', storeId: 'B', at: '2025-03-06 12:00', amount: 500, status: 'refunded' },
    // c3: 30.00 in B, riskier than c1 and c2.
    { id: 'o6', customerId: 'c3', storeId: 'B', at: '2025-03-03 12:00', amount: 30 },
    // c4: one purchase day; c5: low risk; c8: high risk but not active in the period.
    { id: 'o7', customerId: 'c4', storeId: 'A', at: '2025-03-04 12:00', amount: 100 },
    { id: 'o8', customerId: 'c5', storeId: 'A', at: '2025-03-04 13:00', amount: 100 },
    { id: 'o9', customerId: 'c8', storeId: 'A', at: '2025-02-01 12:00', amount: 40 },
    // c6: 2024-03-10 is as-of − 365 (outside the 365 days), 2024-03-11 is as-of − 364 (inside).
    { id: 'o10', customerId: 'c6', storeId: 'C', at: '2024-03-10 12:00', amount: 50 },
    { id: 'o11', customerId: 'c6', storeId: 'C', at: '2024-03-11 12:00', amount: 2 },
    { id: 'o12', customerId: 'c6', storeId: 'C', at: '2025-03-06 12:00', amount: 1 },
  ],
};

const prediction = (customerId: string, churnRisk: number, riskBand: string, purchaseDays: number) => ({
  customerId,
  churnRisk,
  riskBand,
  purchaseDays,
  pActive: 1 - churnRisk,
  expected90: purchaseDays / 10,
  predictedValue: churnRisk * 100,
});
const PREDICTIONS = [
  prediction('c1', 0.8, 'high', 3),
  prediction('c2', 0.8, 'high', 2),
  prediction('c3', 0.9, 'high', 2),
  prediction('c4', 0.95, 'high', 1),
  prediction('c5', 0.1, 'low', 4),
  prediction('c6', 0.6, 'high', 3),
  prediction('c8', 0.7, 'high', 2),
];

const row = (customerId: string, lastDay: string, daysSince: number, visits12m: number, spend12m: number) => {
  const p = PREDICTIONS.find((x) => x.customerId === customerId)!;
  return {
    customerId,
    name: null,
    phone: null,
    email: null,
    memberLevel: null,
    lastDay,
    daysSince,
    visits12m,
    spend12m,
    pActive: p.pActive,
    churnRisk: p.churnRisk,
    expectedOrders90: p.expected90,
    predictedValue: p.predictedValue,
  } satisfies SlippingCustomerRow;
};
const C1 = row('c1', '2025-03-05', 5, 2, 30);
const C2 = row('c2', '2025-03-02', 8, 1, 30);
const C3 = row('c3', '2025-03-03', 7, 1, 30);
const C6 = row('c6', '2025-03-06', 4, 2, 3);

const EXPECTED: {
  label: string;
  stores: StoreFilter;
  limit: number;
  offset: number;
  total: number;
  rows: SlippingCustomerRow[];
}[] = [
  // 30.00 each: c3 (risk 0.9), then c1 and c2 (0.8) in id order; c6 3.00 (2.00 + 1.00; 50.00 is a day too old).
  { label: 'the chain', stores: null, limit: 6, offset: 0, total: 4, rows: [C3, C1, C2, C6] },
  { label: 'the chain, page 2 of 2', stores: null, limit: 2, offset: 2, total: 4, rows: [C2, C6] },
  { label: 'the chain, past the end', stores: null, limit: 2, offset: 4, total: 4, rows: [] },
  // Store A: c1 spent 10.00 + 5.00 there on 2 days.
  { label: 'store A', stores: ['A'], limit: 6, offset: 0, total: 2, rows: [C2, { ...C1, spend12m: 15 }] },
  // Store B: c1 spent 15.00 on one day; c2's refunded order does not make c2 active there.
  {
    label: 'store B',
    stores: ['B'],
    limit: 6,
    offset: 0,
    total: 2,
    rows: [C3, { ...C1, visits12m: 1, spend12m: 15 }],
  },
  { label: 'no stores', stores: [], limit: 6, offset: 0, total: 0, rows: [] },
];

describe.each(databaseKinds())('Slipping-away list from the columns, hand-checked (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let columns: CustomerColumnsService;
  let version: number;
  let runId: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, chain);
    const [run] = await database.db
      .insert(t.modelRuns)
      .values({ dataVersion: 1, asOfDay: AS_OF, status: 'ready', startedAt: new Date().toISOString() })
      .returning({ id: t.modelRuns.id });
    runId = run!.id;
    await database.db.insert(t.customerPredictions).values(
      PREDICTIONS.map((p) => ({
        runId,
        ...p,
        homeStoreId: 'A',
        fitScope: 'chain',
        firstDay: '2024-03-10',
        lastDay: '2025-03-06',
        repeatSpend: '0',
        expected30: 0,
        expected365: 0,
        expectedSpend: 0,
      })),
    );
    version = await getDataVersion(database.db);
    columns = createCustomerColumns({ db: database.db, logger: createLogger('silent'), enabled: true });
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
      await churnPredictions(database.db, rows, runId);
      const a = { runId, period: PERIOD, stores: e.stores, asOfDay: AS_OF, limit: e.limit, offset: e.offset };
      const expected = { total: e.total, rows: e.rows };
      expect(await columnsSlippingAway(database.db, rows, a)).toEqual(expected);
      expect(await slippingAway(database.db, a)).toEqual(expected);
    },
  );
});
