/**
 * Reads a model run's predictions for a scope: the churn gauge figures, the slipping-away list and the cluster
 * counts, always for the scope's active customers (≥ 1 completed order in its stores and days, PRODUCT §4).
 * `customerPredictions` is the entry point for Customer 360 and suggestion evidence.
 */
import { sql } from 'drizzle-orm';
import { VALUE_BIN_EDGES, type RiskBandKey } from '@portrait/shared/models';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import type { Period } from './portrait';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';

export type ScopeArgs = { runId: number; period: Period; stores: StoreFilter };

/** The scope's active customers (≥ 1 completed order in its stores and days) with their revenue there. */
export const activeCustomers = (p: Period, stores: StoreFilter) => sql`
  select customer_id, sum(revenue) as revenue
  from customer_store_days
  where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
  group by customer_id`;

const edges = sql`array[${sql.join(
  VALUE_BIN_EDGES.map((e) => sql`${e}`),
  sql`, `,
)}]::float8[]`;

export type ChurnBandFigures = {
  band: RiskBandKey;
  customers: number;
  predictedValue: number;
  expectedOrders90: number;
};

export type ChurnFigures = {
  active: number;
  bands: ChurnBandFigures[];
  bins: { bin: number; band: RiskBandKey; customers: number }[];
  valueAtStake: number;
};

/**
 * The gauge's figures. The two float8 sums add their rows in customer id order (a plan's row order is unspecified,
 * and a float sum depends on it), so the in-memory columns (customer-columns/gauge-columns.ts) give the same doubles.
 */
export async function churnFigures(db: Db, a: ScopeArgs & { asOfDay: string }): Promise<ChurnFigures> {
  const bandRows = await queryRows<{
    band: RiskBandKey | null;
    customers: string;
    value: string | null;
    e90: string | null;
  }>(
    db,
    sql`with active as (${activeCustomers(a.period, a.stores)})
        select p.risk_band as band, count(*) as customers, sum(p.predicted_value order by c.customer_id) as value,
               sum(p.expected90 order by c.customer_id) as e90
        from active c left join customer_predictions p on p.run_id = ${a.runId} and p.customer_id = c.customer_id
        group by p.risk_band`,
  );
  const binRows = await queryRows<{ bin: number; band: RiskBandKey; customers: string }>(
    db,
    sql`with active as (${activeCustomers(a.period, a.stores)})
        select width_bucket(p.predicted_value, ${edges}) as bin, p.risk_band as band, count(*) as customers
        from active c join customer_predictions p on p.run_id = ${a.runId} and p.customer_id = c.customer_id
        group by 1, 2`,
  );
  const stake = await queryRows<{ value: string | null }>(
    db,
    sql`with active as (${activeCustomers(a.period, a.stores)}),
        high as (
          select c.customer_id from active c
          join customer_predictions p on p.run_id = ${a.runId} and p.customer_id = c.customer_id
          where p.risk_band = 'high'
        )
        select sum(d.revenue) as value from customer_store_days d
        where d.customer_id in (select customer_id from high) and ${storeIn(sql`d.store_id`, a.stores)}
          and d.day > ${a.asOfDay}::date - 365 and d.day <= ${a.asOfDay}::date`,
  );
  return {
    active: bandRows.reduce((s, r) => s + num(r.customers), 0),
    bands: bandRows
      .filter((r): r is typeof r & { band: RiskBandKey } => r.band !== null)
      .map((r) => ({
        band: r.band,
        customers: num(r.customers),
        predictedValue: num(r.value),
        expectedOrders90: num(r.e90),
      })),
    bins: binRows.map((r) => ({ bin: Number(r.bin), band: r.band, customers: num(r.customers) })),
    valueAtStake: num(stake[0]?.value),
  };
}

export type ClusterCount = { cluster: number | null; customers: number; revenue: number };

