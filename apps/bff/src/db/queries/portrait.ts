/**
 * The portrait metrics of PRODUCT §4 as SQL over the derived tables. Every function takes (db, period, stores)
 * so the same code runs on PGlite and PostgreSQL and tests can call it directly.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { RfmFlags } from '@portrait/shared/segments';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import { bitCounts, HOURS, MIX_BITS } from './mix-masks';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';

export type Period = { from: string; to: string };

export type SalesTotals = { orders: number; revenue: number };

/**
 * `store_day_mix` of a period and stores summed per (hour, channel, order type), money in integer cents: what the
 * in-memory columns (`features/customer-columns`) give instead of the SQL when they hold the request's version.
 * Only keys with rows in the slice appear (as the SQL's groups do).
 */
export type MixSums = { hour: number; channel: string; orderType: string; orders: number; cents: number }[];
/** The period's mix sums from the columns, or null (the SQL answers). */
export type MixSource = () => MixSums | null;

/** Σ of `f` over the sums (cents or orders), or null beyond exact integers. */
export function sumOf(sums: MixSums, f: (s: MixSums[number]) => number): number | null {
  let total = 0;
  for (const s of sums) total += f(s);
  return Number.isSafeInteger(total) ? total : null;
}

export async function salesTotals(
  db: Db,
  p: Period,
  stores: StoreFilter,
  mix: MixSource = () => null,
): Promise<SalesTotals> {
  const sums = mix();
  const orders = sums && sumOf(sums, (s) => s.orders);
  const cents = sums && sumOf(sums, (s) => s.cents);
  if (orders !== null && cents !== null) return { orders, revenue: cents / 100 };
  const rows = await queryRows<{ orders: string | null; revenue: string | null }>(
    db,
    sql`select sum(orders) as orders, sum(revenue) as revenue from store_day_mix
        where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}`,
  );
  return { orders: num(rows[0]?.orders), revenue: num(rows[0]?.revenue) };
}

export type CustomerTotals = {
  active: number;
  repeaters: number;
  /** Σ over active customers of their paid amount in the scope's stores up to `to` (LTV numerator). */
  lifetimeRevenue: number;
};

export type RfmCell = RfmFlags & { count: number; revenue: number };

/**
 * The customer metrics of a period, from one per-customer pass: the KPI totals, the RFM cells, and the active
 * customers with an order in each hour (`hourCustomers[h]`) and with each `mix_mask` bit (`mixCustomers[b]`).
 */
export type CustomerFigures = {
  totals: CustomerTotals;
  cells: RfmCell[];
  hourCustomers: number[];
  mixCustomers: number[];
};

/**
 * Active customers (an order in the period and stores) in one grouping of `customer_store_days` by customer,
 * feeding both the KPIs (active, repeaters, their lifetime revenue up to `to`) and the RFM cells: customers
 * grouped by their R/F/M flags. R = days from the last order day to `to`; each flag compares value × n with
 * Σ values, which equals comparing with the mean but stays exact. The totals are sums over the cells.
 */
export async function customerFigures(db: Db, p: Period, stores: StoreFilter): Promise<CustomerFigures> {
  const rows = await queryRows<{
    recent: boolean;
    frequent: boolean;
    valuable: boolean;
    count: string;
    repeaters: string;
    revenue: string;
    lifetime_revenue: string | null;
    [bitCount: string]: unknown;
  }>(
    db,
    sql`with per_customer as (${perCustomer(p, stores)}),
        totals as (select count(*) as n, sum(f) as sf, sum(m) as sm, sum(r) as sr from per_customer),
        cells as (
          select (c.r * t.n <= t.sr) as recent, (c.f * t.n >= t.sf) as frequent, (c.m * t.n >= t.sm) as valuable,
                 count(*) as count, count(*) filter (where c.f >= 2) as repeaters, sum(c.m) as revenue,
                 ${bitCounts(sql`c.hours`, HOURS, 'h')}, ${bitCounts(sql`c.mix`, MIX_BITS, 'x')}
          from per_customer c cross join totals t
          group by 1, 2, 3
        )
        select cells.*, (${lifetimeRevenue(p, stores)}) as lifetime_revenue
        from cells`,
  );
  const cells = rows.map((r) => ({
    recent: r.recent,
    frequent: r.frequent,
    valuable: r.valuable,
    count: num(r.count),
    revenue: num(r.revenue),
  }));
  const bitSums = (prefix: string, bits: number) =>
    Array.from({ length: bits }, (_, b) => rows.reduce((n, r) => n + num(r[prefix + b]), 0));
  return {
    hourCustomers: bitSums('h', HOURS),
    mixCustomers: bitSums('x', MIX_BITS),
    totals: {
      active: rows.reduce((n, r) => n + num(r.count), 0),
      repeaters: rows.reduce((n, r) => n + num(r.repeaters), 0),
      lifetimeRevenue: num(rows[0]?.lifetime_revenue),
    },
    cells,
  };
}

const monthStartOf = (day: string) => sql`date_trunc('month', ${day}::date)::date`;

/**
 * The active customers with F, M, R and the bit_or of their period rows' masks (`hours`, `mix`). Chain-wide the
 * same scan starts at the first day of `from`'s month and also sums each active customer's revenue from there to
 * `from` − 1 (`before`), for `lifetimeRevenue`; the masks take only the period's rows.
 */
