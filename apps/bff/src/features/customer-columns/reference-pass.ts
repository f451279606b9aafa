/**
 * Customer 360's reference population for a store set (`distributionPairs`, db/queries/customer-summary.ts)
 * answered from the in-memory columns, identical to the SQL: every customer with a row in the stores, measured in
 * those stores over all their rows — R = `asOf` − last day, F = Σ orders, M = Σ revenue — as (value, customers)
 * pairs, with the population's Σ orders and Σ revenue. The SQL reads one store's rows scattered over the whole
 * table (≈ 13 k heap pages of the large demo for 15 k rows: 2–3 s from a cold cache); here they are one slice.
 * Money in integer cents divided by 100 once, the same double as the SQL's exact sum parsed; null when a sum could
 * leave the exact integer range (the caller asks the SQL).
 */
import type { DistributionPairs } from '../../db/queries/customer-summary';
import type { CustomerColumns } from './columns';
import { epochDay, storeOrdinals } from './customer-pass';
import { customerScratch } from './customer-scratch';

type Pairs = DistributionPairs['r'];

function pairsOf(counts: Map<number, number>, scale = 1): Pairs {
  return [...counts].map(([value, count]) => ({ value: value / scale, count }));
}

function add(counts: Map<number, number>, value: number): void {
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

export function columnsDistributionPairs(
  columns: CustomerColumns,
  stores: readonly string[],
  asOf: string,
): DistributionPairs | null {
  const { storeStart, day, customer, orders, cents } = columns;
  const { stamp, touched, f, m, last, generation } = customerScratch(columns);
  let n = 0;
  let totalOrders = 0;
  let totalCents = 0;
  let absCents = 0;
  for (const store of storeOrdinals(columns, stores)) {
    for (let i = storeStart[store]!; i < storeStart[store + 1]!; i++) {
      const c = customer[i]!;
      if (stamp[c] !== generation) {
        stamp[c] = generation;
        touched[n++] = c;
        f[c] = 0;
        m[c] = 0;
        last[c] = day[i]!;
      }
      f[c]! += orders[i]!;
      m[c]! += cents[i]!;
      if (day[i]! > last[c]!) last[c] = day[i]!;
      totalOrders += orders[i]!;
      totalCents += cents[i]!;
      absCents += Math.abs(cents[i]!);
    }
  }
  // Every partial sum (per customer and in total) is bounded by the Σ |cents| of the rows read.
  if (!Number.isSafeInteger(absCents) || !Number.isSafeInteger(totalOrders)) return null;
  const to = epochDay(asOf);
  const r = new Map<number, number>();
  const fc = new Map<number, number>();
  const mc = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const c = touched[k]!;
    add(r, to - last[c]!);
    add(fc, f[c]!);
    add(mc, m[c]!);
  }
  return {
    r: pairsOf(r),
    f: pairsOf(fc),
    m: pairsOf(mc, 100),
    customers: n,
    orders: totalOrders,
    revenue: totalCents / 100,
  };
}
