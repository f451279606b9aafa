/**
 * The demo and imported data: the demo chain exported in the import format and imported into an empty
 * database gives the same tables as loading the demo directly; the demo loader never replaces imported data.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeta } from '../../../db/queries/data-meta';
import { exportDemoCsv } from '../../demo/export-csv';
import { ensureDemoData, loadDemo } from '../../demo/load-demo';
import { collectFiles, importFiles } from '../import-files';
import { DERIVED, importTexts, tableSnapshot, tempDir } from '../../../__tests__/helpers/import-files';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const DEMO = { size: 'small', seed: 7, endDate: '2025-06-30' } as const;
const SOURCE = [
  'stores',
  'products',
  'customers',
  'orders',
  'order_items',
  'events',
  'reservations',
  'service_tickets',
];

describe.each(databaseKinds())('The demo and imported data (%s)', (kind) => {
  const folder = tempDir('portrait-demo-csv-');
  beforeAll(async () => {
    await exportDemoCsv(DEMO, folder);
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('When the demo is exported as CSV and imported into an empty database, Then every table equals the demo loaded directly', async () => {
    const loaded = await openTestDatabase(kind);
    const imported = await openTestDatabase(kind);
    try {
      await loadDemo(loaded, DEMO);
      const job = await importFiles(imported, collectFiles([folder]));
      expect(job.status).toBe('succeeded');
      expect(job.rowsRejected).toBe(0);
      expect(job.rowsImported).toBe(job.rowsRead);
      for (const table of [...SOURCE, ...DERIVED])
        expect(await tableSnapshot(imported.db, table), table).toEqual(await tableSnapshot(loaded.db, table));
      // Cities come with their stores: same names and provinces (coordinates are the stores' mean).
      const cities = async (db: typeof loaded.db) =>
        (await tableSnapshot(db, 'cities')).map((r) => {
          const c = JSON.parse(r) as { name: string; province: string };
          return `${c.name}/${c.province}`;
        });
      expect(await cities(imported.db)).toEqual(await cities(loaded.db));
    } finally {
      await loaded.dispose();
      await imported.dispose();
    }
  });

  it('When a database holds imported data, Then the demo is not loaded over it and the data stays', async () => {
    const database = await openTestDatabase(kind);
    try {
      await importTexts(database, CLEAN);
      const before = await tableSnapshot(database.db, 'orders');
      const result = await ensureDemoData(database, DEMO);
      expect(result.loaded).toBe(false);
      expect(result.refused).toMatch(/imported data.*DEMO_SIZE=none/);
      await expect(loadDemo(database, DEMO)).rejects.toThrow(/refusing to load the demo/);
      expect(await tableSnapshot(database.db, 'orders')).toEqual(before);
    } finally {
      await database.dispose();
    }
  });

  it('When rows are imported into a running demo, Then a restart with the same demo keeps both', async () => {
    const database = await openTestDatabase(kind);
    try {
      await loadDemo(database, DEMO);
      await importTexts(database, {
        'orders.csv': 'order_id,store_id,ordered_at,channel,amount\nMINE-1,S001,2025-06-30 12:00,pos,88',
      });
      const result = await ensureDemoData(database, { size: 'small', seed: 7 });
      expect(result).toEqual({ loaded: false, endDate: DEMO.endDate });
      expect((await tableSnapshot(database.db, 'orders')).some((r) => r.includes('MINE-1'))).toBe(true);
      expect(await getMeta(database.db, 'imported')).not.toBeNull();
    } finally {
      await database.dispose();
    }
  });
});
