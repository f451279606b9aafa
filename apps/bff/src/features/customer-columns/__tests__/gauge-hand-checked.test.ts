/**
 * The churn gauge's figures and the cluster counts from the columns on a hand-built chain and a hand-written model
 * run, against figures worked out by hand — and the SQL (`churnFigures`, `clusterCounts`) gives the same. c9 is
 * active without a prediction (unscored, unclustered), c8 is high risk but not active in the period, c5's predicted
 * value sits exactly on a bin edge (20: the second bin), and c1 bought in two stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import {
  churnFigures,
  clusterCounts,
  type ChurnFigures,
  type ClusterCount,
} from '../../../db/queries/model-predictions';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import * as t from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { churnPredictions } from '../churn-columns';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { columnsChurnFigures, columnsClusterCounts } from '../gauge-columns';

const AS_OF = '2025-03-10';
const PERIOD: Period = { from: '2025-03-01', to: '2025-03-10' };

const chain: FixtureChain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [
    { id: 'A', name: '西湖店', city: '杭州' },
    { id: 'B', name: '滨江店', city: '杭州' },
  ],
  products: [],
  orders: [
    { id: 'o1', customerId: 'c1', storeId: 'A', at: '2025-03-05 10:00', amount: 10 },
    { id: 'o2', customerId: 'c1', storeId: 'B', at: '2025-03-05 18:00', amount: 15 },
    { id: 'o3', customerId: 'c1', storeId: 'A', at: '2024-12-01 12:00', amount: 5 },
    { id: 'o4', customerId: 'c2', storeId: 'A', at: '2025-03-02 12:00', amount: 30 },
    { id: 'o5', customerId: 'c3', storeId: 'B', at: '2025-03-03 12:00', amount: 30 },
    { id: 'o6', customerId: 'c4', storeId: 'A', at: '2025-03-04 12:00', amount: 100 },
    { id: 'o7', customerId: 'c5', storeId: 'A', at: '2025-03-04 13:00', amount: 100 },
    { id: 'o8', customerId: 'c8', storeId: 'A', at: '2025-02-01 12:00', amount: 40 },
    { id: 'o9', customerId: 'c9', storeId: 'B', at: '2025-03-08 12:00', amount: 7 },
  ],
};

// Values exact in binary, so the hand sums are the doubles.
const PREDICTIONS = [
  { customerId: 'c1', riskBand: 'high', predictedValue: 12.5, expected90: 0.25, cluster: 0 },
  { customerId: 'c2', riskBand: 'high', predictedValue: 60, expected90: 0.5, cluster: 1 },
  { customerId: 'c3', riskBand: 'medium', predictedValue: 150, expected90: 1, cluster: 0 },
  { customerId: 'c4', riskBand: 'low', predictedValue: 2500, expected90: 2, cluster: 1 },
  { customerId: 'c5', riskBand: 'low', predictedValue: 20, expected90: 0.125, cluster: 2 },
  { customerId: 'c8', riskBand: 'high', predictedValue: 5, expected90: 0, cluster: 0 },
];

const EXPECTED: { label: string; stores: StoreFilter; gauge: ChurnFigures; clusters: ClusterCount[] }[] = [
  {
    label: 'the chain',
    stores: null,
    gauge: {
      active: 6,
      bands: [
        { band: 'high', customers: 2, predictedValue: 72.5, expectedOrders90: 0.75 },
        { band: 'low', customers: 2, predictedValue: 2520, expectedOrders90: 2.125 },
        { band: 'medium', customers: 1, predictedValue: 150, expectedOrders90: 1 },
      ],
      bins: [
        { bin: 0, band: 'high', customers: 1 },
        { bin: 1, band: 'low', customers: 1 },
        { bin: 2, band: 'high', customers: 1 },
        { bin: 3, band: 'medium', customers: 1 },
        { bin: 7, band: 'low', customers: 1 },
      ],
      // c1 10 + 15 + 5 (2024-12-01 is inside the 365 days), c2 30.
      valueAtStake: 60,
    },
    clusters: [
      { cluster: 0, customers: 2, revenue: 55 },
      { cluster: 1, customers: 2, revenue: 130 },
      { cluster: 2, customers: 1, revenue: 100 },
      { cluster: null, customers: 1, revenue: 7 },
    ],
  },
  {
    label: 'store A',
    stores: ['A'],
    gauge: {
      active: 4,
      bands: [
        { band: 'high', customers: 2, predictedValue: 72.5, expectedOrders90: 0.75 },
        { band: 'low', customers: 2, predictedValue: 2520, expectedOrders90: 2.125 },
      ],
      bins: [
        { bin: 0, band: 'high', customers: 1 },
        { bin: 1, band: 'low', customers: 1 },
        { bin: 2, band: 'high', customers: 1 },
        { bin: 7, band: 'low', customers: 1 },
      ],
      valueAtStake: 45,
    },
    clusters: [
      { cluster: 0, customers: 1, revenue: 10 },
      { cluster: 1, customers: 2, revenue: 130 },
      { cluster: 2, customers: 1, revenue: 100 },
    ],
  },
  {
    label: 'store B',
    stores: ['B'],
    gauge: {
      active: 3,
      bands: [
        { band: 'high', customers: 1, predictedValue: 12.5, expectedOrders90: 0.25 },
        { band: 'medium', customers: 1, predictedValue: 150, expectedOrders90: 1 },
      ],
      bins: [
        { bin: 0, band: 'high', customers: 1 },
        { bin: 3, band: 'medium', customers: 1 },
      ],
      valueAtStake: 15,
    },
    clusters: [
      { cluster: 0, customers: 2, revenue: 45 },
      { cluster: null, customers: 1, revenue: 7 },
    ],
  },
  {
    label: 'no stores',
    stores: [],
    gauge: { active: 0, bands: [], bins: [], valueAtStake: 0 },
    clusters: [],
  },
];

const sorted = (f: ChurnFigures | null) =>
  f && {
    ...f,
    bands: [...f.bands].sort((a, b) => a.band.localeCompare(b.band)),
    bins: [...f.bins].sort((a, b) => a.bin - b.bin || a.band.localeCompare(b.band)),
  };

describe.each(databaseKinds())('Churn gauge and clusters from the columns, hand-checked (%s)', (kind) => {
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
      PREDICTIONS.map(({ cluster: _, ...p }) => ({
        runId,
        ...p,
        churnRisk: p.riskBand === 'high' ? 0.9 : 0.2,
        pActive: 0.5,
        purchaseDays: 2,
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
    await database.db
      .insert(t.customerClusters)
      .values(PREDICTIONS.map((p) => ({ runId, customerId: p.customerId, cluster: p.cluster })));
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
      const predictions = await churnPredictions(database.db, rows, runId);
      const a = { runId, period: PERIOD, stores: e.stores };
      expect(sorted(columnsChurnFigures(rows, predictions, PERIOD, e.stores, AS_OF))).toEqual(e.gauge);
      expect(sorted(await churnFigures(database.db, { ...a, asOfDay: AS_OF }))).toEqual(e.gauge);
      expect(columnsClusterCounts(rows, predictions, PERIOD, e.stores)).toEqual(e.clusters);
      expect(await clusterCounts(database.db, a)).toEqual(e.clusters);
    },
  );
});
