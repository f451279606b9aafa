/**
 * The whole data's quality report in single passes (db/queries/data-quality-overall.ts) equals the former SQL
 * (helpers/reference-quality.ts, several scans) on the demo chain and after every kind of dirty row is added,
 * and a small chain's figures are worked out by hand. So does the norm of each import's own report.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { amountNorm } from '../../../db/queries/data-quality';
import { overallQuality } from '../../../db/queries/data-quality-overall';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { referenceAmountNorm, referenceQuality } from '../../../__tests__/helpers/reference-quality';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const order = (
  id: string,
  customer: string | null,
  store: string,
  at: string,
  amount: number,
  extra = {},
) => ({
  id,
  customer,
  store,
  at,
  amount,
  channel: 'pos',
  orderType: 'dine_in' as string | null,
  status: 'completed',
  ...extra,
});
type Order = ReturnType<typeof order>;

async function insertOrders(database: Database, orders: Order[]) {
  for (const o of orders)
    await database.db.execute(sql`
      insert into orders (id, customer_id, store_id, ordered_at, day, hour, channel, order_type, amount, status)
      values (${o.id}, ${o.customer}, ${o.store}, ${o.at}::timestamptz,
              (${o.at}::timestamptz at time zone 'Asia/Shanghai')::date, 12, ${o.channel}, ${o.orderType},
              ${o.amount}, ${o.status})`);
}

describe.each(databaseKinds())('The quality report in single passes (%s)', (kind) => {
  let demo: Database & { dispose: () => Promise<void> };
  let hand: Database & { dispose: () => Promise<void> };

  beforeAll(async () => {
    [demo, hand] = await Promise.all([openTestDatabase(kind), openTestDatabase(kind)]);
    await loadDemo(demo, { size: 'small', seed: 11, endDate: '2025-06-30' });
  }, 240_000);
  afterAll(async () => {
    await Promise.all([demo?.dispose(), hand?.dispose()]);
  });

  it('When the data is the demo chain, and then when every kind of dirty row is added, Then the figures equal the former SQL', async () => {
    expect(await overallQuality(demo.db)).toEqual(await referenceQuality(demo.db));
    const [store] = await queryRows<{ id: string }>(
      demo.db,
      sql`select id from stores where opened_on is not null order by id limit 1`,
    );
    const [customer] = await queryRows<{ id: string }>(
      demo.db,
      sql`select id from customers order by id limit 1`,
    );
    const s = store?.id ?? '';
    const c = customer?.id ?? '';
    const steps: Order[][] = [
      // Amounts at and below zero, far above the norm, and a refunded one far above it (not an outlier).
      [
        order('QZ1', c, s, '2025-06-10T04:00:00Z', 0),
        order('QZ2', null, s, '2025-06-10T04:00:00Z', -5.5),
        order('QBIG', c, s, '2025-06-10T04:00:00Z', 99_999.99),
        order('QREF', c, s, '2025-06-10T04:00:00Z', 88_888.88, { status: 'refunded' }),
      ],
      // The future, before the store opened, no channel, an "unknown" one, no order type.
      [
        order('QFUT', c, s, '2099-01-01T04:00:00Z', 12.34),
        order('QOLD', c, s, '2000-01-01T04:00:00Z', 12.34),
        order('QCH1', c, s, '2025-06-11T04:00:00Z', 7, { channel: ' ' }),
        order('QCH2', null, s, '2025-06-11T04:00:00Z', 7, { channel: 'unknown', orderType: null }),
      ],
      // Repeated orders: three of one (two repeats), two of another; guests' repeats do not count.
      [
        order('QR1', c, s, '2025-06-12T04:00:00Z', 25.5),
        order('QR2', c, s, '2025-06-12T04:00:00Z', 25.5),
        order('QR3', c, s, '2025-06-12T04:00:00Z', 25.5),
        order('QR4', c, s, '2025-06-12T05:00:00Z', 30),
        order('QR5', c, s, '2025-06-12T05:00:00Z', 30),
        order('QG1', null, s, '2025-06-12T05:00:00Z', 30),
        order('QG2', null, s, '2025-06-12T05:00:00Z', 30),
      ],
    ];
    for (const step of steps) {
      await insertOrders(demo, step);
      expect(await overallQuality(demo.db)).toEqual(await referenceQuality(demo.db));
      // The norm each import's own report states (stagedQuality) comes from the same distribution.
      expect(await amountNorm(demo.db)).toEqual(await referenceAmountNorm(demo.db));
    }
    // Orphans and customers: items of a missing order and of a missing product, shared, blank and missing phones,
    // nameless customers, id-only ones.
    await demo.db.execute(sql`insert into order_items (order_id, line_no, product_id, quantity, amount)
      values ('QNONE', 1, 'P-NONE', 1, 1), ('QBIG', 1, 'P-NONE', 1, 1)`);
    await demo.db.execute(sql`insert into customers (id, phone, name) values
      ('QC1', '13900000000', 'a'), ('QC2', '13900000000', ' '), ('QC3', '13900000000', null),
      ('QC4', ' ', 'b'), ('QC5', ' ', 'c'), ('QC6', null, null)`);
    const after = await overallQuality(demo.db);
    expect(after).toEqual(await referenceQuality(demo.db));
    expect(after.duplicates.repeatedOrders).toBeGreaterThanOrEqual(3);
    expect(after.orphans.itemsWithoutOrder).toBeGreaterThanOrEqual(1);
    expect(after.orphans.itemsWithoutProduct).toBeGreaterThanOrEqual(2);
    expect(after.orders.examples.future).toContain('QFUT');
  });

  it('When a small chain is worked out by hand, Then every figure is as computed', async () => {
    await hand.db.execute(sql`insert into cities (name, province) values ('上海', '上海')`);
    await hand.db.execute(
      sql`insert into stores (id, name, city, opened_on) values ('S1', 'a', '上海', '2025-01-01')`,
    );
    await hand.db.execute(sql`insert into products (id, name, category) values ('P1', 'a', 'x')`);
    await hand.db.execute(sql`insert into customers (id, phone, name) values
      ('C1', '138', 'a'), ('C2', '138', null), ('C3', null, 'c'), ('C4', null, null)`);
    // Completed amounts 10, 20, 30, 40, 1000 (and 40 again, repeated by C1): n = 6, Q1 at row 1.25 = 20 + 10 × 0.25,
    // median at row 2.5 = 35, Q3 at row 3.75 = 40; fence = 40 + 3 × 17.5 = 92.5. A refunded 500 is not counted.
    await insertOrders(hand, [
      order('O1', 'C1', 'S1', '2025-06-01T04:00:00Z', 10),
      order('O2', 'C1', 'S1', '2025-06-02T04:00:00Z', 20),
      order('O3', 'C2', 'S1', '2025-06-03T04:00:00Z', 30),
      order('O4', 'C1', 'S1', '2025-06-04T04:00:00Z', 40),
      order('O5', 'C1', 'S1', '2025-06-04T04:00:00Z', 40),
      order('O6', null, 'S1', '2024-06-05T04:00:00Z', 1000, { orderType: null }),
      order('O7', 'C2', 'S1', '2025-06-06T04:00:00Z', 500, { status: 'refunded' }),
    ]);
    await hand.db.execute(sql`insert into order_items (order_id, line_no, product_id, quantity, amount) values
      ('O1', 1, 'P1', 1, 10), ('O2', 1, 'P9', 1, 20), ('O9', 1, 'P1', 1, 5)`);
    const q = await overallQuality(hand.db);
    expect(q).toEqual(await referenceQuality(hand.db));
    expect(q.norm).toEqual({ q1: 22.5, median: 35, q3: 40, fence: 92.5 });
    expect(q.orders).toEqual({
      orders: 7,
      guestOrders: 1,
      withoutChannel: 0,
      withoutOrderType: 1,
      nonPositiveAmount: 0,
      aboveNorm: 1,
      future: 0,
      beforeStoreOpened: 1,
      examples: { nonPositiveAmount: [], aboveNorm: ['O6'], future: [], beforeStoreOpened: ['O6'] },
    });
    expect(q.customers).toEqual({ customers: 4, withoutPhone: 2, withoutName: 2, stubs: 1 });
    expect(q.duplicates).toEqual({ sharedPhones: 1, customersSharingPhone: 2, repeatedOrders: 1 });
    expect(q.orphans).toEqual({
      itemsWithoutOrder: 1,
      itemsWithoutProduct: 1,
      ordersWithoutItems: 5,
      customersWithoutOrders: 2,
    });
  });
});
