/**
 * An independent, deliberately naive computation of PRODUCT §4 from raw order rows, in integer cents.
 * It shares no code with the SQL under test; tests compare the two for many scopes.
 */
import { previousPeriod } from '@portrait/shared/dates';
import { segmentOf, type SegmentKey } from '@portrait/shared/segments';

export type RawOrder = {
  id: string;
  customerId: string | null;
  storeId: string;
  day: string;
  hour: number;
  channel: string;
  orderType: string | null;
  cents: number;
  status: string;
};
export type RawItem = { orderId: string; productId: string; quantity: number; cents: number };

type Figures = {
  orders: number;
  revenue: number;
  avgOrderValue: number | null;
  activeCustomers: number;
  totalCustomers: number;
  newCustomers: number;
  repurchaseRate: number | null;
  ltv: number | null;
};

/** The completed orders of identified customers in the stores (null: all) and the inclusive day range. */
export function scopedCustomerOrders(all: RawOrder[], stores: Set<string> | null, from: string, to: string) {
  return all.filter(
    (o): o is RawOrder & { customerId: string } =>
      o.status === 'completed' &&
      o.customerId !== null &&
      o.day >= from &&
      o.day <= to &&
      (stores === null || stores.has(o.storeId)),
  );
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

export function referenceFigures(
  all: RawOrder[],
  stores: Set<string> | null,
  from: string,
  to: string,
): Figures {
  const inStores = all.filter((o) => o.status === 'completed' && (stores === null || stores.has(o.storeId)));
  const inScope = inStores.filter((o) => o.day >= from && o.day <= to);
  const revenueCents = inScope.reduce((s, o) => s + o.cents, 0);
  const perCustomer = new Map<string, number>();
  for (const o of inScope)
    if (o.customerId) perCustomer.set(o.customerId, (perCustomer.get(o.customerId) ?? 0) + 1);
  const firstDay = new Map<string, string>();
  for (const o of inStores) {
    if (!o.customerId) continue;
    const seen = firstDay.get(o.customerId);
    if (!seen || o.day < seen) firstDay.set(o.customerId, o.day);
  }
  const active = perCustomer.size;
  let lifetimeCents = 0;
  for (const o of inStores)
    if (o.customerId && perCustomer.has(o.customerId) && o.day <= to) lifetimeCents += o.cents;
  const repeaters = [...perCustomer.values()].filter((n) => n >= 2).length;
  return {
    orders: inScope.length,
    revenue: revenueCents / 100,
    avgOrderValue: inScope.length ? Math.round(revenueCents / inScope.length) / 100 : null,
    activeCustomers: active,
    totalCustomers: [...firstDay.values()].filter((d) => d <= to).length,
    newCustomers: [...firstDay.values()].filter((d) => d >= from && d <= to).length,
    repurchaseRate: active ? repeaters / active : null,
    ltv: active ? Math.round(lifetimeCents / active) / 100 : null,
  };
}

export function referencePrevious(all: RawOrder[], stores: Set<string> | null, from: string, to: string) {
  const prev = previousPeriod(from, to);
  return referenceFigures(all, stores, prev.from, prev.to);
}

/** Each active customer's RFM segment and revenue in scope (cents), by the PRODUCT §4 rule. */
export function referenceSegmentMembers(
  all: RawOrder[],
  stores: Set<string> | null,
  from: string,
  to: string,
): Map<string, { segment: SegmentKey; cents: number }> {
  const per = new Map<string, { f: number; m: number; last: string }>();
  for (const o of all) {
    if (o.status !== 'completed' || !o.customerId || o.day < from || o.day > to) continue;
    if (stores && !stores.has(o.storeId)) continue;
    const c = per.get(o.customerId) ?? { f: 0, m: 0, last: o.day };
    c.f += 1;
    c.m += o.cents;
    if (o.day > c.last) c.last = o.day;
    per.set(o.customerId, c);
  }
  const rows = [...per].map(([id, c]) => ({ id, ...c, r: daysBetween(c.last, to) }));
  const n = rows.length;
  const meanR = rows.reduce((s, c) => s + c.r, 0) / n;
  const meanF = rows.reduce((s, c) => s + c.f, 0) / n;
  const meanM = rows.reduce((s, c) => s + c.m, 0) / n;
  const members = new Map<string, { segment: SegmentKey; cents: number }>();
  for (const c of rows) {
    // Means as floats, compared with a tolerance that only matters for exact ties (which must count as high).
    const segment = segmentOf({
      recent: c.r <= meanR + 1e-9,
      frequent: c.f >= meanF - 1e-9,
      valuable: c.m >= meanM - 1e-9,
    });
    members.set(c.id, { segment, cents: c.m });
  }
  return members;
}

export function referenceSegments(all: RawOrder[], stores: Set<string> | null, from: string, to: string) {
  const counts = new Map<SegmentKey, { count: number; cents: number }>();
  for (const { segment, cents } of referenceSegmentMembers(all, stores, from, to).values()) {
    const s = counts.get(segment) ?? { count: 0, cents: 0 };
    s.count += 1;
    s.cents += cents;
    counts.set(segment, s);
  }
  return counts;
}

export function referenceHourly(all: RawOrder[], stores: Set<string> | null, from: string, to: string) {
  const hours = Array.from({ length: 24 }, () => ({ orders: 0, cents: 0, customers: new Set<string>() }));
  for (const o of all) {
    if (o.status !== 'completed' || o.day < from || o.day > to || (stores && !stores.has(o.storeId)))
      continue;
    const h = hours[o.hour];
    if (!h) throw new Error(`hour ${o.hour}`);
    h.orders += 1;
    h.cents += o.cents;
    if (o.customerId) h.customers.add(o.customerId);
  }
  return hours.map((h, hour) => ({
    hour,
    orders: h.orders,
    revenue: h.cents / 100,
    customers: h.customers.size,
  }));
}

export function referenceProductQuantities(
  all: RawOrder[],
  items: RawItem[],
  stores: Set<string> | null,
  from: string,
  to: string,
): Map<string, { quantity: number; cents: number }> {
  const orders = new Set(
    all
      .filter(
        (o) => o.status === 'completed' && o.day >= from && o.day <= to && (!stores || stores.has(o.storeId)),
      )
      .map((o) => o.id),
  );
  const out = new Map<string, { quantity: number; cents: number }>();
  for (const i of items) {
    if (!orders.has(i.orderId)) continue;
    const p = out.get(i.productId) ?? { quantity: 0, cents: 0 };
    p.quantity += i.quantity;
    p.cents += i.cents;
    out.set(i.productId, p);
  }
  return out;
}
