/**
 * The derived tables, each with a refresher: `rebuildAll` recomputes the whole table from the source tables,
 * `refresh` recomputes only what a data change touched. Only completed orders count (PRODUCT §4); guests (no
 * customer id) count in orders and revenue but never in customer metrics.
 *
 * Contract for a new derived table: add a `DerivedRefresher` to `DERIVED_REFRESHERS` (after the tables it
 * reads). `refresh` runs inside the import's transaction and reads the keys that changed from the temporary
 * tables named in `Touched` (or loads them with `touchedDays` / `touchedCustomers`); it must leave the table
 * exactly as `rebuildAll` would. Both use DELETE, not TRUNCATE, so readers keep seeing the old rows until commit.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbSession } from '../client';
import { queryRows } from '../sql';
import { fillWithoutIndexes, isEmpty, runOnSessions } from './bulk-load';
import { rebuildCustomerMonthSnapshots, refreshCustomerMonthSnapshots } from './customer-month-snapshots';
import {
  rebuildCustomerSummary,
  rebuildCustomerSummaryFor,
  rebuildCustomerSummaryFromDays,
} from './customer-summary';
import { maskAggregates } from './mix-masks';
import { rebuildSessionPaths, rebuildSessionPathsForDays } from './session-paths';

/**
 * What an import changed, as temporary tables that live until its commit:
 *  - `touched_store_days (day, store_id)`: store-days whose orders or items changed (old and new values);
 *  - `touched_days (day)`: every day with a changed order or event;
 *  - `touched_customers (customer_id)`: customers whose orders, items, events, reservations, tickets or
 *    own row changed (old and new owners of a changed order).
 */
export type Touched = { storeDays: SQL; days: SQL; customers: SQL };

export const TOUCHED: Touched = {
  storeDays: sql`select day, store_id from touched_store_days`,
  days: sql`select day from touched_days`,
  customers: sql`select customer_id from touched_customers`,
};

export type DerivedRefresher = {
  table: string;
  rebuildAll: (db: Db) => Promise<void>;
  refresh: (db: Db, touched: Touched) => Promise<void>;
};

/** Days as YYYY-MM-DD, for refreshers whose rebuild takes a list. */
export async function touchedDays(db: Db): Promise<string[]> {
  const rows = await queryRows<{ day: string }>(
    db,
    sql`select day::text as day from touched_days order by day`,
  );
  return rows.map((r) => r.day);
}

