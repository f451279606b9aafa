/**
 * The UCI Online Retail data (real transactions, ../shared/data/online-retail) converted by the adapter and
 * imported: the published and measured facts of its SOURCE.md hold after the import, and every one of its
 * 541,909 lines is either imported or rejected with the reason the format gives. Skipped when the shared data
 * folder is absent.
 */
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { kpiFigures } from '../../portrait/kpis';
import { convertOnlineRetail, DEFAULT_SOURCE, type ConvertStats } from '../adapters/online-retail';
import { csvRecords } from '../csv-records';
import { collectFiles, importFiles } from '../import-files';
import type { ImportJobRow } from '../../../db/queries/import-jobs';
import { tempDir } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const present = fs.existsSync(DEFAULT_SOURCE);

/** Independent of the adapter: which source lines the format must reject, counted straight from the file. */
async function expectedRejects(): Promise<{ badQuantity: number; badPrice: number }> {
  async function* text() {
    for await (const c of fs.createReadStream(DEFAULT_SOURCE).pipe(createGunzip())) yield String(c);
  }
  let badQuantity = 0;
  let badPrice = 0;
  let first = true;
  for await (const r of csvRecords(text())) {
    if (first || !r.fields) {
      first = false;
      continue;
    }
    const [invoice = '', , , qty = '0', , price = '0'] = r.fields;
    if (!invoice.startsWith('C') && Number(qty) <= 0) badQuantity++;
    else if (Number(price) < 0) badPrice++;
  }
  return { badQuantity, badPrice };
}

describe.skipIf(!present)('Online Retail, real data from ../shared/data (skipped when absent)', () => {
  const folder = tempDir('portrait-online-retail-');
  let stats: ConvertStats;
  let rejects: { badQuantity: number; badPrice: number };
  beforeAll(async () => {
    stats = await convertOnlineRetail(DEFAULT_SOURCE, folder);
    rejects = await expectedRejects();
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('When the file is converted, Then its lines, invoices, customers, products and countries are the published counts', () => {
    expect(stats).toEqual({
      lines: 541_909,
      invoices: 25_900,
      customers: 4_372,
      products: 4_070,
      countries: 38,
    });
  });

  describe.each(databaseKinds())('imported (%s)', (kind) => {
    let database: Awaited<ReturnType<typeof openTestDatabase>>;
    let job: ImportJobRow;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      job = await importFiles(database, collectFiles([folder]));
    });
    afterAll(async () => {
      await database?.dispose();
    });
    const one = async <T extends Record<string, unknown>>(q: string) =>
      (await queryRows<T>(database.db, sql.raw(q)))[0] as T;

    it('When imported, Then every line is imported or rejected with the format reason', async () => {
      expect(job.status).toBe('succeeded');
      const items = (job.counts as Record<string, { read: number; rejected: number; inserted: number }>)
        .order_items;
      expect(items?.read).toBe(541_909);
      expect(job.rowsImported + job.rowsRejected).toBe(job.rowsRead);
      expect((job.quality as { rejectedByReason: Record<string, number> }).rejectedByReason).toEqual({
        bad_quantity: rejects.badQuantity,
        bad_number: rejects.badPrice,
      });
      expect(Number((await one<{ n: string }>('select count(*) as n from order_items')).n)).toBe(
        541_909 - job.rowsRejected,
      );
    });

    it('When imported, Then customers, countries, invoices, cancellations and the date range are as published', async () => {
      expect(Number((await one<{ n: string }>('select count(*) as n from customers')).n)).toBe(4_372);
      expect(Number((await one<{ n: string }>('select count(distinct city) as n from stores')).n)).toBe(38);
      const orders = await one<{ n: string; cancelled: string; first: string; last: string }>(
        `select count(*) as n, count(*) filter (where status = 'cancelled') as cancelled,
                to_char(min(ordered_at) at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as first,
                to_char(max(ordered_at) at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as last from orders`,
      );
      // 2010-12-01 08:26 and 2011-12-09 12:50 UK time are GMT (= UTC) in December.
      expect({ ...orders, n: Number(orders.n), cancelled: Number(orders.cancelled) }).toEqual({
        n: 25_900,
        cancelled: 3_836,
        first: '2010-12-01 08:26',
        last: '2011-12-09 12:50',
      });
      // A summer invoice carries BST: 2011-06-01 is UTC+1, so 12:xx London is 11:xx UTC and 19:xx in Shanghai.
      const summer = await one<{ utc: number; hour: number }>(
        `select extract(hour from ordered_at at time zone 'UTC')::int as utc, hour from orders
         where ordered_at >= '2011-06-01T11:00:00Z' and ordered_at < '2011-06-01T12:00:00Z' limit 1`,
      );
      expect(summer).toEqual({ utc: 11, hour: 19 });
    });

    it('When the dashboard figures are computed over the whole period, Then customers and revenue match SOURCE.md', async () => {
      const k = await kpiFigures(database.db, { from: '2010-12-01', to: '2011-12-10' }, null);
      // Measured there: 4,339 customers with a non-cancelled line of positive quantity.
      expect(k.activeCustomers).toBe(4_339);
      const revenue = await one<{ s: string }>(
        `select sum(amount)::text as s from orders where status = 'completed' and customer_id is not null`,
      );
      // Σ Quantity × UnitPrice over those customers' lines with quantity and price > 0.
      expect(revenue.s).toBe('8911407.90');
    });
  });
});
