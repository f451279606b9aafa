/**
 * The small demo chain in a real database, for what models and paths need: sessions that browse and drop off or
 * pay, customers with unique phones, heterogeneous rates and silent drop-out, members with levels,
 * reservations and tickets. Also: `ensureDemoData` reloads only when it must.
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';
import { dropIndexesForLoad } from '../bulk-load';
import { DB_MAPPINGS } from '../db-columns';
import { ensureDemoData } from '../load-demo';
import { DEMO_TABLES } from '../types';

const END = '2025-06-30';

describe.each(databaseKinds())('Small demo chain behaviour (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  const rows = <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(database.db, query);
  const count = async (query: SQL) => Number((await rows<{ n: string }>(query))[0]?.n ?? NaN);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const first = await ensureDemoData(database, { size: 'small', seed: 11, endDate: END });
    expect(first).toEqual({ loaded: true, endDate: END });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('loads every column of every source table', async () => {
    for (const table of DEMO_TABLES) {
      const columns = await rows<{ column_name: string }>(
        sql`select column_name from information_schema.columns
            where table_schema = current_schema() and table_name = ${table}`,
      );
      expect([...DB_MAPPINGS[table].columns].sort(), table).toEqual(columns.map((c) => c.column_name).sort());
    }
  });

  it('groups events into ordered sessions that start with app_open; ~25–35% reach pay', async () => {
    const sessions = await rows<{
      session_id: string;
      path: string;
      customers: string;
      stores: string;
      channels: string;
    }>(
      sql`select session_id, string_agg(event_type, '>' order by occurred_at, id) as path,
                 count(distinct customer_id)::text as customers, count(distinct store_id)::text as stores,
                 count(distinct channel)::text as channels
          from events group by session_id`,
    );
    expect(sessions.length).toBeGreaterThan(1_000);
    for (const s of sessions) {
      expect(s.path.startsWith('app_open')).toBe(true);
      expect([s.customers, s.stores, s.channels]).toEqual(['1', '1', '1']);
      if (s.path.includes('pay')) expect(s.path.endsWith('checkout>pay')).toBe(true);
    }
    const paid = sessions.filter((s) => s.path.endsWith('>pay')).length / sessions.length;
    expect(paid).toBeGreaterThan(0.25);
    expect(paid).toBeLessThan(0.35);
    // Drop-off at every step, and steps that repeat.
    for (const last of ['app_open', 'view_menu', 'view_product', 'add_to_cart', 'checkout'])
      expect(
        sessions.some((s) => s.path.endsWith(last)),
        last,
      ).toBe(true);
    expect(sessions.filter((s) => s.path.includes('view_product>view_product')).length).toBeGreaterThan(100);
    const channels = await rows<{ channel: string }>(sql`select distinct channel from events order by 1`);
    expect(channels.map((c) => c.channel)).toEqual(['mini_program', 'web']);
    expect(
      await count(
        sql`select count(*) as n from events where day <> (occurred_at at time zone 'Asia/Shanghai')::date`,
      ),
    ).toBe(0);
  });

  it('pays in a session at the moment of an online order of the same customer and store', async () => {
    const unmatched = await count(
      sql`select count(*) as n from events e
          where e.event_type = 'pay' and not exists (
            select 1 from orders o where o.customer_id = e.customer_id and o.store_id = e.store_id
              and o.ordered_at = e.occurred_at and o.channel = 'mini_program')`,
    );
    expect(unmatched).toBe(0);
  });

  it('has identified customers with unique 11-digit phones, members with levels, registrations throughout', async () => {
    expect(await count(sql`select count(*) as n from customers where phone !~ '^1[3-9][0-9]{9}$'`)).toBe(0);
    expect(await count(sql`select count(distinct phone) as n from customers`)).toBe(2_000);
    expect(await count(sql`select count(distinct member_id) as n from customers`)).toBe(
      await count(sql`select count(*) as n from customers where member_id is not null`),
    );
    const levels = await rows<{ member_level: string | null }>(
      sql`select distinct member_level from customers`,
    );
    expect(levels.map((l) => l.member_level).sort()).toEqual(
      ['普通会员', '钻石', '金卡', '银卡', null].sort(),
    );
    expect(
      await count(
        sql`select count(*) as n from customers where member_id is null and member_level is not null`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*) as n from customers where email like '%@%'`)).toBeGreaterThan(200);
    expect(await count(sql`select count(*) as n from customers where name !~ '^[一-龥]{2,4}$'`)).toBe(0);
    // Nobody orders before registering; new customers keep arriving until the end.
    expect(
      await count(
        sql`select count(*) as n from orders o join customers c on c.id = o.customer_id where o.ordered_at < c.registered_at`,
      ),
    ).toBe(0);
    const quarters = await rows<{ q: string; n: string }>(
      sql`select floor(extract(epoch from registered_at - timestamptz '2024-07-01 00:00+08') / (86400 * 91.25))::text as q,
                 count(*)::text as n
          from customers where registered_at >= timestamptz '2024-07-01 00:00+08' group by 1 order by 1`,
    );
    expect(quarters.map((q) => q.q)).toEqual(['0', '1', '2', '3']);
    for (const q of quarters) expect(Number(q.n)).toBeGreaterThan(150);
  });

  it('gives customers heterogeneous buying rates and silent drop-out (structure for RFM, churn and LTV)', async () => {
    const perCustomer = (
      await rows<{ n: string }>(
        sql`select count(*)::text as n from orders where customer_id is not null group by customer_id order by 1`,
      )
    )
      .map((r) => Number(r.n))
      .sort((a, b) => a - b);
    const median = perCustomer[Math.floor(perCustomer.length / 2)] as number;
    const p95 = perCustomer[Math.floor(perCustomer.length * 0.95)] as number;
    expect(perCustomer.filter((n) => n === 1).length / perCustomer.length).toBeGreaterThan(0.1);
    expect(p95).toBeGreaterThan(median * 3);
    // Repeat buyers who went quiet: last order more than 90 days before the end.
    const [churn] = await rows<{ quiet: string; repeat: string }>(
      sql`select count(*) filter (where last_day < date '2025-06-30' - 90)::text as quiet, count(*)::text as repeat
          from (select customer_id, max(day) as last_day from orders where customer_id is not null
                group by customer_id having count(*) >= 2) c`,
    );
    const quietShare = Number(churn?.quiet) / Number(churn?.repeat);
    expect(quietShare).toBeGreaterThan(0.15);
    expect(quietShare).toBeLessThan(0.7);
    // Mostly the home store: a customer's favourite store has most of their orders.
    const [loyalty] = await rows<{ share: string }>(
      sql`select (sum(top)::float / sum(total))::text as share from (
            select customer_id, max(n) as top, sum(n) as total
            from (select customer_id, store_id, count(*) as n from orders where customer_id is not null
                  group by customer_id, store_id) x group by customer_id) y`,
    );
    expect(Number(loyalty?.share)).toBeGreaterThan(0.8);
    expect(Number(loyalty?.share)).toBeLessThan(0.98);
  });

  it('has reservations and service tickets at low, realistic rates', async () => {
    const reservations = await count(sql`select count(*) as n from reservations`);
    expect(reservations).toBeGreaterThan(40);
    expect(reservations).toBeLessThan(600);
    expect(
      await count(
        sql`select count(*) as n from reservations where created_at >= reserved_for or party_size < 4`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from reservations where status = 'confirmed' and reserved_for < timestamptz '2025-07-01 00:00+08'`,
      ),
    ).toBe(0);
    const tickets = await rows<{
      contact_type: string;
      category: string;
      resolution_minutes: number;
      nps: number | null;
    }>(sql`select contact_type, category, resolution_minutes, nps from service_tickets`);
    expect(tickets.length).toBeGreaterThan(30);
    expect(tickets.length).toBeLessThan(500);
    expect(new Set(tickets.map((t) => t.contact_type))).toEqual(new Set(['电话', '在线', '门店']));
    expect(new Set(tickets.map((t) => t.category))).toEqual(new Set(['投诉', '咨询', '建议']));
    for (const t of tickets) {
      expect(Number(t.resolution_minutes)).toBeGreaterThan(0);
      if (t.nps !== null) expect(Number(t.nps)).toBeGreaterThanOrEqual(0);
      if (t.nps !== null) expect(Number(t.nps)).toBeLessThanOrEqual(10);
    }
  });

  it('ensureDemoData reloads only when the size, seed or an explicit end date changes', async () => {
    const version = await getDataVersion(database.db);
    expect(await ensureDemoData(database, { size: 'small', seed: 11 })).toEqual({
      loaded: false,
      endDate: END,
    });
    expect(await ensureDemoData(database, { size: 'small', seed: 11, endDate: END })).toEqual({
      loaded: false,
      endDate: END,
    });
    expect(await getDataVersion(database.db)).toBe(version);

    const other = await ensureDemoData(database, { size: 'small', seed: 12, endDate: '2025-05-31' });
    expect(other).toEqual({ loaded: true, endDate: '2025-05-31' });
    expect(await getDataVersion(database.db)).toBe(version + 1);
    const [span] = await rows<{ last: string }>(sql`select max(day)::text as last from orders`);
    expect(span?.last).toBe('2025-05-31');
    // An interrupted load (no demo record) is redone on the next start.
    await database.db.execute(sql`delete from data_meta where key = 'demo'`);
    expect((await ensureDemoData(database, { size: 'small', seed: 12, endDate: '2025-05-31' })).loaded).toBe(
      true,
    );
  });

  it('puts back indexes that a load dropped before it died', async () => {
    const names = sql`select indexname from pg_indexes where schemaname = current_schema() and tablename = 'orders'`;
    const before = (await rows<{ indexname: string }>(names)).map((r) => r.indexname).sort();
    // orders' primary key and its secondary indexes (by day and store, by customer, by store and day) all go.
    const dropped = await dropIndexesForLoad(database.db, ['orders']);
    expect(dropped).toBeGreaterThanOrEqual(2);
    expect((await rows<{ indexname: string }>(names)).length).toBe(before.length - dropped);
    await ensureDemoData(database, { size: 'small', seed: 12 });
    expect((await rows<{ indexname: string }>(names)).map((r) => r.indexname).sort()).toEqual(before);
    // The primary key was dropped for the load too, and is back as a constraint.
    const keys = await rows<{ conname: string }>(
      sql`select conname from pg_constraint where conrelid = 'orders'::regclass and contype = 'p'`,
    );
    expect(keys).toHaveLength(1);
  });
});
