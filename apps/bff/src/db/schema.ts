/**
 * The data model (PRODUCT §2.1) and the derived tables the portrait queries read.
 * Source tables keep the import format's ids as text primary keys, so re-importing a row is an upsert.
 * Orders carry their Asia/Shanghai `day` and `hour`, computed once at load, so no query converts time zones.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const money = (name?: string) =>
  name ? numeric(name, { precision: 14, scale: 2 }) : numeric({ precision: 14, scale: 2 });
const instant = () => timestamp({ withTimezone: true, mode: 'string' });

export const cities = pgTable('cities', {
  name: text().primaryKey(),
  province: text().notNull(),
  lat: doublePrecision(),
  lng: doublePrecision(),
  tier: smallint(),
});

export const stores = pgTable(
  'stores',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    city: text()
      .notNull()
      .references(() => cities.name),
    lat: doublePrecision(),
    lng: doublePrecision(),
    openedOn: date({ mode: 'string' }),
  },
  (t) => [index('stores_city_idx').on(t.city)],
);

export const products = pgTable('products', {
  id: text().primaryKey(),
  name: text().notNull(),
  category: text().notNull(),
  unitPrice: money(),
});

export const customers = pgTable(
  'customers',
  {
    id: text().primaryKey(),
    phone: text(),
    memberId: text(),
    email: text(),
    name: text(),
    gender: text(),
    birthYear: smallint(),
    registeredAt: instant(),
    memberLevel: text(),
    points: integer(),
    balance: money(),
  },
  (t) => [
    index('customers_phone_idx').on(t.phone),
    index('customers_member_id_idx').on(t.memberId),
    // Customer 360 search (issue 6): prefix matches on phone, name, member id and email, and the phone's last
    // digits through its reverse. Pattern opclasses serve LIKE 'x%' under any database collation.
    index('customers_phone_prefix_idx').on(t.phone.op('text_pattern_ops')),
    index('customers_phone_suffix_idx').on(sql`reverse(${t.phone}) text_pattern_ops`),
    index('customers_name_prefix_idx').on(t.name.op('text_pattern_ops')),
    index('customers_member_id_prefix_idx').on(t.memberId.op('text_pattern_ops')),
    index('customers_email_prefix_idx').on(sql`lower(${t.email}) text_pattern_ops`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: text().primaryKey(),
    customerId: text(),
    /**
     * A store's id; no foreign key: the import checks every staged store id in one query (unknown_store
     * rejects) before it inserts, where a per-row key check cost as much as the insert itself.
     */
    storeId: text().notNull(),
    orderedAt: instant().notNull(),
    /** Asia/Shanghai calendar day and hour of `orderedAt`. */
    day: date({ mode: 'string' }).notNull(),
    hour: smallint().notNull(),
    channel: text().notNull(),
    orderType: text(),
    amount: money().notNull(),
    discount: money().notNull().default('0'),
    paymentMethod: text(),
    status: text().notNull().default('completed'),
  },
  (t) => [
    index('orders_day_store_idx').on(t.day, t.storeId),
    index('orders_customer_idx').on(t.customerId, t.day),
    // One store's days without walking every store's index entries of those days (issue 9: ≤ 150 ms a store).
    index('orders_store_day_idx').on(t.storeId, t.day),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    orderId: text().notNull(),
    lineNo: smallint().notNull(),
    productId: text().notNull(),
    quantity: integer().notNull(),
    unitPrice: money(),
    amount: money().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.lineNo] })],
);

export const events = pgTable(
  'events',
  {
    id: text().primaryKey(),
    customerId: text().notNull(),
    sessionId: text().notNull(),
    eventType: text().notNull(),
    occurredAt: instant().notNull(),
    day: date({ mode: 'string' }).notNull(),
    storeId: text(),
    channel: text(),
    page: text(),
    durationS: integer(),
  },
  (t) => [
    index('events_day_store_idx').on(t.day, t.storeId),
    index('events_session_idx').on(t.sessionId, t.occurredAt),
  ],
);

