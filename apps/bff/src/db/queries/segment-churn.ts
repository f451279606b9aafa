/**
 * The churn model per RFM segment of a scope, for the win-back suggestions' evidence: the scope's active
 * customers flagged exactly as the donut flags them (`customerFigures`), joined to one model run's predictions.
 * Every figure is the churn gauge's or the slipping-away list's restricted to one segment, so summed over the
 * eight segments they give the gauge's high-risk customers and value at stake, and the list's total.
 *
 * The two float8 sums (churn risk, predicted value) add their rows in customer id order: a float sum depends on
 * the order of its terms, and a plan's row order is unspecified, so without it the same question could give
 * different last bits. With it the in-memory columns (customer-columns/churn-columns.ts) add in the same order and
 * give the same doubles.
 */
import { sql } from 'drizzle-orm';
import { segmentOf, type SegmentKey } from '@portrait/shared/segments';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import type { Period } from './portrait';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';

export type SegmentChurn = {
  /** Customers of the segment with a prediction in the run. */
  scored: number;
  /** Mean churn risk (P(no purchase in the next 90 days)) over them. */
  meanChurnRisk: number;
  /** In the high band. */
  highRisk: number;
  /** High risk, ≥ 2 purchase days and a purchase in the scope's stores in the 365 days to the as-of day. */
  slippingAway: number;
  /** The high-risk customers' revenue in scope. */
  highRiskRevenue: number;
  /** Their spend in the scope's stores in the 365 days up to the run's as-of day (the gauge's definition). */
  valueAtStake: number;
  /** Σ predicted 12-month value of the scored customers. */
  predictedValue: number;
};

export async function segmentChurn(
  db: Db,
  a: { runId: number; asOfDay: string; period: Period; stores: StoreFilter },
): Promise<Partial<Record<SegmentKey, SegmentChurn>>> {
  const p = a.period;
  const rows = await queryRows<{
    recent: boolean;
    frequent: boolean;
    valuable: boolean;
    scored: string;
    sum_risk: number | string | null;
    high: string;
    slipping: string;
    high_revenue: string | null;
    stake: string | null;
    predicted: number | string | null;
  }>(
    db,
    sql`with per_customer as (
          select customer_id, sum(orders) as f, sum(revenue) as m, ${p.to}::date - max(day) as r
          from customer_store_days
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, a.stores)}
          group by customer_id
        ),
        totals as (select count(*) as n, sum(f) as sf, sum(m) as sm, sum(r) as sr from per_customer),
        scored as (
          select c.customer_id, c.m, (c.r * t.n <= t.sr) as recent, (c.f * t.n >= t.sf) as frequent,
                 (c.m * t.n >= t.sm) as valuable, pr.churn_risk, pr.risk_band, pr.purchase_days, pr.predicted_value
          from per_customer c cross join totals t
          join customer_predictions pr on pr.run_id = ${a.runId} and pr.customer_id = c.customer_id
        ),
        stake as (
          select d.customer_id, sum(d.revenue) as v from customer_store_days d
          where d.customer_id in (select customer_id from scored where risk_band = 'high')
            and ${storeIn(sql`d.store_id`, a.stores)}
            and d.day > ${a.asOfDay}::date - 365 and d.day <= ${a.asOfDay}::date
          group by d.customer_id
        )
        select s.recent, s.frequent, s.valuable, count(*) as scored,
               sum(s.churn_risk order by s.customer_id) as sum_risk,
               count(*) filter (where s.risk_band = 'high') as high,
               count(*) filter (where s.risk_band = 'high' and s.purchase_days >= 2 and k.customer_id is not null)
                 as slipping,
               sum(s.m) filter (where s.risk_band = 'high') as high_revenue,
               sum(k.v) as stake, sum(s.predicted_value order by s.customer_id) as predicted
        from scored s left join stake k on k.customer_id = s.customer_id
        group by 1, 2, 3`,
  );
  const out: Partial<Record<SegmentKey, SegmentChurn>> = {};
  for (const r of rows) {
    const scored = num(r.scored);
    out[segmentOf(r)] = {
      scored,
      meanChurnRisk: scored > 0 ? num(r.sum_risk) / scored : 0,
      highRisk: num(r.high),
      slippingAway: num(r.slipping),
      highRiskRevenue: num(r.high_revenue),
      valueAtStake: num(r.stake),
      predictedValue: num(r.predicted),
    };
  }
  return out;
}
