/**
 * Independent reference for the model tests: histories rebuilt in TypeScript from the raw orders (not from the
 * derived tables or the SQL under test), and the predictions recomputed from them with the numerics module.
 */
import { dayToUtcMs } from '@portrait/shared/dates';
import type { RawOrder } from '../../../__tests__/helpers/reference-metrics';
import {
  conditionalExpectedPurchases,
  probabilityAlive,
  probabilityNoPurchase,
  type BgnbdParams,
} from '../numerics/bgnbd';
import { conditionalExpectedSpend, type GammaGammaParams } from '../numerics/gamma-gamma';
import { summariseCustomer, type CustomerSummary } from '../numerics/summarise';
import { discountedValue } from '../numerics/value';

export const dayNumber = (day: string) => dayToUtcMs(day) / 86_400_000;

const completedOfCustomers = (orders: readonly RawOrder[]) =>
  orders.filter(
    (o): o is RawOrder & { customerId: string } => o.status === 'completed' && o.customerId !== null,
  );

/** Each customer's (x, t_x, T, m_x) in days, from their completed orders on or before `cutoff`. */
export function rawSummaries(orders: readonly RawOrder[], cutoff: string): Map<string, CustomerSummary> {
  const byCustomer = new Map<string, { day: number; amount: number }[]>();
  for (const o of completedOfCustomers(orders)) {
    const list = byCustomer.get(o.customerId) ?? [];
    list.push({ day: dayNumber(o.day), amount: o.cents / 100 });
    byCustomer.set(o.customerId, list);
  }
  const out = new Map<string, CustomerSummary>();
  for (const [id, list] of byCustomer) {
    const s = summariseCustomer(list, dayNumber(cutoff));
    if (s) out.set(id, s);
  }
  return out;
}

/** Customers with ≥ 1 completed order in the stores (null = all) between from and to. */
export function rawActive(
  orders: readonly RawOrder[],
  p: { from: string; to: string; stores: readonly string[] | null },
): Set<string> {
  return new Set(
    completedOfCustomers(orders)
      .filter((o) => o.day >= p.from && o.day <= p.to && (p.stores === null || p.stores.includes(o.storeId)))
      .map((o) => o.customerId),
  );
}

/** Spend (yuan) and purchase days of each customer in the stores, in the 365 days up to `asOf`. */
export function rawYear(
  orders: readonly RawOrder[],
  p: { asOf: string; stores: readonly string[] | null },
): Map<string, { spend: number; days: Set<string>; last: string }> {
  const from = dayNumber(p.asOf) - 365;
  const out = new Map<string, { spend: number; days: Set<string>; last: string }>();
  for (const o of completedOfCustomers(orders)) {
    const d = dayNumber(o.day);
    if (d <= from || o.day > p.asOf || (p.stores !== null && !p.stores.includes(o.storeId))) continue;
    const row = out.get(o.customerId) ?? { spend: 0, days: new Set<string>(), last: o.day };
    row.spend += o.cents / 100;
    row.days.add(o.day);
    if (o.day > row.last) row.last = o.day;
    out.set(o.customerId, row);
  }
  return out;
}

export function referencePrediction(s: CustomerSummary, bg: BgnbdParams, gg: GammaGammaParams) {
  const spend = conditionalExpectedSpend(gg, s.x, s.mx);
  return {
    pActive: probabilityAlive(bg, s),
    churnRisk: probabilityNoPurchase(bg, 90, s),
    expected90: conditionalExpectedPurchases(bg, 90, s),
    predictedValue: discountedValue(bg, s, spend, { unitsPerMonth: 365 / 12 }),
  };
}
