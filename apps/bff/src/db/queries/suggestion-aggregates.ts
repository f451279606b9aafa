/**
 * Aggregates the suggestion rules need beyond the overview: repurchase gaps, segment recency and product
 * associations. Only completed orders in scope count (PRODUCT §4), as everywhere.
 */
import { sql } from 'drizzle-orm';
import { segmentOf, type SegmentKey } from '@portrait/shared/segments';
import type { Db } from '../client';
import { num, numOrNull, queryRows } from '../sql';
import type { Period } from './portrait';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';

export type RepurchaseGaps = {
  /** Active customers with orders on at least two distinct days in scope. */
  repeatCustomers: number;
  /** Median over them of (last day − first day) / (order days − 1); null when there are none. */
  medianGapDays: number | null;
};

export async function repurchaseGaps(db: Db, p: Period, stores: StoreFilter): Promise<RepurchaseGaps> {
  const rows = await queryRows<{ repeat_customers: string; median_gap: string | number | null }>(
    db,
    sql`with per as (
          select customer_id, count(distinct day) as d, min(day) as f, max(day) as l
          from customer_store_days
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
          group by customer_id
        )
        select count(*) as repeat_customers,
               percentile_cont(0.5) within group (order by (l - f)::float8 / (d - 1)) as median_gap
        from per where d >= 2`,
  );
  return { repeatCustomers: num(rows[0]?.repeat_customers), medianGapDays: numOrNull(rows[0]?.median_gap) };
}

/** Mean days since the last order in scope, per RFM segment (same flags as the donut). */
export async function segmentRecency(
  db: Db,
  p: Period,
  stores: StoreFilter,
): Promise<Partial<Record<SegmentKey, number>>> {
  const rows = await queryRows<{
    recent: boolean;
    frequent: boolean;
    valuable: boolean;
    n: string;
    sum_r: string;
  }>(
    db,
    sql`with per_customer as (
          select customer_id, sum(orders) as f, sum(revenue) as m, ${p.to}::date - max(day) as r
          from customer_store_days
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
          group by customer_id
        ),
        totals as (select count(*) as n, sum(f) as sf, sum(m) as sm, sum(r) as sr from per_customer)
        select (c.r * t.n <= t.sr) as recent, (c.f * t.n >= t.sf) as frequent, (c.m * t.n >= t.sm) as valuable,
               count(*) as n, sum(c.r) as sum_r
        from per_customer c cross join totals t
        group by 1, 2, 3`,
  );
  const sums = new Map<SegmentKey, { n: number; r: number }>();
  for (const row of rows) {
    const key = segmentOf(row);
    const s = sums.get(key) ?? { n: 0, r: 0 };
    s.n += num(row.n);
    s.r += num(row.sum_r);
    sums.set(key, s);
  }
  return Object.fromEntries([...sums].map(([key, s]) => [key, s.n > 0 ? s.r / s.n : 0]));
}

/** Minimums a rule must reach (README "Cross-sell"): support, confidence and lift, and a floor of baskets. */
export type AssociationThresholds = {
  minSupport: number;
  minConfidence: number;
  minLift: number;
  minPairBaskets: number;
};

export type AssociationRule = {
  antecedent: string;
  antecedentName: string;
  consequent: string;
  consequentName: string;
  /** Orders with at least one item line in scope. */
  baskets: number;
  antecedentBaskets: number;
  consequentBaskets: number;
  pairBaskets: number;
  /** Σ of the consequent's line amounts over the orders that contain it. */
  consequentAmount: number;
};

/** Below this share of the data (days × stores), a scope's order lines are read by key (`readLinesByKey`). */
const KEY_LOOKUP_SHARE = 0.1;

/**
 * Whether to read each scope order's own lines by the order_items key (lateral) rather than join every line of the
 * chain (the planner's choice, a hash join): on the large demo the join read all 21 M lines for one city's month
 * (13 s; by key 6 s) and for the chain's month (37 s; by key 29 s), while for wide scopes, or when the lines are
 * cached, the join is faster (the default demo's 90-day chain: 4.5 s; by key 11 s). The scope's share of the data
 * is estimated as its share of the days of data times its share of the stores.
 */
export async function readLinesByKey(db: Db, p: Period, stores: StoreFilter): Promise<boolean> {
  const rows = await queryRows<{ first: string | null; last: string | null; stores: string }>(
    db,
    sql`select min(day)::text as first, max(day)::text as last, (select count(*) from stores) as stores
        from store_day_mix`,
  );
  const { first, last } = rows[0] ?? { first: null, last: null };
  if (!first || !last) return false;
  const dayOf = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const days = (a: string, b: string) => Math.max(0, dayOf(b) - dayOf(a) + 1);
  const inData = days(p.from > first ? p.from : first, p.to < last ? p.to : last);
  const storeShare = stores === null ? 1 : stores.length / Math.max(1, num(rows[0]?.stores));
  return (inData / days(first, last)) * storeShare < KEY_LOOKUP_SHARE;
}

