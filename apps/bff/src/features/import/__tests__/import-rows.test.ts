/**
 * Importing a small hand-written chain: what lands where, every kind of bad row with its reason, counts that
 * add up, idempotent re-import, a changed row, customer stubs, and columns missing from a header.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataVersion } from '../../../db/queries/data-meta';
import { rebuildDerived } from '../../../db/queries/derived';
import { queryRows } from '../../../db/sql';
import { ENTITIES } from '../formats';
import { collectFiles, importFiles } from '../import-files';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';
import { DERIVED, importTexts, rejectsOf, tableSnapshot } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';

async function rows<T extends Record<string, unknown>>(database: Database, query: string) {
  return queryRows<T>(database.db, sql.raw(query));
}

describe.each(databaseKinds())('Importing rows (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When a clean chain is imported into an empty database, Then every row lands with its local day and hour', async () => {
    const job = await importTexts(database, CLEAN);
    expect(job.status).toBe('succeeded');
    expect(job.rowsRejected).toBe(0);
    expect(job.rowsRead).toBe(3 + 3 + 2 + 4 + 4);
    expect(job.rowsImported).toBe(job.rowsRead);
    const orders = await rows<{
      id: string;
      day: string;
      hour: number;
      status: string;
      discount: string;
      customer_id: string | null;
    }>(
      database,
      `select id, day::text as day, hour, status, discount::text as discount, customer_id from orders order by id`,
    );
    expect(orders).toEqual([
      { id: 'O1', day: '2025-06-01', hour: 12, status: 'completed', discount: '0.00', customer_id: 'C1' },
      { id: 'O2', day: '2025-06-02', hour: 18, status: 'completed', discount: '0.00', customer_id: 'C1' },
      { id: 'O3', day: '2025-06-02', hour: 11, status: 'completed', discount: '5.00', customer_id: null },
      { id: 'O4', day: '2025-06-03', hour: 9, status: 'refunded', discount: '0.00', customer_id: 'C9' },
    ]);
    // S2 has no province but its city came with S1's; 广州 is new with its province.
    expect(await rows(database, `select name, province from cities order by name`)).toEqual([
      { name: '上海', province: '上海' },
      { name: '广州', province: '广东' },
    ]);
    // C9 was unknown: a stub, counted in the job's report.
    expect(await rows(database, `select id, phone from customers order by id`)).toEqual([
      { id: 'C1', phone: '13800138000' },
      { id: 'C2', phone: null },
      { id: 'C9', phone: null },
    ]);
    expect((job.quality as { customerStubs: number }).customerStubs).toBe(1);
    // Items: amounts from the file, else quantity × the row's or the product's price; line numbers in file order.
    expect(
      await rows(
        database,
        `select order_id, line_no, product_id, quantity, amount::text as amount from order_items order by 1, 2`,
      ),
    ).toEqual([
      { order_id: 'O1', line_no: 1, product_id: 'P1', quantity: 2, amount: '24.00' },
      { order_id: 'O1', line_no: 2, product_id: 'P2', quantity: 1, amount: '6.50' },
      { order_id: 'O2', line_no: 1, product_id: 'P1', quantity: 1, amount: '12.00' },
      { order_id: 'O3', line_no: 1, product_id: 'P3', quantity: 3, amount: '15.00' },
    ]);
    // Completed orders only, guests in revenue but not in customer rows.
    expect(
      await rows(
        database,
        `select day::text as day, store_id, customer_id, orders, revenue::text as revenue from customer_store_days order by 1, 2`,
      ),
    ).toEqual([
      { day: '2025-06-01', store_id: 'S1', customer_id: 'C1', orders: 1, revenue: '30.50' },
      { day: '2025-06-02', store_id: 'S2', customer_id: 'C1', orders: 1, revenue: '12.00' },
    ]);
    expect(job.dataVersion).toBe(await getDataVersion(database.db));
  });

  it('When the same files are imported again, Then nothing changes: same rows, same derived tables, same version', async () => {
    const before = await Promise.all(
      ['orders', 'order_items', 'customers', 'stores', ...DERIVED].map((t) => tableSnapshot(database.db, t)),
    );
    const version = await getDataVersion(database.db);
    const job = await importTexts(database, CLEAN);
    expect(job.status).toBe('succeeded');
    const counts = job.counts as Record<string, { inserted: number; updated: number; unchanged: number }>;
    for (const [entity, c] of Object.entries(counts)) {
      expect(c.inserted, entity).toBe(0);
      expect(c.updated, entity).toBe(0);
    }
    expect(await getDataVersion(database.db)).toBe(version);
    const after = await Promise.all(
      ['orders', 'order_items', 'customers', 'stores', ...DERIVED].map((t) => tableSnapshot(database.db, t)),
    );
    expect(after).toEqual(before);
  });

  it('When a row changes, Then it updates, the derived tables follow, and columns missing from the header keep their values', async () => {
    const job = await importTexts(database, {
      'orders.csv': [
        'order_id,customer_id,store_id,ordered_at,channel,amount',
        'O1,C2,S1,2025-06-01 12:30:00,pos,35.00',
      ].join('\n'),
      'customers.csv': ['customer_id,member_level', 'C1,platinum'].join('\n'),
    });
    expect(job.status).toBe('succeeded');
    expect((job.counts as Record<string, { updated: number }>).orders?.updated).toBe(1);
    const [o1] = await rows<{
      customer_id: string;
      amount: string;
      order_type: string;
      payment_method: string;
    }>(
      database,
      `select customer_id, amount::text as amount, order_type, payment_method from orders where id = 'O1'`,
    );
    expect(o1).toEqual({
      customer_id: 'C2',
      amount: '35.00',
      order_type: 'dine_in',
      payment_method: 'wechat',
    });
    const [c1] = await rows(database, `select phone, name, member_level from customers where id = 'C1'`);
    expect(c1).toEqual({ phone: '13800138000', name: '张三', member_level: 'platinum' });
    const incremental = await Promise.all(DERIVED.map((t) => tableSnapshot(database.db, t)));
    await rebuildDerived(database.db);
    expect(await Promise.all(DERIVED.map((t) => tableSnapshot(database.db, t)))).toEqual(incremental);
    expect(incremental[0]).toContain(
      // 12:30 → hour bit 12; pos (1) and dine_in (32), the kept order type.
      JSON.stringify({
        day: '2025-06-01',
        store_id: 'S1',
        customer_id: 'C2',
        orders: 1,
        revenue: '35.00',
        hour_mask: 2 ** 12,
        mix_mask: 1 + 32,
      }),
    );
  });

  it('When files hold every kind of bad row, Then each is rejected with its line, reason and raw text, and the good rows still land', async () => {
    const job = await importTexts(database, {
      'stores.csv': ['store_id,store_name,city,province', 'S9,西湖店,杭州,'].join('\n'),
      'orders.csv': [
        'order_id,customer_id,store_id,ordered_at,channel,order_type,amount,discount,payment_method,status,note',
        'B1,C1,S1,2025-06-05 12:00,pos,dine_in,10,,,,x',
        'B2,C1,S404,2025-06-05 12:00,pos,dine_in,10,,,,x',
        'B3,C1,S1,2025-13-05 12:00,pos,dine_in,10,,,,x',
        'B4,C1,S1,2025-06-05,pos,dine_in,10,,,,x',
        ',C1,S1,2025-06-05 12:00,pos,dine_in,10,,,,x',
        'B6,C1,S1,2025-06-05 12:00,pos,dine_in,ten,,,,x',
        'B7,C1,S1,2025-06-05 12:00,pos,takeaway,10,,,,x',
        'B8,C1,S1,2025-06-05 12:00,pos,dine_in,10,,,',
        'B9,"C1,S1,2025-06-05 12:00,pos,dine_in,10,,,,x',
        'B1,C1,S1,2025-06-05 13:00,pos,dine_in,11,,,,x',
      ].join('\n'),
      'order_items.csv': [
        'order_id,product_id,quantity,unit_price,amount',
        'B1,P1,-2,12,',
        'B1,P404,1,,',
        'B404,P1,1,,',
        'B1,P3,1,,',
        'B1,P2,2,,',
      ].join('\n'),
      'customers-extra.csv': ['phone,name', '13900000000,王五'].join('\n'),
    });
    expect(job.status).toBe('succeeded');
    const rejects = await rejectsOf(database.db, job.id);
    expect(rejects.map((r) => [r.file, r.line, r.reason])).toEqual([
      ['customers-extra.csv', 2, 'missing_column'],
      ['order_items.csv', 2, 'bad_quantity'],
      ['order_items.csv', 3, 'unknown_product'],
      ['order_items.csv', 4, 'unknown_order'],
      ['order_items.csv', 5, 'missing_amount'],
      ['orders.csv', 2, 'duplicate_id'],
      ['orders.csv', 3, 'unknown_store'],
      ['orders.csv', 4, 'bad_timestamp'],
      ['orders.csv', 5, 'bad_timestamp'],
      ['orders.csv', 6, 'missing_value'],
      ['orders.csv', 7, 'bad_number'],
      ['orders.csv', 8, 'bad_value'],
      ['orders.csv', 9, 'bad_field_count'],
      ['orders.csv', 10, 'bad_csv'],
      ['stores.csv', 2, 'missing_province'],
    ]);
    expect(rejects.find((r) => r.reason === 'unknown_store')?.raw).toBe(
      'B2,C1,S404,2025-06-05 12:00,pos,dine_in,10,,,,x',
    );
    expect(rejects.every((r) => r.message.length > 5)).toBe(true);
    // Every row read is either imported or rejected.
    expect(job.rowsRead).toBe(1 + 10 + 5 + 1);
    expect(job.rowsImported + job.rowsRejected).toBe(job.rowsRead);
    expect(job.rowsRejected).toBe(rejects.length);
    expect(job.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown columns ignored: note'),
        expect.stringContaining('customer_id'),
      ]),
    );
    // The last B1 won; its one good item line landed.
    expect(await rows(database, `select amount::text as amount, hour from orders where id = 'B1'`)).toEqual([
      { amount: '11.00', hour: 13 },
    ]);
    expect(
      await rows(
        database,
        `select product_id, amount::text as amount from order_items where order_id = 'B1'`,
      ),
    ).toEqual([{ product_id: 'P2', amount: '13.00' }]);
  });

  it('When the example files of the README are imported, Then every row of every entity lands', async () => {
    const folder = path.resolve(import.meta.dirname, '../../../../../../docs/import-examples');
    const job = await importFiles(database, collectFiles([folder]));
    expect(job.status).toBe('succeeded');
    expect(job.rowsRejected).toBe(0);
    expect(job.warnings).toEqual([]);
    expect(Object.keys(job.counts as object).sort()).toEqual([...ENTITIES].sort());
    const [o] = await rows<{ n: string; revenue: string }>(
      database,
      `select count(*) as n, sum(amount)::text as revenue from orders where id like 'O2025%' and status = 'completed'`,
    );
    expect(Number(o?.n)).toBe(3);
    expect(o?.revenue).toBe('118.80');
    // The item without amount or unit price takes the product's price.
    expect(
      await rows(
        database,
        `select amount::text as amount from order_items where order_id = 'O20250602002' order by line_no`,
      ),
    ).toEqual([{ amount: '15.00' }, { amount: '6.00' }]);
  });
});
