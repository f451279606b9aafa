/**
 * The churn gauge's figures and the cluster counts from the columns equal the SQL (`churnFigures`,
 * `clusterCounts`) on the small demo with a fitted model run, every figure to the last bit (toEqual is Object.is
 * per number), for the chain, a city, one store, a manager's stores, three stores and no stores × today, 7, 30,
 * 90, 365 days and custom periods, at the run's as-of day and another (the value at stake's window moves). Not
 * vacuous: most scopes have customers in every band, something at stake and several clusters.
 */
import { sql } from 'drizzle-orm';
import { addDays } from '@portrait/shared/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Db } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { listStores } from '../../../db/queries/meta';
import { churnFigures, clusterCounts, type ChurnFigures } from '../../../db/queries/model-predictions';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import { loadDemo } from '../../demo/load-demo';
import { refreshModels } from '../../models/refresh-models';
import { churnPredictions } from '../churn-columns';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { columnsChurnFigures, columnsClusterCounts } from '../gauge-columns';
import { columnsSuggestionFigures } from '../suggestion-pass';
import { storeScopes } from './store-scopes';

const END = '2025-06-30';
const PERIODS: Period[] = [
  { from: END, to: END },
  { from: addDays(END, -6), to: END },
  { from: addDays(END, -29), to: END },
  { from: addDays(END, -89), to: END },
  { from: addDays(END, -364), to: END },
  { from: addDays(END, -89), to: addDays(END, -14) },
  { from: '2024-11-11', to: '2025-02-03' },
  { from: '2020-01-01', to: '2030-12-31' },
  { from: '2025-07-01', to: '2025-07-31' },
  { from: '2025-05-10', to: '2025-05-01' },
];

/** The SQL's rows come unordered: bands and bins in a fixed order. */
const sorted = (f: ChurnFigures | null) =>
  f && {
    ...f,
    bands: [...f.bands].sort((a, b) => a.band.localeCompare(b.band)),
    bins: [...f.bins].sort((a, b) => a.bin - b.bin || a.band.localeCompare(b.band)),
  };

describe.each(databaseKinds())('Churn gauge and clusters: the columns equal the SQL (%s)', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let columns: CustomerColumnsService;
  let version: number;
  let run: { id: number; asOfDay: string };
  const scopes: [string, StoreFilter][] = [];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    db = database.db;
    await loadDemo(database, { size: 'small', seed: 5, endDate: END });
    version = await getDataVersion(db);
    const runId = await refreshModels(db, { dataVersion: version });
    const runs = await queryRows<{ as_of_day: string }>(
      db,
      sql`select as_of_day::text as as_of_day from model_runs where id = ${runId} and status = 'ready'`,
    );
    run = { id: runId, asOfDay: runs[0]!.as_of_day };
    columns = createCustomerColumns({ db, logger: createLogger('silent'), enabled: true });
    expect(await columns.ready(version)).toBe(true);
    scopes.push(...(await storeScopes(db)));
    // A store manager's stores, as the test users get them: the first two stores of the first city.
    const stores = await listStores(db);
    scopes.push([
      'a manager’s stores',
      stores
        .filter((s) => s.city === stores[0]?.city)
        .slice(0, 2)
        .map((s) => s.id),
    ]);
  }, 600_000);
  afterAll(async () => {
    await columns?.stop();
    await dispose?.();
  });

  it('When every scope × period is asked, Then the columns give exactly the SQL gauge figures', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    const predictions = await churnPredictions(db, rows, run.id);
    let full = 0;
    for (const asOfDay of [run.asOfDay, addDays(run.asOfDay, -100)])
      for (const [label, stores] of scopes)
        for (const period of PERIODS) {
          const at = `${label} ${period.from}..${period.to} as of ${asOfDay}`;
          const expected = await churnFigures(db, { runId: run.id, period, stores, asOfDay });
          const answer = columnsChurnFigures(rows, predictions, period, stores, asOfDay);
          expect(sorted(answer), at).toEqual(sorted(expected));
          if (expected.bands.length === 3 && expected.valueAtStake > 0 && expected.bins.length > 6) full++;
        }
    expect(full).toBeGreaterThan(40);
  }, 300_000);

  it('When every scope × period is asked, Then the columns give exactly the SQL cluster counts', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    const predictions = await churnPredictions(db, rows, run.id);
    let several = 0;
    for (const [label, stores] of scopes)
      for (const period of PERIODS) {
        const at = `${label} ${period.from}..${period.to}`;
        const expected = await clusterCounts(db, { runId: run.id, period, stores });
        expect(columnsClusterCounts(rows, predictions, period, stores), at).toEqual(expected);
        if (expected.filter((c) => c.cluster !== null).length >= 3) several++;
      }
    expect(several).toBeGreaterThan(20);
  }, 300_000);

  it('When the gauge follows the suggestions’ pass of the same scope, Then it reuses the pass’s customers and still equals the SQL', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    const predictions = await churnPredictions(db, rows, run.id);
    const params = { overdueFactor: 1.5, offPeakHours: null, platformBlocked: null };
    for (const [label, stores] of scopes)
      for (const period of PERIODS.slice(0, 6)) {
        const at = `${label} ${period.from}..${period.to}`;
        expect(columnsSuggestionFigures(rows, period, stores, params), at).not.toBeNull();
        const a = { runId: run.id, period, stores };
        expect(sorted(columnsChurnFigures(rows, predictions, period, stores, run.asOfDay)), at).toEqual(
          sorted(await churnFigures(db, { ...a, asOfDay: run.asOfDay })),
        );
        expect(columnsSuggestionFigures(rows, period, stores, params), at).not.toBeNull();
        expect(columnsClusterCounts(rows, predictions, period, stores), at).toEqual(
          await clusterCounts(db, a),
        );
      }
  }, 300_000);
});