/** Each completed order's basket in scope (a sorted array of its distinct products), by key or by join. */
function storeBaskets(p: Period, stores: StoreFilter, byKey: boolean) {
  const scoped = sql`o.status = 'completed' and ${dayBetween(sql`o.day`, p.from, p.to)}
    and ${storeIn(sql`o.store_id`, stores)}`;
  if (!byKey)
    return sql`select array_agg(distinct i.product_id order by i.product_id) as basket
      from orders o join order_items i on i.order_id = o.id
      where ${scoped}
      group by o.id`;
  return sql`select x.basket
    from orders o cross join lateral (
      select array_agg(distinct i.product_id order by i.product_id) as basket
      from order_items i where i.order_id = o.id
    ) x
    where ${scoped} and x.basket is not null`;
}

/**
 * Rules A → B over the baskets (distinct products of one completed order) in scope, strongest lift first.
 * support = n(A∧B)/N, confidence = n(A∧B)/n(A), lift = confidence / (n(B)/N); thresholds are compared on the
 * integer counts (n(A∧B) ≥ minSupport·N, …) so that no rounding decides. Each order of the scope is reduced to its
 * basket (a sorted product array, `storeBaskets`) and identical baskets are counted together: N, n(A) and n(A∧B)
 * are then sums over the few distinct baskets, not over every order. A product below minimum
 * support alone cannot be in a frequent pair (Apriori), so only frequent products are paired. The consequent's
 * amount (Σ of its lines over the scope's completed orders) is `product_store_days`' revenue, the same sum.
 */
export async function associationRules(
  db: Db,
  p: Period,
  stores: StoreFilter,
  t: AssociationThresholds,
  limit: number,
): Promise<AssociationRule[]> {
  const rows = await queryRows<{
    pa: string;
    pb: string;
    name_a: string;
    name_b: string;
    n: string;
    ca: string;
    cb: string;
    cab: string;
    amount_b: string;
  }>(
    db,
    sql`with per_order as (${storeBaskets(p, stores, await readLinesByKey(db, p, stores))}),
        baskets as materialized (select basket, count(*) as k from per_order group by basket),
        total as (select coalesce(sum(k), 0) as n from baskets),
        item as materialized (
          select x.product_id, sum(b.k) as c
          from baskets b cross join lateral unnest(b.basket) as x(product_id)
          group by x.product_id
        ),
        frequent as (
          select i.product_id from item i cross join total
          where i.c >= ${t.minSupport}::numeric * total.n
        ),
        pairs as (
          select a.pa, b.pb, sum(f.k) as cab
          from (
            select array(select x from unnest(b.basket) as x where x in (select product_id from frequent))
                     as products, b.k
            from baskets b
          ) f
          cross join lateral unnest(f.products) as a(pa)
          cross join lateral unnest(f.products) as b(pb)
          where cardinality(f.products) >= 2 and a.pa <> b.pb
          group by a.pa, b.pb
        ),
        amount as (
          select product_id, sum(revenue) as amount from product_store_days
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
          group by product_id
        )
        select pr.pa, pr.pb, coalesce(xa.name, pr.pa) as name_a, coalesce(xb.name, pr.pb) as name_b,
               total.n, ia.c as ca, ib.c as cb, pr.cab, coalesce(am.amount, 0) as amount_b
        from pairs pr
        cross join total
        join item ia on ia.product_id = pr.pa
        join item ib on ib.product_id = pr.pb
        left join amount am on am.product_id = pr.pb
        left join products xa on xa.id = pr.pa
        left join products xb on xb.id = pr.pb
        where pr.cab >= ${t.minPairBaskets}
          and pr.cab >= ${t.minSupport}::numeric * total.n
          and pr.cab >= ${t.minConfidence}::numeric * ia.c
          and pr.cab * total.n >= ${t.minLift}::numeric * ia.c * ib.c
        order by (pr.cab * total.n)::numeric / (ia.c * ib.c) desc, pr.cab desc, pr.pa, pr.pb
        limit ${limit}`,
  );
  return rows.map((r) => ({
    antecedent: r.pa,
    antecedentName: r.name_a,
    consequent: r.pb,
    consequentName: r.name_b,
    baskets: num(r.n),
    antecedentBaskets: num(r.ca),
    consequentBaskets: num(r.cb),
    pairBaskets: num(r.cab),
    consequentAmount: num(r.amount_b),
  }));
}
