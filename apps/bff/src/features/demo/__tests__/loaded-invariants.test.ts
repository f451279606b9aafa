/**
 * The small demo chain loaded into a real database (in-memory PGlite; PostgreSQL too when TEST_DATABASE_URL is
 * set): the invariants every panel relies on, and the realism the charts and models are meant to show.
 */
import { shanghaiDay, shanghaiHour } from '@portrait/shared/dates';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo, type DemoLoadResult } from '../load-demo';

const END = '2025-06-30';

describe.each(databaseKinds())('Small demo chain loaded into %s', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let result: DemoLoadResult;
  const rows = <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(database.db, query);
  const count = async (query: SQL) => Number((await rows<{ n: string }>(query))[0]?.n ?? NaN);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    result = await loadDemo(database, { size: 'small', seed: 42, endDate: END });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('has the small size: ~8 stores in 3 cities, 2,000 customers, 20–30k orders over 12 months', async () => {
    expect(result.rows.cities).toBe(3);
    expect(result.rows.stores).toBe(8);
    expect(result.rows.customers).toBe(2_000);
    expect(result.rows.orders).toBeGreaterThan(20_000);
    expect(result.rows.orders).toBeLessThan(30_000);
    expect(await count(sql`select count(*) as n from orders`)).toBe(result.rows.orders);
    const [span] = await rows<{ first: string; last: string }>(
      sql`select min(day)::text as first, max(day)::text as last from orders`,
    );
    expect(span).toEqual({ first: '2024-07-01', last: END });
  });

  it('keeps referential integrity: stores, customers and products of every row exist', async () => {
    expect(
      await count(
        sql`select count(*) as n from orders o left join stores s on s.id = o.store_id where s.id is null`,
      ),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from orders o left join customers c on c.id = o.customer_id
                      where o.customer_id is not null and c.id is null`),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from order_items i left join orders o on o.id = i.order_id where o.id is null`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from order_items i left join products p on p.id = i.product_id where p.id is null`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from orders o where not exists (select 1 from order_items i where i.order_id = o.id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from events e left join customers c on c.id = e.customer_id where c.id is null`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from stores s left join cities c on c.name = s.city where c.name is null`,
      ),
    ).toBe(0);
  });

  it('adds up money: items at menu price, paid amount = items − discount, amount > 0', async () => {
    expect(
      await count(
        sql`select count(*) as n from order_items where amount <> unit_price * quantity or quantity < 1`,
      ),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from orders o
                      join (select order_id, sum(amount) as items, count(*) as lines from order_items group by order_id) i
                        on i.order_id = o.id
                      where o.amount <> i.items - o.discount or i.lines > 4`),
    ).toBe(0);
    expect(await count(sql`select count(*) as n from orders where amount <= 0 or discount < 0`)).toBe(0);
    expect(await count(sql`select count(*) as n from orders where discount > 0`)).toBeGreaterThan(1_000);
  });

  it('stores day and hour as the Asia/Shanghai day and hour of ordered_at', async () => {
    expect(
      await count(sql`select count(*) as n from orders
                      where day <> (ordered_at at time zone 'Asia/Shanghai')::date
                         or hour <> extract(hour from ordered_at at time zone 'Asia/Shanghai')`),
    ).toBe(0);
    // And independently of the database's time-zone data, via the shared date helpers.
    const sample = await rows<{ epoch: string; day: string; hour: number }>(
      sql`select extract(epoch from ordered_at)::bigint::text as epoch, day::text as day, hour from orders
          order by id limit 3000`,
    );
    for (const o of sample) {
      const instant = new Date(Number(o.epoch) * 1000);
      expect([shanghaiDay(instant), shanghaiHour(instant)]).toEqual([o.day, Number(o.hour)]);
    }
  });

  it('has no orders before a store opened, and some stores opened during the period', async () => {
    expect(
      await count(
        sql`select count(*) as n from orders o join stores s on s.id = o.store_id where o.day < s.opened_on`,
      ),
    ).toBe(0);
    const late = await rows<{ id: string; opened: string; first: string }>(
      sql`select s.id, s.opened_on::text as opened, min(o.day)::text as first
          from stores s join orders o on o.store_id = s.id
          where s.opened_on > '2024-07-01' group by s.id, s.opened_on`,
    );
    expect(late.length).toBeGreaterThan(0);
    for (const s of late) expect(s.first >= s.opened).toBe(true);
  });

  it('peaks at lunch, with breakfast and dinner peaks and a quiet night', async () => {
    const byHour = new Map(
      (
        await rows<{ hour: number; n: string }>(sql`select hour, count(*) as n from orders group by hour`)
      ).map((r) => [Number(r.hour), Number(r.n)]),
    );
    const at = (h: number) => byHour.get(h) ?? 0;
    expect(at(12)).toBeGreaterThan(at(15) * 2);
    expect(at(12)).toBeGreaterThan(at(3) * 20);
    expect(at(12)).toBe(Math.max(...byHour.values()));
    expect(at(8)).toBeGreaterThan(at(5) * 5); // breakfast
    expect(at(18)).toBeGreaterThan(at(15) * 1.5); // dinner
    expect(at(22)).toBeGreaterThan(at(4)); // a late-night tail
  });

  it('sells breakfast items only in the morning', async () => {
    const hours = await rows<{ hour: number }>(
      sql`select distinct o.hour from order_items i join orders o on o.id = i.order_id
          join products p on p.id = i.product_id where p.category = '早餐'`,
    );
    expect(hours.map((h) => Number(h.hour)).every((h) => h >= 6 && h <= 9)).toBe(true);
  });

  it('mixes the four channels ~45/25/18/12 with order types that fit each channel', async () => {
    const total = result.rows.orders;
    const mix = await rows<{ channel: string; n: string }>(
      sql`select channel, count(*) as n from orders group by channel`,
    );
    const share = Object.fromEntries(mix.map((m) => [m.channel, Number(m.n) / total]));
    expect(Object.keys(share).sort()).toEqual(['eleme', 'meituan', 'mini_program', 'pos']);
    expect(share.pos).toBeGreaterThan(0.38);
    expect(share.pos).toBeLessThan(0.52);
    expect(share.mini_program).toBeGreaterThan(0.19);
    expect(share.mini_program).toBeLessThan(0.31);
    expect(share.meituan).toBeGreaterThan(0.13);
    expect(share.meituan).toBeLessThan(0.23);
    expect(share.eleme).toBeGreaterThan(0.08);
    expect(share.eleme).toBeLessThan(0.17);

    expect(
      await count(sql`select count(*) as n from orders where channel = 'pos' and order_type = 'delivery'`),
    ).toBe(0);
    const platforms = await rows<{ delivery: string; n: string }>(
      sql`select count(*) filter (where order_type = 'delivery') as delivery, count(*) as n
          from orders where channel in ('meituan', 'eleme')`,
    );
    expect(Number(platforms[0]?.delivery) / Number(platforms[0]?.n)).toBeGreaterThan(0.9);
    const mini = await rows<{ order_type: string }>(
      sql`select distinct order_type from orders where channel = 'mini_program' order by 1`,
    );
    expect(mini.map((m) => m.order_type)).toEqual(['delivery', 'dine_in', 'pickup']);
  });

  it('is busier at weekends, especially for dine-in', async () => {
    const [r] = await rows<{ weekend: string; weekday: string; weekend_dine: string; weekday_dine: string }>(
      sql`select
            count(*) filter (where extract(isodow from day) >= 6)::float / count(distinct day) filter (where extract(isodow from day) >= 6) as weekend,
            count(*) filter (where extract(isodow from day) < 6)::float / count(distinct day) filter (where extract(isodow from day) < 6) as weekday,
            avg((order_type = 'dine_in')::int) filter (where extract(isodow from day) >= 6 and channel = 'pos') as weekend_dine,
            avg((order_type = 'dine_in')::int) filter (where extract(isodow from day) < 6 and channel = 'pos') as weekday_dine
          from orders`,
    );
    expect(Number(r?.weekend)).toBeGreaterThan(Number(r?.weekday) * 1.1);
    expect(Number(r?.weekend_dine)).toBeGreaterThan(Number(r?.weekday_dine) + 0.05);
  });

  it('has ~25% guest orders, ~2% refunded and ~1% cancelled', async () => {
    const total = result.rows.orders;
    const guests = await count(sql`select count(*) as n from orders where customer_id is null`);
    expect(guests / total).toBeGreaterThan(0.2);
    expect(guests / total).toBeLessThan(0.3);
    expect(
      await count(
        sql`select count(*) as n from orders where customer_id is null and channel = 'mini_program'`,
      ),
    ).toBe(0);
    const refunded = await count(sql`select count(*) as n from orders where status = 'refunded'`);
    const cancelled = await count(sql`select count(*) as n from orders where status = 'cancelled'`);
    expect(refunded / total).toBeGreaterThan(0.01);
    expect(refunded / total).toBeLessThan(0.035);
    expect(cancelled / total).toBeGreaterThan(0.004);
    expect(cancelled / total).toBeLessThan(0.02);
    expect(
      await count(
        sql`select count(*) as n from orders where status not in ('completed', 'refunded', 'cancelled')`,
      ),
    ).toBe(0);
  });

  it('rebuilt the derived tables, recorded the demo and put the dropped indexes back', async () => {
    const [derived] = await rows<{ orders: string; revenue: string }>(
      sql`select sum(orders)::text as orders, sum(revenue)::text as revenue from store_day_mix`,
    );
    const [source] = await rows<{ orders: string; revenue: string }>(
      sql`select count(*)::text as orders, sum(amount)::text as revenue from orders where status = 'completed'`,
    );
    expect(derived).toEqual(source);
    const [meta] = await rows<{ value: string }>(sql`select value from data_meta where key = 'demo'`);
    expect(JSON.parse(meta?.value ?? '{}')).toEqual({ size: 'small', seed: 42, endDate: END });
    expect(await count(sql`select count(*) as n from data_meta where key = 'demo_dropped_indexes'`)).toBe(0);
    const indexes = await rows<{ indexname: string }>(
      sql`select indexname from pg_indexes where schemaname = current_schema() and indexname in
          ('orders_day_store_idx', 'orders_customer_idx', 'events_day_store_idx', 'events_session_idx',
           'customers_phone_idx', 'reservations_customer_idx', 'service_tickets_customer_idx')`,
    );
    expect(indexes).toHaveLength(7);
    // Keys are dropped for the COPY and added back afterwards: every source table has its primary key again.
    expect(
      await count(sql`select count(*) as n from pg_constraint where contype = 'p' and conrelid::regclass::text in
        ('cities', 'stores', 'products', 'customers', 'orders', 'order_items', 'events', 'reservations',
         'service_tickets')`),
    ).toBe(9);
  });
});