function perCustomer(p: Period, stores: StoreFilter): SQL {
  if (stores !== null)
    return sql`select customer_id, sum(orders) as f, sum(revenue) as m, ${p.to}::date - max(day) as r,
                      bit_or(hour_mask) as hours, bit_or(mix_mask) as mix
               from customer_store_days
               where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
               group by customer_id`;
  const inPeriod = sql`day >= ${p.from}::date`;
  return sql`select customer_id, sum(orders) filter (where ${inPeriod}) as f,
                    sum(revenue) filter (where ${inPeriod}) as m, ${p.to}::date - max(day) as r,
                    sum(revenue) filter (where not ${inPeriod}) as before,
                    bit_or(hour_mask) filter (where ${inPeriod}) as hours,
                    bit_or(mix_mask) filter (where ${inPeriod}) as mix
             from customer_store_days
             where day between ${monthStartOf(p.from)} and ${p.to}::date
             group by customer_id
             having max(day) >= ${p.from}::date`;
}

/**
 * Σ over the active customers of their paid amount in the scope's stores up to `to` (LTV numerator). Chain-wide:
 * their amount before `from`'s month (`customer_month_snapshots`) + `before` + the period's `m`, with no scan of
 * their history. A store scope sums its stores' history of those customers (those stores' rows only).
 */
function lifetimeRevenue(p: Period, stores: StoreFilter): SQL {
  if (stores !== null)
    return sql`select sum(d.revenue) from customer_store_days d
               where d.day <= ${p.to}::date and ${storeIn(sql`d.store_id`, stores)}
                 and d.customer_id in (select customer_id from per_customer)`;
  return sql`(select coalesce(sum(s.revenue_before), 0)
               from customer_month_snapshots s join per_customer c on c.customer_id = s.customer_id
               where s.month = ${monthStartOf(p.from)})
             + (select coalesce(sum(before), 0) + coalesce(sum(m), 0) from per_customer)`;
}

export type CustomerFirsts = { total: number; newCustomers: number };
/** The same answer from the in-memory columns when they hold the request's version, else null (the SQL answers). */
export type FirstsSource = () => CustomerFirsts | null;

/** Customers with a first order in the scope's stores on or before `to` (total), and within the period (new). */
export async function customerFirsts(
  db: Db,
  p: Period,
  stores: StoreFilter,
  columns: FirstsSource = () => null,
): Promise<CustomerFirsts> {
  const fromColumns = columns();
  if (fromColumns) return fromColumns;
  // Chain-wide, a customer's first order in the scope's stores is their first anywhere: one row per customer.
  const firstsSql =
    stores === null
      ? sql`select count(*) filter (where first_day <= ${p.to}::date) as total,
                   count(*) filter (where first_day between ${p.from}::date and ${p.to}::date) as new_customers
            from customer_summary`
      : sql`with firsts as (
          select customer_id, min(first_day) as first_day
          from customer_store_firsts
          where first_day <= ${p.to}::date and ${storeIn(sql`store_id`, stores)}
          group by customer_id
        )
        select count(*) as total, count(*) filter (where first_day >= ${p.from}::date) as new_customers
        from firsts`;
  const rows = await queryRows<{ total: string; new_customers: string }>(db, firstsSql);
  return { total: num(rows[0]?.total), newCustomers: num(rows[0]?.new_customers) };
}

export type ProductFigures = {
  productId: string;
  name: string;
  category: string;
  quantity: number;
  revenue: number;
};

export type TopProducts = { rows: ProductFigures[]; totalQuantity: number; totalRevenue: number };

/**
 * The same answer from the in-memory copy of `product_store_days` (`features/customer-columns`) when it holds the
 * request's version, else null (the SQL answers).
 */
export type TopProductsSource = (by: 'quantity' | 'revenue', limit: number) => TopProducts | null;

/** The top `limit` products by `by`, plus the scope's totals for the share. Ties break by product id. */
export async function topProducts(
  db: Db,
  p: Period,
  stores: StoreFilter,
  by: 'quantity' | 'revenue',
  limit: number,
  columns: TopProductsSource = () => null,
): Promise<TopProducts> {
  const fromColumns = columns(by, limit);
  if (fromColumns) return fromColumns;
  const measure = by === 'quantity' ? sql`quantity` : sql`revenue`;
  const rows = await queryRows<{
    product_id: string;
    name: string;
    category: string;
    quantity: string;
    revenue: string;
    total_quantity: string;
    total_revenue: string;
  }>(
    db,
    sql`with per_product as (
          select product_id, sum(quantity) as quantity, sum(revenue) as revenue
          from product_store_days
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
          group by product_id
        ),
        totals as (select sum(quantity) as total_quantity, sum(revenue) as total_revenue from per_product)
        select pp.product_id, coalesce(pr.name, pp.product_id) as name, coalesce(pr.category, '') as category,
               pp.quantity, pp.revenue, t.total_quantity, t.total_revenue
        from per_product pp cross join totals t left join products pr on pr.id = pp.product_id
        order by pp.${measure} desc, pp.product_id
        limit ${limit}`,
  );
  return {
    rows: rows.map((r) => ({
      productId: r.product_id,
      name: r.name,
      category: r.category,
      quantity: num(r.quantity),
      revenue: num(r.revenue),
    })),
    totalQuantity: num(rows[0]?.total_quantity),
    totalRevenue: num(rows[0]?.total_revenue),
  };
}
