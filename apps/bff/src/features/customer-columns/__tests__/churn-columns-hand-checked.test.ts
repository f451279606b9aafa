/**
 * Churn by RFM segment from the columns on a hand-built chain and a hand-written model run, against figures worked
 * out by hand below — and the SQL (`segmentChurn`) gives the same, to the last bit: three customers of one segment
 * have churn risks 0.1, 0.2 and 0.3, whose double sum is 0.6000000000000001 in customer id order but 0.6 in the
 * reverse order (the order their rows were written).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { segmentChurn, type SegmentChurn } from '../../../db/queries/segment-churn';
import * as t from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { createChurnProvider } from '../../models/churn-provider';
import { churnPredictions, columnsSegmentChurn } from '../churn-columns';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { epochDay } from '../customer-pass';

/** An id COPY escapes (a backslash and a tab): the predictions are matched to the copy's keys in that form. */
const X3 = 'x3\\b\tc';

const chain: FixtureChain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [
    { id: 'A', name: '西湖店', city: '杭州' },
    { id: 'B', name: '滨江店', city: '杭州' },
    { id: 'C', name: '萧山店', city: '杭州' },
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
    { id: 'o9', customerId: 'x1', storeId: 'C', at: '2025-03-05 10:00', amount: 10 },
    { id: 'o10', customerId: 'x2', storeId: 'C', at: '2025-03-05 11:00', amount: 10 },
    { id: 'o11', customerId: X3, storeId: 'C', at: '2025-03-05 12:00', amount: 10 },
  ],
};

const PERIOD: Period = { from: '2025-03-03', to: '2025-03-06' };

// Written in reverse id order, so a sum in storage order would add 0.3 + 0.2 + 0.1 = 0.6. c3 has no prediction;
// c9 has one but no orders (a customer the run scored and the data no longer has).
const PREDICTIONS = [
  { customerId: X3, churnRisk: 0.3, riskBand: 'low', purchaseDays: 1, predictedValue: 0.3 },
  { customerId: 'x2', churnRisk: 0.2, riskBand: 'high', purchaseDays: 1, predictedValue: 0.2 },
  { customerId: 'x1', churnRisk: 0.1, riskBand: 'low', purchaseDays: 1, predictedValue: 0.1 },
  { customerId: 'c9', churnRisk: 0.99, riskBand: 'high', purchaseDays: 5, predictedValue: 1000 },
  { customerId: 'c2', churnRisk: 0.3, riskBand: 'low', purchaseDays: 1, predictedValue: 40.25 },
  { customerId: 'c1', churnRisk: 0.9, riskBand: 'high', purchaseDays: 3, predictedValue: 12.5 },
];

const churn = (c: Partial<SegmentChurn>): SegmentChurn => ({
  scored: 1,
  meanChurnRisk: 0,
  highRisk: 0,
  slippingAway: 0,
  highRiskRevenue: 0,
  valueAtStake: 0,
  predictedValue: 0,
  ...c,
});
const X_SUM = 0.1 + 0.2 + 0.3; // 0.6000000000000001: customer id order

