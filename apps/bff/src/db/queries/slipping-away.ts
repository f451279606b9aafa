/**
 * The slipping-away list (流失预警) of a scope by SQL: its active high-risk customers with at least two purchase days,
 * by their 12-month spend in the scope's stores (the definition; customer-columns/slipping-columns.ts answers it from
 * the in-memory copy), and the page's details by primary key.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import { activeCustomers, type ScopeArgs } from './model-predictions';
import { storeIn } from './scope-sql';

export type SlippingCustomerRow = {
  customerId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  memberLevel: string | null;
  lastDay: string;
  daysSince: number;
  visits12m: number;
  spend12m: number;
  pActive: number;
  churnRisk: number;
  expectedOrders90: number;
  predictedValue: number;
};

/**
 * Valuable customers slipping away: active in the scope, high risk, at least one repeat purchase; the most
 * valuable first (their spend in the scope's stores over the 365 days up to `asOfDay`), then the riskiest.
 */
export async function slippingAway(
  db: Db,
  a: ScopeArgs & { asOfDay: string; limit: number; offset: number },
): Promise<{ total: number; rows: SlippingCustomerRow[] }> {
  const rows = await queryRows<
    DetailsRow & {
      customer_id: string;
      last_day: string;
      days_since: number;
      visits: string;
      spend: string;
      total: string;
    }
  >(
    db,
    sql`with active as (${activeCustomers(a.period, a.stores)}),
        candidates as (
          select p.customer_id, p.p_active, p.churn_risk, p.expected90, p.predicted_value
          from active c join customer_predictions p on p.run_id = ${a.runId} and p.customer_id = c.customer_id
          where p.risk_band = 'high' and p.purchase_days >= 2
        ),
        spend as (
          select d.customer_id, max(d.day) as last_day, count(distinct d.day) as visits, sum(d.revenue) as spend
          from customer_store_days d
          where d.customer_id in (select customer_id from candidates) and ${storeIn(sql`d.store_id`, a.stores)}
            and d.day > ${a.asOfDay}::date - 365 and d.day <= ${a.asOfDay}::date
          group by d.customer_id
        )
        select k.customer_id, cu.name, cu.phone, cu.email, cu.member_level, s.last_day::text as last_day,
               ${a.asOfDay}::date - s.last_day as days_since, s.visits, s.spend, k.p_active, k.churn_risk,
               k.expected90, k.predicted_value, count(*) over () as total
        from candidates k join spend s on s.customer_id = k.customer_id
        left join customers cu on cu.id = k.customer_id
        order by s.spend desc, k.churn_risk desc, k.customer_id
        limit ${a.limit} offset ${a.offset}`,
  );
  let total = num(rows[0]?.total);
  if (rows.length === 0 && a.offset > 0)
    total = (await slippingAway(db, { ...a, limit: 1, offset: 0 })).total;
  return {
    total,
    // Keys in the order the columns path writes them (slipping-columns.ts), so both answers are the same bytes.
    rows: rows.map((r) => {
      const d = detailsOf(r);
      return {
        customerId: r.customer_id,
        name: d.name,
        phone: d.phone,
        email: d.email,
        memberLevel: d.memberLevel,
        lastDay: r.last_day,
        daysSince: Number(r.days_since),
        visits12m: num(r.visits),
        spend12m: num(r.spend),
        pActive: d.pActive,
        churnRisk: d.churnRisk,
        expectedOrders90: d.expectedOrders90,
        predictedValue: d.predictedValue,
      };
    }),
  };
}

export type SlippingDetails = Pick<
  SlippingCustomerRow,
  'name' | 'phone' | 'email' | 'memberLevel' | 'pActive' | 'churnRisk' | 'expectedOrders90' | 'predictedValue'
>;

/** The columns both reads select for a customer: who they are and the run's figures. */
type DetailsRow = {
  name: string | null;
  phone: string | null;
  email: string | null;
  member_level: string | null;
  p_active: number;
  churn_risk: number;
  expected90: number;
  predicted_value: number;
};

function detailsOf(r: DetailsRow): SlippingDetails {
  return {
    name: r.name,
    phone: r.phone,
    email: r.email,
    memberLevel: r.member_level,
    pActive: num(r.p_active),
    churnRisk: num(r.churn_risk),
    expectedOrders90: num(r.expected90),
    predictedValue: num(r.predicted_value),
  };
}

/**
 * The slipping-away list's per-customer details for one page whose order was worked out elsewhere (the columns,
 * customer-columns/slipping-columns.ts): names and the run's figures for these ids, by primary key.
 */
export async function slippingDetails(
  db: Db,
  runId: number,
  customerIds: readonly string[],
): Promise<Map<string, SlippingDetails>> {
  if (customerIds.length === 0) return new Map();
  const rows = await queryRows<DetailsRow & { customer_id: string }>(
    db,
    sql`select p.customer_id, cu.name, cu.phone, cu.email, cu.member_level, p.p_active, p.churn_risk,
               p.expected90, p.predicted_value
        from customer_predictions p left join customers cu on cu.id = p.customer_id
        where p.run_id = ${runId} and p.customer_id in (${sql.join(
          customerIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  return new Map(rows.map((r) => [r.customer_id, detailsOf(r)]));
}
