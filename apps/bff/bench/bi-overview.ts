/**
 * The overview's metrics (PRODUCT §4) as the plain SQL a BI tool would send straight to the source tables
 * (orders, order_items, products, stores) — no derived tables — shaped like the API's answer so the benchmark
 * can check both are identical and time them side by side.
 */
import { previousPeriod } from '@portrait/shared/dates';
import { KPI_KEYS, relativeChange, type KpiFigures } from '@portrait/shared/portrait';
import { SEGMENT_KEYS, segmentOf } from '@portrait/shared/segments';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { num, queryRows } from '../src/db/sql';
import type { BenchScope } from './bench-mix';

const round2 = (v: number) => Math.round(v * 100) / 100;

function storeWhere(s: BenchScope): SQL {
  if (s.store) return sql`o.store_id = ${s.store}`;
  if (s.city) return sql`o.store_id in (select id from stores where city = ${s.city})`;
  return sql`true`;
}

async function kpis(db: Db, s: BenchScope, from: string, to: string): Promise<KpiFigures> {
  const where = sql`o.status = 'completed' and ${storeWhere(s)}`;
  const period = sql`o.day between ${from}::date and ${to}::date`;
  const [sales] = await queryRows<Record<string, string | null>>(
    db,
    sql`select count(*) as orders, sum(o.amount) as revenue, count(distinct o.customer_id) as active
        from orders o where ${where} and ${period}`,
  );
  const [repeat] = await queryRows<Record<string, string | null>>(
    db,
    sql`with a as (select o.customer_id, count(*) as f from orders o
                   where ${where} and ${period} and o.customer_id is not null group by o.customer_id)
        select (select count(*) from a where f >= 2) as repeaters,
               (select sum(o.amount) from orders o where ${where} and o.day <= ${to}::date
                  and o.customer_id in (select customer_id from a)) as lifetime`,
  );
  const [firsts] = await queryRows<Record<string, string | null>>(
    db,
    sql`with f as (select o.customer_id, min(o.day) as d from orders o
                   where ${where} and o.day <= ${to}::date and o.customer_id is not null group by o.customer_id)
        select count(*) as total, count(*) filter (where d >= ${from}::date) as new_customers from f`,
  );
  const orders = num(sales?.orders);
  const revenue = num(sales?.revenue);
  const active = num(sales?.active);
  return {
    orders,
    revenue: round2(revenue),
    avgOrderValue: orders > 0 ? round2(revenue / orders) : null,
    activeCustomers: active,
    totalCustomers: num(firsts?.total),
    newCustomers: num(firsts?.new_customers),
    repurchaseRate: active > 0 ? num(repeat?.repeaters) / active : null,
    ltv: active > 0 ? round2(num(repeat?.lifetime) / active) : null,
  };
}

async function segments(db: Db, s: BenchScope) {
  const rows = await queryRows<Record<string, string | boolean>>(
    db,
    sql`with c as (
          select o.customer_id, count(*) as f, sum(o.amount) as m, ${s.to}::date - max(o.day) as r
          from orders o
          where o.status = 'completed' and ${storeWhere(s)} and o.customer_id is not null
            and o.day between ${s.from}::date and ${s.to}::date
          group by o.customer_id),
        t as (select count(*) as n, sum(f) as sf, sum(m) as sm, sum(r) as sr from c)
        select (c.r * t.n <= t.sr) as recent, (c.f * t.n >= t.sf) as frequent, (c.m * t.n >= t.sm) as valuable,
               count(*) as count, sum(c.m) as revenue
        from c cross join t group by 1, 2, 3`,
  );
  const out = new Map(SEGMENT_KEYS.map((key) => [key, { key, count: 0, revenue: 0 }]));
  for (const r of rows) {
    const row = out.get(segmentOf({ recent: !!r.recent, frequent: !!r.frequent, valuable: !!r.valuable }));
    if (!row) continue;
    row.count += num(r.count);
    row.revenue += num(r.revenue);
  }
  return [...out.values()].map((r) => ({ ...r, revenue: round2(r.revenue) }));
}

async function hourly(db: Db, s: BenchScope) {
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`select o.hour, count(*) as orders, sum(o.amount) as revenue, count(distinct o.customer_id) as customers
        from orders o where o.status = 'completed' and ${storeWhere(s)}
          and o.day between ${s.from}::date and ${s.to}::date group by o.hour`,
  );
  const byHour = new Map(rows.map((r) => [Number(r.hour), r]));
  return Array.from({ length: 24 }, (_, hour) => {
    const r = byHour.get(hour);
    return { hour, orders: num(r?.orders), revenue: round2(num(r?.revenue)), customers: num(r?.customers) };
  });
}

async function topProducts(db: Db, s: BenchScope) {
  const rows = await queryRows<Record<string, string>>(
    db,
    sql`with p as (
          select i.product_id, sum(i.quantity) as quantity, sum(i.amount) as revenue
          from order_items i join orders o on o.id = i.order_id
          where o.status = 'completed' and ${storeWhere(s)} and o.day between ${s.from}::date and ${s.to}::date
          group by i.product_id)
        select p.product_id, coalesce(pr.name, p.product_id) as name, coalesce(pr.category, '') as category,
               p.quantity, p.revenue, sum(p.quantity) over () as total
        from p left join products pr on pr.id = p.product_id
        order by p.quantity desc, p.product_id limit 10`,
  );
  return rows.map((r) => ({
    productId: r.product_id,
    name: r.name,
    category: r.category,
    quantity: num(r.quantity),
    revenue: round2(num(r.revenue)),
    share: num(r.total) > 0 ? num(r.quantity) / num(r.total) : 0,
  }));
}

async function channels(db: Db, s: BenchScope) {
  const mix = async (key: SQL) => {
    const rows = await queryRows<Record<string, string>>(
      db,
      sql`select ${key} as key, count(*) as orders, sum(o.amount) as revenue,
                 count(distinct o.customer_id) as customers
          from orders o where o.status = 'completed' and ${storeWhere(s)}
            and o.day between ${s.from}::date and ${s.to}::date group by 1`,
    );
    return rows
      .map((r) => ({
        key: r.key ?? 'unknown',
        orders: num(r.orders),
        revenue: round2(num(r.revenue)),
        customers: num(r.customers),
      }))
      .sort((a, b) => b.orders - a.orders || a.key.localeCompare(b.key));
  };
  return {
    byChannel: await mix(sql`o.channel`),
    byOrderType: await mix(sql`coalesce(o.order_type, 'unknown')`),
  };
}

/** The overview's panels of one scope from the source tables, shaped like GET /portrait/overview's data. */
export async function biOverview(db: Db, s: BenchScope) {
  const prev = previousPeriod(s.from, s.to);
  const current = await kpis(db, s, s.from, s.to);
  const previous = await kpis(db, s, prev.from, prev.to);
  const kpiEntries = KPI_KEYS.map((k) => [
    k,
    { value: current[k], previous: previous[k], change: relativeChange(current[k], previous[k]) },
  ]);
  return {
    kpis: Object.fromEntries(kpiEntries) as unknown,
    segments: await segments(db, s),
    hourly: await hourly(db, s),
    topProducts: await topProducts(db, s),
    channels: await channels(db, s),
  };
}
