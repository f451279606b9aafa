/**
 * Who belongs to a suggestion's custom target (a target that is not an RFM segment). One SQL definition per
 * rule, used both for the size the engine reports and for the customer list and export, so they always agree.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { CustomTarget } from '@portrait/shared/suggestions';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import type { Period } from './portrait';
import { CHANNEL_BITS, channelsMask, hourRangeMask } from './mix-masks';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';
import { readLinesByKey } from './suggestion-aggregates';
import {
  servedRiskJoin,
  toCustomerListRow,
  type CustomerListRecord,
  type SegmentCustomerRow,
} from './segment-customers';

const inList = (column: SQL, values: readonly string[]) =>
  sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

/** Completed orders of identified customers in scope (day and store), as a predicate on `orders o`. */
function scopedOrders(p: Period, stores: StoreFilter): SQL {
  return sql`o.status = 'completed' and o.customer_id is not null
    and ${dayBetween(sql`o.day`, p.from, p.to)} and ${storeIn(sql`o.store_id`, stores)}`;
}

/**
 * Overdue for a repurchase: at least two order days in scope, and the days since the last one (R) exceed
 * `factor` × their own mean gap between order days, i.e. R × (days − 1) > factor × (last − first), exactly.
 */
export function overduePredicate(factor: number): SQL {
  return sql`d >= 2 and (r * (d - 1))::numeric > ${factor}::numeric * (l - f)`;
}

/** `select customer_id` of the target's members. */
export function targetMembersSql(p: Period, stores: StoreFilter, target: CustomTarget): SQL {
  switch (target.rule) {
    case 'repurchase_due':
      return sql`select customer_id from (
          select customer_id, count(distinct day) as d, min(day) as f, max(day) as l, ${p.to}::date - max(day) as r
          from customer_store_days
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
          group by customer_id
        ) gaps where ${overduePredicate(target.overdueFactor)}`;
    case 'first_to_second':
      // New as in the KPI (first order in the scope's stores falls in from..to), with one order in scope.
      return sql`select d.customer_id
        from customer_store_days d
        where ${dayBetween(sql`d.day`, p.from, p.to)} and ${storeIn(sql`d.store_id`, stores)}
          and d.customer_id in (
            select customer_id from customer_store_firsts
            where ${storeIn(sql`store_id`, stores)}
            group by customer_id
            having min(first_day) between ${p.from}::date and ${p.to}::date)
        group by d.customer_id
        having sum(d.orders) = 1`;
    case 'cross_sell':
      return sql`select o.customer_id
        from orders o join order_items i on i.order_id = o.id
        where ${scopedOrders(p, stores)} and ${inList(sql`i.product_id`, [target.antecedent, target.consequent])}
        group by o.customer_id
        having bool_or(i.product_id = ${target.antecedent}) and not bool_or(i.product_id = ${target.consequent})`;
    case 'off_peak':
      // The customer-store-days' hour masks say the same as their orders' hours, without reading every order.
      return sql`select distinct customer_id from customer_store_days
        where ${scopedDays(p, stores)} and hour_mask & ${hourRangeMask(target.fromHour, target.toHour)}::int <> 0`;
    case 'platform_only':
      return platformOnlyMembers(p, stores, target.channels);
  }
}

const scopedDays = (p: Period, stores: StoreFilter) =>
  sql`${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}`;

/** Customers whose every completed order in scope went through `channels`: from the masks when they can tell. */
function platformOnlyMembers(p: Period, stores: StoreFilter, channels: readonly string[]): SQL {
  const allowed = channelsMask(channels);
  if (allowed === null)
    return sql`select o.customer_id from orders o
      where ${scopedOrders(p, stores)}
      group by o.customer_id
      having bool_and(${inList(sql`o.channel`, channels)})`;
  return sql`select customer_id from customer_store_days
    where ${scopedDays(p, stores)}
    group by customer_id
    having bit_or(mix_mask) & ${CHANNEL_BITS & ~allowed}::int = 0`;
}

export type TargetSummary = { customers: number; orders: number; revenue: number };

/** Size of a target and its members' orders and revenue in scope. */
export async function targetSummary(
  db: Db,
  p: Period,
  stores: StoreFilter,
  target: CustomTarget,
): Promise<TargetSummary> {
  const rows = await queryRows<{ customers: string; orders: string | null; revenue: string | null }>(
    db,
    sql`with members as (${targetMembersSql(p, stores, target)})
        select count(distinct d.customer_id) as customers, sum(d.orders) as orders, sum(d.revenue) as revenue
        from customer_store_days d
        where ${dayBetween(sql`d.day`, p.from, p.to)} and ${storeIn(sql`d.store_id`, stores)}
          and d.customer_id in (select customer_id from members)`,
  );
  return {
    customers: num(rows[0]?.customers),
    orders: num(rows[0]?.orders),
    revenue: num(rows[0]?.revenue),
  };
}