/** Active customers of the scope per cluster (null = not yet clustered), with their revenue in scope. */
export async function clusterCounts(db: Db, a: ScopeArgs): Promise<ClusterCount[]> {
  const rows = await queryRows<{ cluster: number | null; customers: string; revenue: string | null }>(
    db,
    sql`with active as (${activeCustomers(a.period, a.stores)})
        select k.cluster, count(*) as customers, sum(c.revenue) as revenue
        from active c left join customer_clusters k on k.run_id = ${a.runId} and k.customer_id = c.customer_id
        group by k.cluster order by k.cluster`,
  );
  return rows.map((r) => ({
    cluster: r.cluster === null ? null : Number(r.cluster),
    customers: num(r.customers),
    revenue: num(r.revenue),
  }));
}

export type CustomerPredictionRow = {
  customerId: string;
  asOfDay: string;
  homeStoreId: string;
  purchaseDays: number;
  firstDay: string;
  lastDay: string;
  repeatSpend: number;
  pActive: number;
  churnRisk: number;
  riskBand: RiskBandKey;
  expected30: number;
  expected90: number;
  expected365: number;
  expectedSpend: number;
  predictedValue: number;
  cluster: { cluster: number; nameZh: string; nameEn: string } | null;
};

/**
 * The served run's predictions for these customers (missing ids are left out: no orders yet, or none before
 * the last fit). For Customer 360 and suggestion evidence; callers apply their own access checks. `runId`
 * reads that run instead (a caller that already knows which run it serves, so figures and run agree).
 */
export async function predictionRows(
  db: Db,
  customerIds: readonly string[],
  runId?: number,
): Promise<Map<string, CustomerPredictionRow>> {
  if (customerIds.length === 0) return new Map();
  const served =
    runId === undefined
      ? sql`select id, as_of_day from model_runs where status = 'ready' order by id desc limit 1`
      : sql`select id, as_of_day from model_runs where id = ${runId}`;
  const rows = await queryRows<{
    customer_id: string;
    as_of_day: string;
    home_store_id: string;
    purchase_days: number;
    first_day: string;
    last_day: string;
    repeat_spend: string;
    p_active: number;
    churn_risk: number;
    risk_band: RiskBandKey;
    expected30: number;
    expected90: number;
    expected365: number;
    expected_spend: number;
    predicted_value: number;
    cluster: number | null;
    name_zh: string | null;
    name_en: string | null;
  }>(
    db,
    sql`with run as (${served})
        select p.customer_id, run.as_of_day::text as as_of_day, p.home_store_id, p.purchase_days,
               p.first_day::text as first_day, p.last_day::text as last_day, p.repeat_spend, p.p_active,
               p.churn_risk, p.risk_band, p.expected30, p.expected90, p.expected365, p.expected_spend,
               p.predicted_value, k.cluster, cp.name_zh, cp.name_en
        from run join customer_predictions p on p.run_id = run.id
        left join customer_clusters k on k.run_id = run.id and k.customer_id = p.customer_id
        left join cluster_profiles cp on cp.run_id = run.id and cp.cluster = k.cluster
        where p.customer_id in (${sql.join(
          customerIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        customerId: r.customer_id,
        asOfDay: r.as_of_day,
        homeStoreId: r.home_store_id,
        purchaseDays: Number(r.purchase_days),
        firstDay: r.first_day,
        lastDay: r.last_day,
        repeatSpend: num(r.repeat_spend),
        pActive: num(r.p_active),
        churnRisk: num(r.churn_risk),
        riskBand: r.risk_band,
        expected30: num(r.expected30),
        expected90: num(r.expected90),
        expected365: num(r.expected365),
        expectedSpend: num(r.expected_spend),
        predictedValue: num(r.predicted_value),
        cluster:
          r.cluster === null
            ? null
            : { cluster: Number(r.cluster), nameZh: r.name_zh ?? '', nameEn: r.name_en ?? '' },
      },
    ]),
  );
}
