import { sql, type SQL } from 'drizzle-orm';
import type { RiskBandKey } from '@portrait/shared/models';
import type { RfmFlags } from '@portrait/shared/segments';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import type { Period } from './portrait';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';

export type SegmentCustomerRow = {
  customerId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  memberLevel: string | null;
  orders: number;
  revenue: number;
  lastDay: string;
  recencyDays: number;
  /** The newest ready churn model's risk and band; null when no model run is ready or it did not score them. */
  churnRisk: number | null;
  riskBand: RiskBandKey | null;
};

/** One row of a customer list query (segment or suggestion target), with the page's total. */
export type CustomerListRecord = {
  customer_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  member_level: string | null;
  f: string;
  m: string;
  last_day: string;
  r: number;
  churn_risk: number | null;
  risk_band: RiskBandKey | null;
  total: string;
};

/**
 * Joins a list's customers (`customerId`, a column) to the newest ready model run's predictions, as Customer 360
 * reads them. In the list's own statement, so a refit that drops the old run cannot leave a page half scored.
 */
export function servedRiskJoin(customerId: SQL): SQL {
  return sql`left join customer_predictions pr
    on pr.run_id = (select max(id) from model_runs where status = 'ready') and pr.customer_id = ${customerId}`;
}

export function toCustomerListRow(r: CustomerListRecord): SegmentCustomerRow {
  return {
    customerId: r.customer_id,
    name: r.name,
    phone: r.phone,
    email: r.email,
    memberLevel: r.member_level,
    orders: num(r.f),
    revenue: num(r.m),
    lastDay: r.last_day,
    recencyDays: Number(r.r),
    churnRisk: r.churn_risk === null ? null : Math.round(Number(r.churn_risk) * 10_000) / 10_000,
    riskBand: r.risk_band,
  };
}

/**
 * The active customers of one RFM segment (same flags as `customerFigures`), most valuable first, one page at a time.
 * `limit` null returns every row (exports).
 */
export async function segmentCustomers(
  db: Db,
  p: Period,
  stores: StoreFilter,
  flags: RfmFlags,
  page: { limit: number | null; offset: number },
): Promise<{ total: number; rows: SegmentCustomerRow[] }> {
  const flag = (expr: SQL, on: boolean) => (on ? expr : sql`not (${expr})`);
  const rows = await queryRows<CustomerListRecord>(
    db,
    sql`with per_customer as (
          select customer_id, sum(orders) as f, sum(revenue) as m, max(day) as last_day,
                 ${p.to}::date - max(day) as r
          from customer_store_days
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
          group by customer_id
        ),
        totals as (select count(*) as n, sum(f) as sf, sum(m) as sm, sum(r) as sr from per_customer),
        members as (
          select c.* from per_customer c cross join totals t
          where ${flag(sql`c.r * t.n <= t.sr`, flags.recent)}
            and ${flag(sql`c.f * t.n >= t.sf`, flags.frequent)}
            and ${flag(sql`c.m * t.n >= t.sm`, flags.valuable)}
        )
        select m.customer_id, cu.name, cu.phone, cu.email, cu.member_level, m.f, m.m, m.last_day::text as last_day,
               m.r, pr.churn_risk, pr.risk_band, count(*) over () as total
        from members m left join customers cu on cu.id = m.customer_id
        ${servedRiskJoin(sql`m.customer_id`)}
        order by m.m desc, m.customer_id
        ${page.limit === null ? sql`` : sql`limit ${page.limit}`} offset ${page.offset}`,
  );
  let total = num(rows[0]?.total);
  if (rows.length === 0 && page.offset > 0) {
    // Past the last page the window function has no row to report the total on: count separately.
    total = (await segmentCustomers(db, p, stores, flags, { limit: 1, offset: 0 })).total;
  }
  return {
    total,
    rows: rows.map(toCustomerListRow),
  };
}

/** A customer's details as a list shows them (`segmentPageDetails`). */
export type CustomerListDetails = Pick<
  CustomerListRecord,
  'customer_id' | 'name' | 'phone' | 'email' | 'member_level' | 'churn_risk' | 'risk_band'
>;

/**
 * The details of a segment page whose order by M was worked out elsewhere (the columns,
 * customer-columns/segment-columns.ts): `ids` come in runs of equal M (`runs`, ascending), which the database orders
 * by customer id as `segmentCustomers` does (its collation); rows `skip` … `skip + limit − 1` of that order, with
 * names by primary key and the served run's risk, in one statement as the list's own.
 */
export async function segmentPageDetails(
  db: Db,
  ids: readonly string[],
  runs: readonly number[],
  skip: number,
  limit: number | null,
): Promise<CustomerListDetails[]> {
  if (ids.length === 0) return [];
  return queryRows<CustomerListDetails>(
    db,
    sql`select u.id as customer_id, cu.name, cu.phone, cu.email, cu.member_level, pr.churn_risk, pr.risk_band
        from unnest(${sql.param(ids)}::text[], ${sql.param(runs)}::int[]) as u(id, run)
        left join customers cu on cu.id = u.id
        ${servedRiskJoin(sql`u.id`)}
        order by u.run, u.id
        ${limit === null ? sql`` : sql`limit ${limit}`} offset ${skip}`,
  );
}