const EXPECTED: {
  label: string;
  stores: StoreFilter;
  asOf: string;
  figures: Record<string, SegmentChurn>;
}[] = [
  {
    // Active: c1 (F 2, M 25.25, R 1), c2 (F 1, M 100, R 2), c3 (F 1, M 3.33, R 0), x1, x2, x3 (F 1, M 10, R 1 each);
    // n 6, ΣF 7, ΣM 158.58, ΣR 6. c1: 6 ≤ 6 recent, 12 ≥ 7 frequent, 151.5 < 158.58 → general value.
    // c2: 12 > 6, 6 < 7, 600 ≥ 158.58 → important win-back. c3 and x1, x2, x3: recent only → general development
    // (c3 unscored). High risk: c1 (3 purchase days; spent 10.10 + 20.20 + 5.05 in the 365 days to 03-06: on
    // the list) and x2 (one purchase day: not on the list; 10 at stake).
    label: 'the chain',
    stores: null,
    asOf: '2025-03-06',
    figures: {
      general_value: churn({
        meanChurnRisk: 0.9,
        highRisk: 1,
        slippingAway: 1,
        highRiskRevenue: 25.25,
        valueAtStake: 35.35,
        predictedValue: 12.5,
      }),
      important_winback: churn({ meanChurnRisk: 0.3, predictedValue: 40.25 }),
      general_development: churn({
        scored: 3,
        meanChurnRisk: X_SUM / 3,
        highRisk: 1,
        highRiskRevenue: 10,
        valueAtStake: 10,
        predictedValue: X_SUM,
      }),
    },
  },
  {
    // x1, x2, x3 alike (F 1, M 10, R 1; n 3, ΣF 3, ΣM 30, ΣR 3): all three flags → important value.
    label: 'store C',
    stores: ['C'],
    asOf: '2025-03-06',
    figures: {
      important_value: churn({
        scored: 3,
        meanChurnRisk: X_SUM / 3,
        highRisk: 1,
        highRiskRevenue: 10,
        valueAtStake: 10,
        predictedValue: X_SUM,
      }),
    },
  },
  {
    // c1 (F 1, M 5.05, R 1), c3 (F 1, M 3.33, R 0); n 2, ΣF 2, ΣM 8.38, ΣR 1. c1: 2 > 1, 2 ≥ 2, 10.10 ≥ 8.38 →
    // important retention. As of 03-04 the 365 days end before c1's 03-05 order in B: nothing at stake, and
    // no purchase in the scope's stores in those days, so not on the list.
    label: 'store B, as of 03-04',
    stores: ['B'],
    asOf: '2025-03-04',
    figures: {
      important_retention: churn({
        meanChurnRisk: 0.9,
        highRisk: 1,
        highRiskRevenue: 5.05,
        predictedValue: 12.5,
      }),
    },
  },
  {
    label: 'store B, as of 03-06',
    stores: ['B'],
    asOf: '2025-03-06',
    figures: {
      important_retention: churn({
        meanChurnRisk: 0.9,
        highRisk: 1,
        slippingAway: 1,
        highRiskRevenue: 5.05,
        valueAtStake: 5.05,
        predictedValue: 12.5,
      }),
    },
  },
];

describe.each(databaseKinds())('Churn by segment from the columns, hand-checked (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let columns: CustomerColumnsService;
  let version: number;
  let runId: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, chain);
    const [run] = await database.db
      .insert(t.modelRuns)
      .values({ dataVersion: 1, asOfDay: '2025-03-06', status: 'ready', startedAt: new Date().toISOString() })
      .returning({ id: t.modelRuns.id });
    runId = run!.id;
    await database.db.insert(t.customerPredictions).values(
      PREDICTIONS.map((p) => ({
        runId,
        ...p,
        homeStoreId: 'A',
        fitScope: 'chain',
        firstDay: '2025-03-01',
        lastDay: '2025-03-05',
        repeatSpend: '0',
        pActive: 1,
        expected30: 0,
        expected90: 0,
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
    'When $label is asked, Then the columns give the hand figures, and so does the SQL',
    async (e) => {
      const rows = columns.customerRows(version);
      if (!rows) throw new Error('no copy');
      // With the run's as-of day, as the read-ahead asks: on PostgreSQL the worker makes the chain's stake too.
      const predictions = await churnPredictions(database.db, rows, runId, epochDay('2025-03-06'));
      expect(predictions.count).toBe(PREDICTIONS.length);
      const fromColumns = columnsSegmentChurn(rows, predictions, PERIOD, e.stores, e.asOf);
      expect(fromColumns).toEqual(e.figures);
      const fromSql = await segmentChurn(database.db, {
        runId,
        asOfDay: e.asOf,
        period: PERIOD,
        stores: e.stores,
      });
      expect(fromSql).toEqual(e.figures);
    },
  );

  it('When the provider is given the copy and the data version, Then it answers from the columns as the SQL does', async () => {
    const withColumns = createChurnProvider(
      database.db,
      { status: async () => ({}) as never },
      { service: columns },
    );
    const run = { id: runId, asOfDay: '2025-03-06' };
    expect(await withColumns.bySegment(run, PERIOD, null, version)).toEqual(EXPECTED[0]!.figures);
    // Another data version: the copy does not hold it, so the SQL answers (the same data here).
    expect(await withColumns.bySegment(run, PERIOD, null, version + 1)).toEqual(EXPECTED[0]!.figures);
  });
});
