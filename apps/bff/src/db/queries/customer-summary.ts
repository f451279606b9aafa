/**
 * `customer_summary` (derived): each identified customer's first and last completed-order day, orders, revenue and
 * home store over the whole chain, so that the chain's R / F / M distribution is one scan of one row per customer.
 * Built from `orders` alone (no other derived table), so it can be refreshed in any order.
 *
 * Entry points: `rebuildCustomerSummary` (everything) and `rebuildCustomerSummaryFor` (a set of customers, or the
 * customers with orders on a set of days) for incremental refreshes.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import { storeIn, type StoreFilter } from './scope-sql';

/** Bound parameters per statement stay far below PostgreSQL's 65,535. */
const CHUNK = 5_000;

function insertSummary(customerFilter: SQL): SQL {
  return sql`
    insert into customer_summary (customer_id, first_day, last_day, orders, revenue, home_store_id)
    with per_store as (
      select customer_id, store_id, min(day) as first_day, max(day) as last_day,
             count(*) as orders, sum(amount) as revenue
      from orders
      where status = 'completed' and customer_id is not null and ${customerFilter}
      group by customer_id, store_id
    )
    select customer_id, min(first_day), max(last_day), sum(orders), sum(revenue),
           (array_agg(store_id order by orders desc, last_day desc, store_id collate "C"))[1]
    from per_store
    group by customer_id`;
}

/**
 * The same rows as `rebuildCustomerSummary`, from `customer_store_days` (completed orders of identified
 * customers already summed per day and store: fewer rows to read than `orders`). That table must be current —
 * the full refresh of an import rebuilds it first.
 */
export async function rebuildCustomerSummaryFromDays(db: Db): Promise<void> {
  await db.execute(sql`delete from customer_summary`);
  await db.execute(sql`
    insert into customer_summary (customer_id, first_day, last_day, orders, revenue, home_store_id)
    with per_store as (
      select customer_id, store_id, min(day) as first_day, max(day) as last_day,
             sum(orders) as orders, sum(revenue) as revenue
      from customer_store_days
      group by customer_id, store_id
    )
    select customer_id, min(first_day), max(last_day), sum(orders), sum(revenue),
           (array_agg(store_id order by orders desc, last_day desc, store_id collate "C"))[1]
    from per_store
    group by customer_id`);
}

export async function rebuildCustomerSummary(db: Db): Promise<void> {
  // DELETE, not TRUNCATE: inside an import's transaction readers keep the old rows until commit.
  await db.execute(sql`delete from customer_summary`);
  await db.execute(insertSummary(sql`true`));
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Recomputes the rows of these customers (a customer without completed orders any more loses their row). */
export async function rebuildCustomerSummaryFor(
  db: Db,
  target: { customerIds: readonly string[] } | { days: readonly string[] },
): Promise<void> {
  const values = 'customerIds' in target ? target.customerIds : target.days;
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunk = values.slice(i, i + CHUNK);
    const who =
      'customerIds' in target
        ? sql`customer_id in (${list(chunk)})`
        : sql`customer_id in (select distinct customer_id from orders
                              where day in (${sql.join(
                                chunk.map((d) => sql`${d}::date`),
                                sql`, `,
                              )}) and customer_id is not null)`;
    await db.execute(sql`delete from customer_summary where ${who}`);
    await db.execute(insertSummary(who));
  }
}

// ---------- figures and distributions ----------

export type CustomerFigures = { firstDay: string; lastDay: string; orders: number; revenue: number };

/**
 * One customer's completed-order figures in a store set: the summary row for the whole chain, else the sum of
 * their `customer_store_days` in those stores (the same sources the distribution below is read from).
 */
export async function customerFigures(
  db: Db,
  customerId: string,
  stores: StoreFilter,
): Promise<CustomerFigures | null> {
  const rows = await queryRows<{
    first_day: string | null;
    last_day: string | null;
    orders: string;
    revenue: string;
  }>(
    db,
    stores === null
      ? sql`select first_day::text, last_day::text, orders, revenue from customer_summary
            where customer_id = ${customerId}`
      : sql`select min(day)::text as first_day, max(day)::text as last_day,
                   coalesce(sum(orders), 0) as orders, coalesce(sum(revenue), 0) as revenue
            from customer_store_days
            where customer_id = ${customerId} and ${storeIn(sql`store_id`, stores)}`,
  );
  const r = rows[0];
  if (!r?.first_day || !r.last_day) return null;
  return { firstDay: r.first_day, lastDay: r.last_day, orders: num(r.orders), revenue: num(r.revenue) };
}

export type DistributionPairs = {
  r: { value: number; count: number }[];
  f: { value: number; count: number }[];
  m: { value: number; count: number }[];
  customers: number;
  orders: number;
  revenue: number;
};

/**
 * The population's R (days from the last order to `asOf`), F and M as (value, customers) pairs: customers with a
 * completed order in the store set, each measured in those stores.
 */
export async function distributionPairs(
  db: Db,
  stores: StoreFilter,
  asOf: string,
): Promise<DistributionPairs> {
  const population =
    stores === null
      ? sql`select last_day, orders, revenue from customer_summary`
      : sql`select max(day) as last_day, sum(orders) as orders, sum(revenue) as revenue
            from customer_store_days where ${storeIn(sql`store_id`, stores)}
            group by customer_id`;
  // One scan, three groupings (grouping sets): about half the time of three separate passes on PGlite.
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`with p as (${population})
        select (${asOf}::date - last_day) as r, orders as f, revenue as m, count(*) as n,
               grouping(last_day) as gr, grouping(orders) as gf, grouping(revenue) as gm,
               coalesce(sum(orders), 0) as sum_orders, coalesce(sum(revenue), 0) as sum_revenue
        from p
        group by grouping sets ((last_day), (orders), (revenue), ())`,
  );
  const out: DistributionPairs = { r: [], f: [], m: [], customers: 0, orders: 0, revenue: 0 };
  for (const row of rows) {
    const count = num(row.n);
    if (num(row.gr) === 0) out.r.push({ value: num(row.r), count });
    else if (num(row.gf) === 0) out.f.push({ value: num(row.f), count });
    else if (num(row.gm) === 0) out.m.push({ value: num(row.m), count });
    else {
      out.customers = count;
      out.orders = num(row.sum_orders);
      out.revenue = num(row.sum_revenue);
    }
  }
  return out;
}
