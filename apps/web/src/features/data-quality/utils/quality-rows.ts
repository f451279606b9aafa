import type { OverallQuality } from '@portrait/shared/imports';

export type QualitySection = 'completeness' | 'duplicates' | 'outliers' | 'orphans';

/** One line of the report: a message key, a count, the total it is a share of, example order ids. */
export type QualityRow = {
  key: string;
  count: number;
  /** The count's denominator, for "12.3 %" (null = no share shown). */
  of: number | null;
  examples: string[];
  /** The count is information (totals), not a problem. */
  neutral?: boolean;
};

/** The report as four sections of rows, in reading order. */
export function qualitySections(q: OverallQuality): Record<QualitySection, QualityRow[]> {
  const { orders, customers } = q;
  const row = (key: string, count: number, of: number | null, examples: string[] = []): QualityRow => ({
    key,
    count,
    of,
    examples,
  });
  return {
    completeness: [
      { ...row('customers', customers.customers, null), neutral: true },
      row('withoutPhone', customers.withoutPhone, customers.customers),
      row('withoutName', customers.withoutName, customers.customers),
      row('stubs', customers.stubs, customers.customers),
      { ...row('orders', orders.orders, null), neutral: true },
      { ...row('guestOrders', orders.guestOrders, orders.orders), neutral: true },
      row('withoutChannel', orders.withoutChannel, orders.orders),
      row('withoutOrderType', orders.withoutOrderType, orders.orders),
    ],
    duplicates: [
      row('sharedPhones', q.duplicates.sharedPhones, null),
      row('customersSharingPhone', q.duplicates.customersSharingPhone, customers.customers),
      row('repeatedOrders', q.duplicates.repeatedOrders, orders.orders),
    ],
    outliers: [
      row('nonPositiveAmount', orders.nonPositiveAmount, orders.orders, orders.examples.nonPositiveAmount),
      row('aboveNorm', orders.aboveNorm, orders.orders, orders.examples.aboveNorm),
      row('future', orders.future, orders.orders, orders.examples.future),
      row('beforeStoreOpened', orders.beforeStoreOpened, orders.orders, orders.examples.beforeStoreOpened),
    ],
    orphans: [
      row('itemsWithoutOrder', q.orphans.itemsWithoutOrder, null),
      row('itemsWithoutProduct', q.orphans.itemsWithoutProduct, null),
      row('ordersWithoutItems', q.orphans.ordersWithoutItems, orders.orders),
      row('customersWithoutOrders', q.orphans.customersWithoutOrders, customers.customers),
    ],
  };
}

/** How many problems a section holds (neutral totals excluded). */
export const issueCount = (rows: QualityRow[]) => rows.reduce((s, r) => s + (r.neutral ? 0 : r.count), 0);
