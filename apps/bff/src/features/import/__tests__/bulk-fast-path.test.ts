/**
 * The fast path of an import into empty tables (one INSERT per table, indexes built after it, derived tables
 * rebuilt the same way) leaves exactly what the merge by id leaves — rows, rejects, counts, derived tables and
 * indexes — and is not taken once a table holds rows.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';
import { DERIVED, importTexts, rejectsOf, tableSnapshot } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import type { ImportJobRow } from '../../../db/queries/import-jobs';

const TABLES = [
  'cities',
  'stores',
  'products',
  'customers',
  'orders',
  'order_items',
  ...DERIVED,
  'customer_summary',
  'session_paths',
];

/** CLEAN with bad rows: a duplicate order id, an unknown store, an item of an unknown order. */
const DIRTY = {
  ...CLEAN,
  'orders.csv': [
    CLEAN['orders.csv'],
    'O5,C2,S9,2025-06-03 10:00,pos,dine_in,18,,,completed',
    'O1,C1,S1,2025-06-01 12:30:00,pos,dine_in,31.50,0,wechat,completed',
  ].join('\n'),
  'order_items.csv': [CLEAN['order_items.csv'], 'O77,P1,1,,'].join('\r\n'),
};

/**
 * CLEAN with bad rows but no duplicate id: the fast path then skips the search for duplicates (the primary key
 * built after the rows would refuse one); DIRTY's duplicate makes it roll back and search.
 */
const DIRTY_WITHOUT_DUPLICATES = {
  ...CLEAN,
  'orders.csv': [CLEAN['orders.csv'], 'O5,C2,S9,2025-06-03 10:00,pos,dine_in,18,,,completed'].join('\n'),
  'order_items.csv': [CLEAN['order_items.csv'], 'O77,P1,1,,'].join('\r\n'),
};

/** The header line of one of CLEAN's files, so a later import speaks the same columns. */
const headerOf = (file: keyof typeof CLEAN) => CLEAN[file].split(/\r?\n/, 1)[0] as string;

/** One more day: a new order, a changed one, and items for both. */
const NEXT = {
  'orders.csv': [
    headerOf('orders.csv'),
    'O2,C1,S2,2025-06-02T18:00:00+08:00,mini_program,pickup,14.00,,alipay,',
    'O6,C7,S3,2025-06-04 13:00,pos,dine_in,22.00,,,completed',
  ].join('\n'),
  'order_items.csv': [headerOf('order_items.csv'), 'O2,P2,2,,', 'O6,P1,1,,'].join('\n'),
};

async function snapshot(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) out[t] = await tableSnapshot(database.db, t);
  return out;
}

/** Every index and key of the import's tables, as PostgreSQL would re-create them. */
async function indexDefinitions(database: Database): Promise<string[]> {
  const rows = await queryRows<{ def: string }>(
    database.db,
    sql`select tablename || ': ' || indexdef as def from pg_indexes
        where schemaname = current_schema() order by tablename, indexname`,
  );
  return rows.map((r) => r.def);
}

const countsOf = (job: ImportJobRow) => job.counts as Record<string, Record<string, unknown>>;
const withoutPath = (job: ImportJobRow) =>
  Object.fromEntries(
    Object.entries(countsOf(job)).map(([entity, c]) => {
      const { path: _path, ...rest } = c;
      return [entity, rest];
    }),
  );

describe.each(databaseKinds())('The fast path into empty tables (%s)', (kind) => {
  let fast: Awaited<ReturnType<typeof openTestDatabase>>;
  let merged: Awaited<ReturnType<typeof openTestDatabase>>;
  let indexesBefore: string[];
  beforeAll(async () => {
    fast = await openTestDatabase(kind);
    merged = await openTestDatabase(kind);
    indexesBefore = await indexDefinitions(fast);
  });
  afterAll(async () => {
    await fast?.dispose();
    await merged?.dispose();
  });

  it('When a dirty chain is imported into an empty database, Then the fast path leaves what the merge by id leaves', async () => {
    const a = await importTexts(fast, DIRTY);
    const b = await importTexts(merged, DIRTY, { bulkLoad: false });
    expect(a.status).toBe('succeeded');
    expect(b.status).toBe('succeeded');
    for (const entity of ['stores', 'products', 'customers', 'orders', 'order_items'])
      expect(countsOf(a)[entity]?.path, entity).toBe('bulk');
    expect(countsOf(b).orders?.path).toBe('merge');
    expect(withoutPath(a)).toEqual(withoutPath(b));
    expect(a.quality).toEqual(b.quality);
    expect(a.rowsRejected).toBe(3);
    expect((a.quality as { refresh: string }).refresh).toBe('full');
    expect(await rejectsOf(fast.db, a.id)).toEqual(await rejectsOf(merged.db, b.id));
    expect(await snapshot(fast)).toEqual(await snapshot(merged));
    // The dropped indexes and keys are all back, as the migrations made them.
    expect(await indexDefinitions(fast)).toEqual(indexesBefore);
  });

  it('When the tables hold rows, Then the merge by id runs and the result still matches', async () => {
    const a = await importTexts(fast, NEXT);
    const b = await importTexts(merged, NEXT, { bulkLoad: false });
    expect(countsOf(a).orders).toMatchObject({ path: 'merge', inserted: 1, updated: 1 });
    expect(countsOf(a).order_items?.path).toBe('merge');
    expect(withoutPath(a)).toEqual(withoutPath(b));
    expect(await snapshot(fast)).toEqual(await snapshot(merged));
    // Re-importing changes nothing.
    const again = await importTexts(fast, NEXT);
    expect(countsOf(again).orders).toMatchObject({ path: 'merge', inserted: 0, updated: 0, unchanged: 2 });
    expect(again.dataVersion).toBe(a.dataVersion);
  });

  it('When a chain without duplicate ids is imported into an empty database, Then the fast path (no search for duplicates) leaves what the merge by id leaves', async () => {
    const [fast2, merged2] = [await openTestDatabase(kind), await openTestDatabase(kind)];
    try {
      const a = await importTexts(fast2, DIRTY_WITHOUT_DUPLICATES);
      const b = await importTexts(merged2, DIRTY_WITHOUT_DUPLICATES, { bulkLoad: false });
      expect(countsOf(a).orders).toMatchObject({ path: 'bulk', rejected: 1 });
      expect(withoutPath(a)).toEqual(withoutPath(b));
      expect(a.quality).toEqual(b.quality);
      expect(a.rowsRejected).toBe(2);
      expect(await rejectsOf(fast2.db, a.id)).toEqual(await rejectsOf(merged2.db, b.id));
      expect(await snapshot(fast2)).toEqual(await snapshot(merged2));
      expect(await indexDefinitions(fast2)).toEqual(indexesBefore);
    } finally {
      await fast2.dispose();
      await merged2.dispose();
    }
  });
});
