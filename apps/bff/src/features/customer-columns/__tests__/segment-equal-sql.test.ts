/**
 * An RFM segment's customer list from the columns equals the SQL (`segmentCustomers`) on the small demo: the same
 * total, the same customers in the same order (ties on revenue by customer id in the database's collation) and
 * every field the same (toEqual is Object.is per number), for six store sets (the chain, one store, three stores,
 * a city, the demo manager's stores, none) × seven periods (today, 7, 30 and 365 days, a custom range, one after
 * the data, one reversed) × every segment key, for the whole list; and page by page (the first and second page of
 * 20, an odd page of 7 from 13, a page of 200, a page past the end) on fewer periods.
 */
import { addDays } from '@portrait/shared/dates';
import { SEGMENT_FLAGS, SEGMENT_KEYS } from '@portrait/shared/segments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Db } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import type { Period } from '../../../db/queries/portrait';
import { storeManagerStoreSets } from '../../../db/queries/precomputed-results';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { segmentCustomers } from '../../../db/queries/segment-customers';
import { createLogger } from '../../../lib/logger';
import { bootstrapUsers } from '../../auth/bootstrap-users';
import { loadDemo } from '../../demo/load-demo';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { columnsSegmentCustomers } from '../segment-columns';
import { storeScopes } from './store-scopes';

const END = '2025-06-30';
const PERIODS: [string, Period][] = [
  ['today', { from: END, to: END }],
  ['7 days', { from: addDays(END, -6), to: END }],
  ['30 days', { from: addDays(END, -29), to: END }],
  ['365 days', { from: addDays(END, -364), to: END }],
  ['custom', { from: '2025-02-10', to: '2025-04-03' }],
  ['after the data', { from: '2025-07-01', to: '2025-07-31' }],
  ['reversed', { from: '2025-05-10', to: '2025-05-01' }],
];
const PAGED_PERIODS = new Set(['today', '30 days', 'custom']);
const PAGES = [
  { limit: 20, offset: 0 },
  { limit: 20, offset: 20 },
  { limit: 7, offset: 13 },
  { limit: 200, offset: 0 },
  { limit: 20, offset: 100_000 },
];

describe.each(databaseKinds())('Segment customer lists: the columns equal the SQL (%s)', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let columns: CustomerColumnsService;
  let version: number;
  const scopes: [string, StoreFilter][] = [];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    db = database.db;
    await loadDemo(database, { size: 'small', seed: 5, endDate: END });
    await bootstrapUsers(db, { demoMode: true, demoPassword: 'demo1234' });
    version = await getDataVersion(db);
    columns = createCustomerColumns({ db, logger: createLogger('silent'), enabled: true });
    expect(await columns.ready(version)).toBe(true);
    scopes.push(...(await storeScopes(db)));
    const [managed] = await storeManagerStoreSets(db);
    if (!managed) throw new Error('no store manager');
    scopes.push(["the manager's stores", managed]);
  }, 600_000);
  afterAll(async () => {
    await columns?.stop();
    await dispose?.();
  });

  it('When every scope, period and segment is asked, Then the columns give exactly the SQL list', async () => {
    const rows = columns.customerRows(version);
    if (!rows) throw new Error('no copy');
    let long = 0;
    let ties = 0;
    for (const [label, stores] of scopes)
      for (const [name, period] of PERIODS)
        for (const key of SEGMENT_KEYS) {
          const flags = SEGMENT_FLAGS[key];
          const pages = [{ limit: null, offset: 0 }, ...(PAGED_PERIODS.has(name) ? PAGES : [])];
          for (const page of pages) {
            const at = `${label}, ${name}, ${key}, ${page.limit} from ${page.offset}`;
            const expected = await segmentCustomers(db, period, stores, flags, page);
            const a = { period, stores, flags, ...page };
            expect(await columnsSegmentCustomers(db, rows, a), at).toEqual(expected);
            if (page.limit !== null) continue;
            if (expected.total > 40) long++;
            const list = expected.rows;
            for (let i = 1; i < list.length; i++) if (list[i]!.revenue === list[i - 1]!.revenue) ties++;
          }
        }
    // Not vacuous: many lists run past the second page, and many neighbours tie on revenue.
    expect(long).toBeGreaterThan(50);
    expect(ties).toBeGreaterThan(100);
  }, 600_000);
});