export async function touchedCustomers(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select customer_id as id from touched_customers order by customer_id`,
  );
  return rows.map((r) => r.id);
}

const inStoreDays = (touched: Touched, alias = '') =>
  sql`(${sql.raw(alias)}day, ${sql.raw(alias)}store_id) in (${touched.storeDays})`;

/** Orders, revenue and the hour / channel / order-type masks (`mix-masks.ts`) of each customer-store-day. */
const customerStoreDaysSelect = (where: SQL) => sql`
  insert into customer_store_days (day, store_id, customer_id, orders, revenue, hour_mask, mix_mask)
  select day, store_id, customer_id, count(*), sum(amount), ${maskAggregates()}
  from orders
  where status = 'completed' and customer_id is not null and ${where}
  group by day, store_id, customer_id`;

const customerStoreDays: DerivedRefresher = {
  table: 'customer_store_days',
  rebuildAll: async (db) => {
    await db.execute(sql`delete from customer_store_days`);
    await db.execute(customerStoreDaysSelect(sql`true`));
  },
  refresh: async (db, touched) => {
    await db.execute(sql`delete from customer_store_days where ${inStoreDays(touched)}`);
    await db.execute(customerStoreDaysSelect(inStoreDays(touched)));
  },
};

/** Reads customer_store_days, so it comes after it. */
const customerStoreFirsts: DerivedRefresher = {
  table: 'customer_store_firsts',
  rebuildAll: async (db) => {
    await db.execute(sql`delete from customer_store_firsts`);
    await db.execute(sql`
      insert into customer_store_firsts (customer_id, store_id, first_day)
      select customer_id, store_id, min(day) from customer_store_days group by customer_id, store_id`);
  },
  refresh: async (db, touched) => {
    await db.execute(sql`delete from customer_store_firsts where customer_id in (${touched.customers})`);
    await db.execute(sql`
      insert into customer_store_firsts (customer_id, store_id, first_day)
      select customer_id, store_id, min(day) from customer_store_days
      where customer_id in (${touched.customers})
      group by customer_id, store_id`);
  },
};

/** Reads customer_store_days, so it comes after it; a touched customer's snapshots are recomputed. */
const customerMonthSnapshots: DerivedRefresher = {
  table: 'customer_month_snapshots',
  rebuildAll: rebuildCustomerMonthSnapshots,
  refresh: (db, touched) => refreshCustomerMonthSnapshots(db, touched.customers),
};

const storeDayMixSelect = (where: SQL) => sql`
  insert into store_day_mix (day, store_id, hour, channel, order_type, orders, revenue)
  select day, store_id, hour, channel, coalesce(order_type, 'unknown'), count(*), sum(amount)
  from orders
  where status = 'completed' and ${where}
  group by day, store_id, hour, channel, coalesce(order_type, 'unknown')`;

const storeDayMix: DerivedRefresher = {
  table: 'store_day_mix',
  rebuildAll: async (db) => {
    await db.execute(sql`delete from store_day_mix`);
    await db.execute(storeDayMixSelect(sql`true`));
  },
  refresh: async (db, touched) => {
    await db.execute(sql`delete from store_day_mix where ${inStoreDays(touched)}`);
    await db.execute(storeDayMixSelect(inStoreDays(touched)));
  },
};

const productStoreDaysSelect = (where: SQL) => sql`
  insert into product_store_days (day, store_id, product_id, quantity, revenue)
  select o.day, o.store_id, i.product_id, sum(i.quantity), sum(i.amount)
  from order_items i join orders o on o.id = i.order_id
  where o.status = 'completed' and ${where}
  group by o.day, o.store_id, i.product_id`;

const productStoreDays: DerivedRefresher = {
  table: 'product_store_days',
  rebuildAll: async (db) => {
    await db.execute(sql`delete from product_store_days`);
    await db.execute(productStoreDaysSelect(sql`true`));
  },
  refresh: async (db, touched) => {
    await db.execute(sql`delete from product_store_days where ${inStoreDays(touched)}`);
    await db.execute(productStoreDaysSelect(inStoreDays(touched, 'o.')));
  },
};

/** One row per session (behaviour paths): sessions with an event on a touched day are rebuilt. */
const sessionPaths: DerivedRefresher = {
  table: 'session_paths',
  rebuildAll: rebuildSessionPaths,
  refresh: async (db) => rebuildSessionPathsForDays(db, await touchedDays(db)),
};

/**
 * One row per customer (Customer 360's chain distribution): in full from customer_store_days (before it in this
 * list), a few customers from `orders`.
 */
const customerSummary: DerivedRefresher = {
  table: 'customer_summary',
  rebuildAll: rebuildCustomerSummaryFromDays,
  refresh: async (db) => rebuildCustomerSummaryFor(db, { customerIds: await touchedCustomers(db) }),
};

/** In dependency order: a refresher may read the tables before it. */
export const DERIVED_REFRESHERS: DerivedRefresher[] = [
  customerStoreDays,
  customerStoreFirsts,
  customerMonthSnapshots,
  storeDayMix,
  productStoreDays,
  sessionPaths,
  customerSummary,
];

/** Rebuilds every derived table from the source tables in one transaction (demo load, tests, tools). */
export async function rebuildDerived(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const r of DERIVED_REFRESHERS) await r.rebuildAll(tx as unknown as Db);
  });
  await db.execute(sql`analyze`);
}

/**
 * Builds every (empty) derived table from the loaded source tables on `sessions` side by side, each in its own
 * transaction, filled without its indexes and indexed afterwards; then their statistics (demo load). Longest first;
 * customer_store_firsts reads customer_store_days, so the two run one after the other; customer_summary is built
 * from `orders` here for the same reason.
 */
export async function rebuildDerivedOn(
  sessions: DbSession[],
  log: (msg: string) => void = () => undefined,
): Promise<void> {
  const fill = (r: DerivedRefresher) => (s: DbSession) =>
    s.db.transaction(async (tx) =>
      fillWithoutIndexes(tx as unknown as Db, r.table, () => r.rebuildAll(tx as unknown as Db)),
    );
  // customer_summary's own rebuild reads customer_store_days, which another session is still filling here (its
  // rows are not committed): this one builds the same rows from `orders`, so it can run beside it.
  const customerSummaryFromOrders: DerivedRefresher = {
    ...customerSummary,
    rebuildAll: rebuildCustomerSummary,
  };
  const groups = [
    [productStoreDays],
    [customerStoreDays, customerStoreFirsts, customerMonthSnapshots],
    [customerSummaryFromOrders],
    [sessionPaths],
    [storeDayMix],
  ];
  if (groups.flat().length !== DERIVED_REFRESHERS.length)
    throw new Error('a derived table is missing from the load');
  await runOnSessions(
    sessions,
    groups.map((group) => async (s) => {
      for (const r of group) {
        const began = Date.now();
        await fill(r)(s);
        log(`${r.table} ${((Date.now() - began) / 1000).toFixed(1)} s`);
      }
    }),
  );
  await runOnSessions(
    sessions,
    DERIVED_REFRESHERS.map((r) => async (s) => void (await s.db.execute(sql.raw(`analyze ${r.table}`)))),
  );
}

/**
 * Brings every derived table up to date after an import, inside the import's transaction: incrementally, or
 * in full when `full` (an import that touched most of the data recomputes faster from scratch).
 */
export async function refreshDerived(tx: Db, full: boolean, allowBulk = true): Promise<void> {
  for (const r of DERIVED_REFRESHERS) {
    if (!full) await r.refresh(tx, TOUCHED);
    // An empty table (the first import) is filled with its indexes built afterwards: the same rows, faster.
    else if (allowBulk && (await isEmpty(tx, r.table)))
      await fillWithoutIndexes(tx, r.table, () => r.rebuildAll(tx));
    else await r.rebuildAll(tx);
  }
}
