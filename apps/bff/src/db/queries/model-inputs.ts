/**
 * What the models read: each identified customer's purchase history up to a cut-off day, in batches of
 * customer ids so that a refresh never holds the database for long (PGlite has one connection).
 * A purchase is a day with at least one completed order, in any store (the BG/NBD "transaction").
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';

/** Delivery-platform channels (PRODUCT §1); every other label counts as neither delivery nor mini-program. */
export const DELIVERY_CHANNELS = ['meituan', 'eleme'] as const;

export type CustomerHistory = {
  customerId: string;
  purchaseDays: number;
  firstDay: string;
  lastDay: string;
  /** Whole days from first to last purchase (t_x) and from first purchase to the cut-off (T). */
  tx: number;
  T: number;
  orders: number;
  revenue: number;
  /** Revenue of the purchase days after the first (Gamma-Gamma's m_x = this / x). */
  repeatRevenue: number;
  homeStoreId: string;
  homeCity: string;
  deliveryOrders: number;
  miniProgramOrders: number;
};

/** The last day with a completed order of an identified customer, or null on an empty database. */
export async function lastPurchaseDay(db: Db): Promise<string | null> {
  const rows = await queryRows<{ day: string | null }>(
    db,
    sql`select max(day)::text as day from customer_store_days`,
  );
  return rows[0]?.day ?? null;
}

/** Contiguous customer-id ranges of about `size` customers each, in id order. */
export async function customerIdRanges(db: Db, size: number): Promise<{ lo: string; hi: string }[]> {
  const rows = await queryRows<{ lo: string; hi: string }>(
    db,
    sql`with ids as (select distinct customer_id from customer_store_firsts),
        numbered as (select customer_id, (row_number() over (order by customer_id) - 1) / ${size} as batch from ids)
        select min(customer_id) as lo, max(customer_id) as hi from numbered group by batch order by batch`,
  );
  return rows;
}

/** Histories of the customers with ids in [lo, hi] and a purchase on or before `cutoff`, in id order. */
export async function customerHistories(
  db: Db,
  p: { cutoff: string; lo: string; hi: string },
): Promise<CustomerHistory[]> {
  const inRange = sql`customer_id between ${p.lo} and ${p.hi} and day <= ${p.cutoff}::date`;
  const rows = await queryRows<{
    customer_id: string;
    purchase_days: string;
    first_day: string;
    last_day: string;
    tx: number;
    t: number;
    orders: string;
    revenue: string;
    repeat_revenue: string;
    home_store_id: string;
    home_city: string;
    delivery: string | null;
    mini: string | null;
  }>(
    db,
    sql`with days as (
          select customer_id, day, sum(orders) as orders, sum(revenue) as revenue,
                 row_number() over (partition by customer_id order by day) as n
          from customer_store_days where ${inRange}
          group by customer_id, day
        ),
        summary as (
          select customer_id, count(*) as purchase_days, min(day) as first_day, max(day) as last_day,
                 sum(orders) as orders, sum(revenue) as revenue,
                 coalesce(sum(revenue) filter (where n > 1), 0) as repeat_revenue
          from days group by customer_id
        ),
        home as (
          select distinct on (d.customer_id) d.customer_id, d.store_id, s.city
          from customer_store_days d join stores s on s.id = d.store_id
          where ${sql`d.customer_id between ${p.lo} and ${p.hi} and d.day <= ${p.cutoff}::date`}
          group by d.customer_id, d.store_id, s.city
          order by d.customer_id, count(*) desc, max(d.day) desc, d.store_id
        ),
        mix as (
          select customer_id,
                 count(*) filter (where channel in (${sql.join(
                   DELIVERY_CHANNELS.map((c) => sql`${c}`),
                   sql`, `,
                 )})) as delivery,
                 count(*) filter (where channel = 'mini_program') as mini
          from orders where status = 'completed' and ${inRange}
          group by customer_id
        )
        select s.customer_id, s.purchase_days, s.first_day::text as first_day, s.last_day::text as last_day,
               s.last_day - s.first_day as tx, ${p.cutoff}::date - s.first_day as t,
               s.orders, s.revenue, s.repeat_revenue, h.store_id as home_store_id, h.city as home_city,
               m.delivery, m.mini
        from summary s join home h on h.customer_id = s.customer_id
        left join mix m on m.customer_id = s.customer_id
        order by s.customer_id`,
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    purchaseDays: num(r.purchase_days),
    firstDay: r.first_day,
    lastDay: r.last_day,
    tx: Number(r.tx),
    T: Number(r.t),
    orders: num(r.orders),
    revenue: num(r.revenue),
    repeatRevenue: num(r.repeat_revenue),
    homeStoreId: r.home_store_id,
    homeCity: r.home_city,
    deliveryOrders: num(r.delivery),
    miniProgramOrders: num(r.mini),
  }));
}

/** Purchase days per customer (ids in [lo, hi]) in the days after `after` up to `upTo` (hold-out actuals). */
export async function purchaseDaysBetween(
  db: Db,
  p: { after: string; upTo: string; lo: string; hi: string },
): Promise<Map<string, number>> {
  const rows = await queryRows<{ customer_id: string; days: string }>(
    db,
    sql`select customer_id, count(distinct day) as days from customer_store_days
        where customer_id between ${p.lo} and ${p.hi} and day > ${p.after}::date and day <= ${p.upTo}::date
        group by customer_id`,
  );
  return new Map(rows.map((r) => [r.customer_id, num(r.days)]));
}
