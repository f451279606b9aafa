/** Customer 360 (issue 6): the per-customer summary the chain's R / F / M distribution is read from. */
import { date, integer, numeric, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Derived: one row per identified customer with a completed order, over the whole chain. Rebuilt by
 * `db/queries/customer-summary.ts` (full, or for a set of customers or days), never edited by hand.
 */
export const customerSummary = pgTable('customer_summary', {
  customerId: text().primaryKey(),
  firstDay: date({ mode: 'string' }).notNull(),
  lastDay: date({ mode: 'string' }).notNull(),
  orders: integer().notNull(),
  revenue: numeric({ precision: 14, scale: 2 }).notNull(),
  /** The store with the most completed orders (ties: the later last order, then the smaller id). */
  homeStoreId: text().notNull(),
});
