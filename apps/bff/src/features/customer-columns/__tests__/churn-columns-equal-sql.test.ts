/**
 * Churn by segment from the columns equals the SQL (`segmentChurn`) on the small demo with a fitted model run,
 * every figure to the last bit (toEqual is Object.is per number), for five store sets × eight periods, at the
 * run's as-of day and at two others (the value at stake's 365-day window moves). The comparison is not vacuous:
 * most scopes have scored and high-risk customers and something at stake. On PostgreSQL, the chain's stake made
 * on the predictions' worker is byte for byte the one made in process.
 */
import { sql } from 'drizzle-orm';
import { addDays } from '@portrait/shared/dates';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database, Db } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { segmentChurn } from '../../../db/queries/segment-churn';
import { targetSummary } from '../../../db/queries/suggestion-targets';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import { loadDemo } from '../../demo/load-demo';
import { postgresConnection } from '../../../db/queries/customer-columns';
import { createChurnProvider } from '../../models/churn-provider';
import { createModelService } from '../../models/model-service';
import { refreshModels } from '../../models/refresh-models';
import {
  churnPredictions,
  columnsSegmentChurn,
  heldPredictions,
  loadChurnPredictions,
  loadChurnPredictionsOnWorker,
  predictionLoadsStarted,
} from '../churn-columns';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { columnsCustomerFigures, epochDay, storeOrdinals } from '../customer-pass';
import { heldScan, scopeKey } from '../customer-scratch';
import { chainCustomersHeld } from '../chain-customers';
import { chainStake, chainStakeHeld, chainStakeOf, stakeAdder, stakeWindow } from '../chain-stake';
import { readPredictionsOnWorker } from '../predictions-on-worker';
import { columnsSuggestionFigures } from '../suggestion-pass';
import { storeScopes } from './store-scopes';

const END = '2025-06-30';
const PERIODS: Period[] = [
  { from: END, to: END },
  { from: addDays(END, -29), to: END },
  { from: addDays(END, -89), to: addDays(END, -14) },
  { from: addDays(END, -364), to: END },
  { from: '2024-11-11', to: '2025-02-03' },
  { from: '2020-01-01', to: '2030-12-31' },
  { from: '2025-07-01', to: '2025-07-31' },
  { from: '2025-05-10', to: '2025-05-01' },
];

