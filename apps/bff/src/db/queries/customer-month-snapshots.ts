/**
 * `customer_month_snapshots` (derived from `customer_store_days`): each identified customer's chain-wide paid
 * amount before the first day of month M, for every M after the month of their first completed order up to the
 * month of their last. A customer active in a period has an order on or after `from`, so the month of `from` is
 * covered; before their first order's month the amount is 0 (no row). Lifetime revenue up to `to` (the LTV
 * numerator, PRODUCT §4) is then this snapshot + their days from the month's start to `from` − 1 + the period.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';

/**
 * The rows of the customers `customerFilter` selects: per customer and month with orders, the amount through
 * that month, repeated for every month after it up to (and including) the next month with orders.
 */
function insertSnapshots(customerFilter: SQL): SQL {
  return sql`
    insert into customer_month_snapshots (month, customer_id, revenue_before)
    with monthly as (
      select customer_id, date_trunc('month', day)::date as month, sum(revenue) as revenue
      from customer_store_days
      where ${customerFilter}
      group by customer_id, date_trunc('month', day)
    ),
    cumulative as (
      select customer_id, month,
             sum(revenue) over (partition by customer_id order by month) as through,
             lead(month) over (partition by customer_id order by month) as next_month
      from monthly
    )
    select m::date, c.customer_id, c.through
    from cumulative c
    cross join lateral generate_series(c.month + interval '1 month', c.next_month, interval '1 month') m
    where c.next_month is not null
    order by 1, 2`;
}

export async function rebuildCustomerMonthSnapshots(db: Db): Promise<void> {
  await db.execute(sql`delete from customer_month_snapshots`);
  await db.execute(insertSnapshots(sql`true`));
}

/** Recomputes the customers of `customers` (a query of customer ids). */
export async function refreshCustomerMonthSnapshots(db: Db, customers: SQL): Promise<void> {
  await db.execute(sql`delete from customer_month_snapshots where customer_id in (${customers})`);
  await db.execute(insertSnapshots(sql`customer_id in (${customers})`));
}
