import { relativeChange, type KpiFigures, type Kpis, KPI_KEYS } from '@portrait/shared/portrait';
import type { Db } from '../../db/client';
import {
  customerFigures,
  customerFirsts,
  salesTotals,
  type CustomerFigures,
  type FirstsSource,
  type MixSource,
  type Period,
} from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';

/**
 * The KPI figures of one period, following PRODUCT §4 (ratios are null when their denominator is 0).
 * `customerPass`: the period's per-customer figures when they are shared with the segments panel; `mix`: the
 * period's `store_day_mix` sums from the in-memory columns, when they hold them; `firsts`: the new and total
 * customers from them.
 */
export async function kpiFigures(
  db: Db,
  period: Period,
  stores: StoreFilter,
  customerPass: () => Promise<CustomerFigures> = () => customerFigures(db, period, stores),
  mix?: MixSource,
  firsts?: FirstsSource,
): Promise<KpiFigures> {
  const sales = await salesTotals(db, period, stores, mix);
  const customers = (await customerPass()).totals;
  const { total, newCustomers } = await customerFirsts(db, period, stores, firsts);
  return {
    orders: sales.orders,
    revenue: round2(sales.revenue),
    avgOrderValue: sales.orders > 0 ? round2(sales.revenue / sales.orders) : null,
    activeCustomers: customers.active,
    totalCustomers: total,
    newCustomers,
    repurchaseRate: customers.active > 0 ? customers.repeaters / customers.active : null,
    ltv: customers.active > 0 ? round2(customers.lifetimeRevenue / customers.active) : null,
  };
}

export function compareKpis(current: KpiFigures, previous: KpiFigures): Kpis {
  const entries = KPI_KEYS.map((key) => {
    const value = current[key];
    const prev = previous[key];
    return [key, { value, previous: prev, change: relativeChange(value, prev) }] as const;
  });
  return Object.fromEntries(entries) as Kpis;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