describe.each(databaseKinds())('Churn by segment: the columns equal the SQL (%s)', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let tryLock: Database['tryLock'];
  let columns: CustomerColumnsService;
  let version: number;
  let run: { id: number; asOfDay: string };
  const scopes: [string, StoreFilter][] = [];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    db = database.db;
    tryLock = database.tryLock;
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
  }, 600_000);
  afterAll(async () => {
    await columns?.stop();
    await dispose?.();
  });

  it('When every scope is asked, Then the columns give exactly the SQL figures', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    const predictions = await churnPredictions(db, rows, run.id);
    const counted = await queryRows<{ n: string }>(
      db,
      sql`select count(*)::text as n from customer_predictions where run_id = ${run.id}`,
    );
    expect(predictions.count).toBe(Number(counted[0]?.n));
    expect(predictions.count).toBeGreaterThan(1000);
    let withStake = 0;
    for (const asOfDay of [run.asOfDay, addDays(run.asOfDay, -100), '2025-01-15'])
      for (const [label, stores] of scopes)
        for (const period of PERIODS) {
          const at = `${label} ${period.from}..${period.to} as of ${asOfDay}`;
          const expected = await segmentChurn(db, { runId: run.id, asOfDay, period, stores });
          expect(columnsSegmentChurn(rows, predictions, period, stores, asOfDay), at).toEqual(expected);
          if (Object.values(expected).some((s) => s.valueAtStake > 0 && s.slippingAway > 0)) withStake++;
        }
    expect(withStake).toBeGreaterThan(30);
  }, 300_000);

  it('When churn follows the suggestions’ pass of the same scope, Then it reuses the pass’s customers and still gives exactly the SQL figures', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    const predictions = await churnPredictions(db, rows, run.id);
    const params = { overdueFactor: 1.5, offPeakHours: null, platformBlocked: null };
    let reused = 0;
    for (const [label, stores] of scopes)
      for (const period of PERIODS) {
        const at = `${label} ${period.from}..${period.to}`;
        expect(columnsSuggestionFigures(rows, period, stores, params), at).not.toBeNull();
        const key = scopeKey(stores === null ? null : storeOrdinals(rows, stores));
        if (heldScan(rows, epochDay(period.from), epochDay(period.to), key)) reused++;
        const expected = await segmentChurn(db, { runId: run.id, asOfDay: run.asOfDay, period, stores });
        expect(columnsSegmentChurn(rows, predictions, period, stores, run.asOfDay), at).toEqual(expected);
      }
    expect(reused).toBe(scopes.length * PERIODS.length);
    // The overview's own pass in between (its own scratch) leaves the scan held; the suggestions' scan of another
    // scope ends the hold. Either way churn is the SQL's.
    const period = PERIODS[3]!;
    const expected = await segmentChurn(db, { runId: run.id, asOfDay: run.asOfDay, period, stores: null });
    columnsSuggestionFigures(rows, period, null, params);
    columnsCustomerFigures(rows, PERIODS[1]!, null);
    expect(heldScan(rows, epochDay(period.from), epochDay(period.to), scopeKey(null))).not.toBeNull();
    expect(columnsSegmentChurn(rows, predictions, period, null, run.asOfDay)).toEqual(expected);
    columnsSuggestionFigures(rows, PERIODS[1]!, null, params);
    expect(heldScan(rows, epochDay(period.from), epochDay(period.to), scopeKey(null))).toBeNull();
    expect(columnsSegmentChurn(rows, predictions, period, null, run.asOfDay)).toEqual(expected);
  }, 300_000);

  it('When the same copy is asked about the run again, Then the loaded predictions are reused', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    expect(await churnPredictions(db, rows, run.id)).toBe(await churnPredictions(db, rows, run.id));
  });

  it.skipIf(kind !== 'postgres')(
    'When the predictions are read on a worker thread, Then they are bit for bit those read in process, and so is every segment churn',
    async () => {
      const rows = columns.customerRows(version);
      const connection = postgresConnection(db);
      if (!rows || !connection) throw new Error('no copy or not PostgreSQL');
      const inProcess = await loadChurnPredictions(db, rows, run.id);
      const { readMs, ...onWorker } = await loadChurnPredictionsOnWorker(connection, rows, run.id)
        .predictions;
      expect(readMs).toBeGreaterThanOrEqual(0);
      expect(onWorker.count).toBe(inProcess.count);
      expect(onWorker.count).toBeGreaterThan(1000);
      // Byte for byte (a float's bits included): the typed arrays' buffers compared as bytes.
      for (const key of [
        'rankOf',
        'risk',
        'predicted',
        'high',
        'purchaseDays',
        'band',
        'expected90',
        'cluster',
      ] as const)
        expect(Buffer.from(onWorker[key].buffer).equals(Buffer.from(inProcess[key].buffer)), key).toBe(true);
      expect(onWorker).toEqual(inProcess);
      for (const [label, stores] of scopes)
        for (const period of PERIODS)
          expect(
            columnsSegmentChurn(rows, onWorker, period, stores, run.asOfDay),
            `${label} ${period.from}..${period.to}`,
          ).toEqual(columnsSegmentChurn(rows, inProcess, period, stores, run.asOfDay));
    },
    120_000,
  );

  it('When the window is copied out in pieces of any size, Then adding them up in order gives the stake made walking the copy', () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    const asOf = epochDay(run.asOfDay);
    const walked = chainStakeOf(rows, asOf);
    expect(walked?.has.some((h) => h === 1)).toBe(true);
    for (const size of [1, 1000, 1e9]) {
      const adder = stakeAdder(rows.customers, asOf);
      for (const piece of stakeWindow(rows, asOf, size)) adder.add(piece);
      expect(adder.finish(), `pieces of ${size}`).toEqual(walked);
    }
  });

  it.skipIf(kind !== 'postgres')(
    "When the predictions' worker makes the chain's stake, Then it is byte for byte the one made in process, and is held",
    async () => {
      const rows = columns.customerRows(version);
      const connection = postgresConnection(db);
      if (!rows || !connection) throw new Error('no copy or not PostgreSQL');
      const asOf = epochDay(run.asOfDay);
      // The run's day, a window reaching past the data, one before the first order (nothing at stake), and the run's.
      for (const day of [asOf - 200, asOf + 100, epochDay('2000-01-01'), asOf]) {
        const { stake } = await readPredictionsOnWorker(connection, rows, run.id, day).predictions;
        const inProcess = chainStakeOf(rows, day);
        expect(stake?.asOf).toBe(day);
        expect(stake?.stake?.has.some((h) => h === 1)).toBe(day !== epochDay('2000-01-01'));
        for (const key of ['cents', 'has'] as const)
          expect(
            Buffer.from(stake!.stake![key].buffer).equals(Buffer.from(inProcess![key].buffer)),
            key,
          ).toBe(true);
        await loadChurnPredictionsOnWorker(connection, rows, run.id, day).predictions;
        expect(chainStakeHeld(rows, day)).toBe(true);
        expect(chainStake(rows, day)).toEqual(inProcess);
      }
    },
    120_000,
  );

  it('When a copy comes into place while a run is served, Then the run’s predictions and the chain-wide figures are made ahead and the first question reads none', async () => {
    const logger = createLogger('silent');
    const fresh = createCustomerColumns({ db, logger, enabled: true });
    const models = createModelService({ db, logger, tryLock });
    try {
      const churn = createChurnProvider(db, models, { service: fresh, logger });
      expect(await fresh.ready(version)).toBe(true);
      const rows = fresh.customerRows(version);
      if (!rows) throw new Error('no copy');
      // No question was asked: the provider read the served run's predictions for the new copy on its own.
      await vi.waitFor(() => expect(heldPredictions(rows)).toEqual([{ runId: run.id, ready: true }]), {
        timeout: 60_000,
        interval: 50,
      });
      // And the chain-wide figures per customer, a slice at a time.
      await vi.waitFor(
        () => {
          expect(chainCustomersHeld(rows)).toBe(true);
          expect(chainStakeHeld(rows, epochDay(run.asOfDay))).toBe(true);
        },
        { timeout: 60_000, interval: 50 },
      );
      const loads = predictionLoadsStarted();
      const period = PERIODS[3]!;
      const answer = await churn.bySegment(run, period, null, version);
      expect(predictionLoadsStarted()).toBe(loads);
      // Made in slices, they answer as the SQL: first-time customers chain-wide (first days), churn (the stake).
      const params = { overdueFactor: 1.5, offPeakHours: null, platformBlocked: null };
      expect(columnsSuggestionFigures(rows, period, null, params)?.firstToSecond).toEqual(
        await targetSummary(db, period, null, { rule: 'first_to_second' }),
      );
      expect(answer).toEqual(
        await segmentChurn(db, { runId: run.id, asOfDay: run.asOfDay, period, stores: null }),
      );
    } finally {
      await models.stop();
      await fresh.stop();
    }
  }, 120_000);
});