export const reservations = pgTable(
  'reservations',
  {
    id: text().primaryKey(),
    customerId: text().notNull(),
    storeId: text().notNull(),
    reservedFor: instant().notNull(),
    partySize: smallint(),
    status: text(),
    createdAt: instant(),
  },
  (t) => [index('reservations_customer_idx').on(t.customerId)],
);

export const serviceTickets = pgTable(
  'service_tickets',
  {
    id: text().primaryKey(),
    customerId: text().notNull(),
    storeId: text(),
    createdAt: instant().notNull(),
    contactType: text(),
    category: text(),
    resolutionMinutes: integer(),
    nps: smallint(),
  },
  (t) => [index('service_tickets_customer_idx').on(t.customerId)],
);

// ---- derived tables: rebuilt from the source tables, never edited by hand ----

/** One row per identified customer, store and day with completed orders: the grain of every customer metric. */
export const customerStoreDays = pgTable(
  'customer_store_days',
  {
    day: date({ mode: 'string' }).notNull(),
    storeId: text().notNull(),
    customerId: text().notNull(),
    orders: integer().notNull(),
    revenue: money().notNull(),
    /** Bit h set when the customer had a completed order in hour h (0–23) that day at that store. */
    hourMask: integer().notNull(),
    /** One bit per channel and per order type of those orders (`db/queries/mix-masks.ts`). */
    mixMask: smallint().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.storeId, t.customerId] }),
    index('customer_store_days_customer_idx').on(t.customerId, t.storeId, t.day),
    index('customer_store_days_store_day_idx').on(t.storeId, t.day),
  ],
);

/** Each identified customer's first completed order day per store (for new and total customers). */
export const customerStoreFirsts = pgTable(
  'customer_store_firsts',
  {
    customerId: text().notNull(),
    storeId: text().notNull(),
    firstDay: date({ mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId] }),
    index('customer_store_firsts_first_day_idx').on(t.firstDay, t.storeId),
  ],
);

/**
 * Each identified customer's chain-wide paid amount (completed orders, every store) before the first day of each
 * month, for the months after their first order's month up to their last order's month: an active customer's
 * lifetime revenue up to `to` is this at `from`'s month plus the days from that month's start (PRODUCT §4 LTV,
 * chain-wide scopes), instead of summing their whole history.
 */
export const customerMonthSnapshots = pgTable(
  'customer_month_snapshots',
  {
    month: date({ mode: 'string' }).notNull(),
    customerId: text().notNull(),
    revenueBefore: money().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.customerId] }),
    index('customer_month_snapshots_customer_idx').on(t.customerId),
  ],
);

/** Completed orders by store, day, hour, channel and order type (additive panels). */
export const storeDayMix = pgTable(
  'store_day_mix',
  {
    day: date({ mode: 'string' }).notNull(),
    storeId: text().notNull(),
    hour: smallint().notNull(),
    channel: text().notNull(),
    orderType: text().notNull(),
    orders: integer().notNull(),
    revenue: money().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.storeId, t.hour, t.channel, t.orderType] }),
    index('store_day_mix_store_day_idx').on(t.storeId, t.day),
  ],
);

/** Quantity and item revenue of completed orders by store, day and product. */
export const productStoreDays = pgTable(
  'product_store_days',
  {
    day: date({ mode: 'string' }).notNull(),
    storeId: text().notNull(),
    productId: text().notNull(),
    quantity: bigint({ mode: 'number' }).notNull(),
    revenue: money().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.storeId, t.productId] }),
    index('product_store_days_store_day_idx').on(t.storeId, t.day),
  ],
);

/** Key/value facts about the data: `data_version` changes whenever the data does (cache keys use it). */
export const dataMeta = pgTable('data_meta', {
  key: text().primaryKey(),
  value: text().notNull(),
});

export * from './schema-auth';
export * from './schema-paths';
export * from './schema-models';
export * from './schema-customer360';
export * from './schema-suggestions';
export * from './schema-import';
export * from './schema-precompute';
export * from './schema-quality';
