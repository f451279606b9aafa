/**
 * The slipping-away list from the columns equals the SQL (`slippingAway`) on the small demo with a fitted model run:
 * the same total, the same customers in the same order and every field the same (toEqual is Object.is per number),
 * for five store sets × six periods (one empty, one reversed), at the run's as-of day and another, for the first and
 * second page of 6, a page past the end and one page holding the whole list (every row's day count and spend).
 */
import { sql } from 'drizzle-orm';
import { addDays } from '@portrait/shared/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Db } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { slippingAway } from '../../../db/queries/slipping-away';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import { loadDemo } from '../../demo/load-demo';
import { refreshModels } from '../../models/refresh-models';
import { churnPredictions } from '../churn-columns';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { columnsSlippingAway, predictionsIfRead } from '../slipping-columns';
import { storeScopes } from './store-scopes';

const END = '2025-06-30';
const PERIODS: Period[] = [
  { from: addDays(END, -29), to: END },
  { from: addDays(END, -89), to: addDays(END, -14) },
  { from: addDays(END, -364), to: END },
  { from: '2020-01-01', to: '2030-12-31' },
  { from: '2025-07-01', to: '2025-07-31' },
  { from: '2025-05-10', to: '2025-05-01' },
];
const PAGES = [
  { limit: 6, offset: 0 },
  { limit: 6, offset: 6 },
  { limit: 6, offset: 100_000 },
  { limit: 100_000, offset: 0 },
];

describe.each(databaseKinds())('Slipping-away list: the columns equal the SQL (%s)', (kind) => {
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
  }, 600_000);
  afterAll(async () => {
    await columns?.stop();
    await dispose?.();
  });

  it('When the predictions are not read yet, Then the columns do not answer, and once read they do', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    const a = { runId: run.id, period: PERIODS[0]!, stores: null, asOfDay: run.asOfDay, limit: 6, offset: 0 };
    expect(await predictionsIfRead(db, rows, run.id)).toBeNull();
    expect(await columnsSlippingAway(db, rows, a)).toBeNull();
    await churnPredictions(db, rows, run.id);
    expect(await predictionsIfRead(db, rows, run.id)).not.toBeNull();
    expect(await columnsSlippingAway(db, rows, a)).toEqual(await slippingAway(db, a));
  });

  it('When every scope, period and page is asked, Then the columns give exactly the SQL list', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    await churnPredictions(db, rows, run.id);
    let long = 0;
    let repeatVisits = 0;
    for (const asOfDay of [run.asOfDay, addDays(run.asOfDay, -100)])
      for (const [label, stores] of scopes)
        for (const period of PERIODS)
          for (const page of PAGES) {
            const a = { runId: run.id, period, stores, asOfDay, ...page };
            const at = `${label} ${period.from}..${period.to} as of ${asOfDay}, ${page.limit} from ${page.offset}`;
            const expected = await slippingAway(db, a);
            expect(await columnsSlippingAway(db, rows, a), at).toEqual(expected);
            if (expected.total > 12) long++;
            repeatVisits += expected.rows.filter((r) => r.visits12m > 1).length;
          }
    // Not vacuous: many lists run past the second page, and many customers came on several days.
    expect(long).toBeGreaterThan(40);
    expect(repeatVisits).toBeGreaterThan(100);
  }, 300_000);
});