/** The two products of a cross-sell target. */
export type CrossSellPair = { antecedent: string; consequent: string };

/**
 * `targetSummary` of several cross-sell targets with one read of the scope's order lines instead of one each: per
 * customer, a bit for each of the rules' products they bought in scope; a rule's members have its antecedent's
 * bit and not its consequent's, exactly `targetMembersSql`'s cross_sell members. The lines are read by key or by a
 * join as for the association rules (`readLinesByKey`).
 */
export async function crossSellSummaries(
  db: Db,
  p: Period,
  stores: StoreFilter,
  pairs: readonly CrossSellPair[],
): Promise<TargetSummary[]> {
  const products = [...new Set(pairs.flatMap((r) => [r.antecedent, r.consequent]))];
  if (products.length > 30) {
    const out: TargetSummary[] = [];
    for (const r of pairs)
      out.push(
        await targetSummary(db, p, stores, {
          rule: 'cross_sell',
          ...r,
          antecedentName: '',
          consequentName: '',
        }),
      );
    return out;
  }
  if (pairs.length === 0) return [];
  const bit = (id: string) => 1 << products.indexOf(id);
  const whens = sql.join(
    products.map((id) => sql`when ${id} then ${bit(id)}::int`),
    sql` `,
  );
  const member = (r: CrossSellPair) =>
    sql.raw(`c.mask & ${bit(r.antecedent)} <> 0 and c.mask & ${bit(r.consequent)} = 0`);
  const byKey = await readLinesByKey(db, p, stores);
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`with bought as (
          ${
            !byKey
              ? sql`select o.customer_id, bit_or(case i.product_id ${whens} end) as mask
                  from orders o join order_items i on i.order_id = o.id
                  where ${scopedOrders(p, stores)} and ${inList(sql`i.product_id`, products)}
                  group by o.customer_id`
              : sql`select o.customer_id, bit_or(x.mask) as mask
                  from orders o cross join lateral (
                    select bit_or(case i.product_id ${whens} end) as mask
                    from order_items i where i.order_id = o.id and ${inList(sql`i.product_id`, products)}
                  ) x
                  where ${scopedOrders(p, stores)} and x.mask is not null
                  group by o.customer_id`
          }
        ),
        per_customer as (
          select b.mask, sum(d.orders) as f, sum(d.revenue) as m
          from customer_store_days d join bought b on b.customer_id = d.customer_id
          where ${dayBetween(sql`d.day`, p.from, p.to)} and ${storeIn(sql`d.store_id`, stores)}
          group by d.customer_id, b.mask
        )
        select ${sql.join(
          pairs.map(
            (r, k) => sql`count(*) filter (where ${member(r)}) as ${sql.raw(`c${k}`)},
              sum(c.f) filter (where ${member(r)}) as ${sql.raw(`o${k}`)},
              sum(c.m) filter (where ${member(r)}) as ${sql.raw(`r${k}`)}`,
          ),
          sql`, `,
        )}
        from per_customer c`,
  );
  const row = rows[0] ?? {};
  return pairs.map((_, k) => ({
    customers: num(row[`c${k}`]),
    orders: num(row[`o${k}`]),
    revenue: num(row[`r${k}`]),
  }));
}

/** The target's customers with their figures in scope, most valuable first (same order as segment lists). */
export async function targetCustomers(
  db: Db,
  p: Period,
  stores: StoreFilter,
  target: CustomTarget,
  page: { limit: number | null; offset: number },
): Promise<{ total: number; rows: SegmentCustomerRow[] }> {
  const rows = await queryRows<CustomerListRecord>(
    db,
    sql`with members as (${targetMembersSql(p, stores, target)}),
        per_customer as (
          select customer_id, sum(orders) as f, sum(revenue) as m, max(day) as last_day,
                 ${p.to}::date - max(day) as r
          from customer_store_days
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
            and customer_id in (select customer_id from members)
          group by customer_id
        )
        select c.customer_id, cu.name, cu.phone, cu.email, cu.member_level, c.f, c.m,
               c.last_day::text as last_day, c.r, pr.churn_risk, pr.risk_band, count(*) over () as total
        from per_customer c left join customers cu on cu.id = c.customer_id
        ${servedRiskJoin(sql`c.customer_id`)}
        order by c.m desc, c.customer_id
        ${page.limit === null ? sql`` : sql`limit ${page.limit}`} offset ${page.offset}`,
  );
  let total = num(rows[0]?.total);
  if (rows.length === 0 && page.offset > 0) total = (await targetSummary(db, p, stores, target)).customers;
  return {
    total,
    rows: rows.map(toCustomerListRow),
  };
}
