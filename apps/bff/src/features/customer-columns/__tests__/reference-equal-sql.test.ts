/**
 * Customer 360's reference population of a store set from the columns equals the SQL (`distributionPairs`) on the
 * small demo — every (value, customers) pair of R, F and M, the population and its Σ orders and Σ revenue, to the
 * last bit — for one store, three stores, a city, every store named, no stores and an unknown store, measured at
 * the data's last day and at two other days; and Customer 360's references built with the columns are the SQL's.
 * On PGlite and on PostgreSQL.
 */
import { addDays } from '@portrait/shared/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Db } from '../../../db/client';
import { distributionPairs, type DistributionPairs } from '../../../db/queries/customer-summary';
import { getDataVersion } from '../../../db/queries/data-meta';
import { getDataSpan } from '../../../db/queries/meta';
import { createLogger } from '../../../lib/logger';
import { createResultCache } from '../../../lib/result-cache';
import { createReferences } from '../../customer360/reference';
import { loadDemo } from '../../demo/load-demo';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { columnsDistributionPairs } from '../reference-pass';
import { storeScopes } from './store-scopes';

const END = '2025-06-30';

const sorted = (p: DistributionPairs) => {
  const by = (rows: DistributionPairs['r']) => [...rows].sort((a, b) => a.value - b.value);
  return { ...p, r: by(p.r), f: by(p.f), m: by(p.m) };
};

describe.each(databaseKinds())('Customer 360 reference from the columns equals the SQL (%s)', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let columns: CustomerColumnsService;
  let version: number;
  let lastDay: string;
  const sets: [string, readonly string[]][] = [];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    db = database.db;
    await loadDemo(database, { size: 'small', seed: 11, endDate: END });
    version = await getDataVersion(db);
    lastDay = (await getDataSpan(db)).lastDay!;
    columns = createCustomerColumns({ db, logger: createLogger('silent'), enabled: true });
    expect(await columns.ready(version)).toBe(true);
    const scopes = await storeScopes(db);
    for (const [name, stores] of scopes) if (stores !== null) sets.push([name, stores]);
    const every = (await db.query.stores.findMany({ columns: { id: true } })).map((s) => s.id).sort();
    sets.push(['every store named', every], ['an unknown store', ['NO-SUCH-STORE']]);
  }, 600_000);
  afterAll(async () => {
    await columns?.stop();
    await dispose?.();
  });

  it('When a store set is measured at a day, Then every pair, the population and its sums are the SQL’s', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    let nonEmpty = 0;
    for (const [name, stores] of sets)
      for (const asOf of [lastDay, addDays(lastDay, 30), addDays(lastDay, -90)]) {
        const fromColumns = columnsDistributionPairs(rows, stores, asOf);
        const fromSql = await distributionPairs(db, stores, asOf);
        expect(fromColumns && sorted(fromColumns), `${name} at ${asOf}`).toEqual(sorted(fromSql));
        if (fromSql.customers > 0) nonEmpty++;
      }
    // Not vacuous: all but the empty and unknown sets have customers, with several distinct values each.
    expect(nonEmpty).toBe((sets.length - 2) * 3);
    const one = await distributionPairs(db, sets[0]![1], lastDay);
    expect(Math.min(one.r.length, one.f.length, one.m.length)).toBeGreaterThan(3);
  });

  it('When Customer 360 builds a store set’s reference with the columns, Then it is the one built by the SQL', async () => {
    const cache = () => createResultCache({ enabled: true });
    const withColumns = createReferences(db, cache(), columns.customerRows);
    const sqlOnly = createReferences(db, cache());
    for (const [name, stores] of sets)
      expect(await withColumns.get(version, stores), name).toEqual(await sqlOnly.get(version, stores));
  });
});
