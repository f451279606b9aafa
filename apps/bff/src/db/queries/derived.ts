/**
 * Rebuilds the derived tables from the source tables. Only completed orders count (PRODUCT §4); guests
 * (no customer id) count in orders and revenue but never in customer metrics.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { rebuildSessionPaths } from './session-paths';
import { rebuildCustomerSummary } from './customer-summary';

export async function rebuildDerived(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`truncate customer_store_days, customer_store_firsts, store_day_mix, product_store_days`,
    );
    await tx.execute(sql`
      insert into customer_store_days (day, store_id, customer_id, orders, revenue)
      select day, store_id, customer_id, count(*), sum(amount)
      from orders
      where status = 'completed' and customer_id is not null
      group by day, store_id, customer_id`);
    await tx.execute(sql`
      insert into customer_store_firsts (customer_id, store_id, first_day)
      select customer_id, store_id, min(day) from customer_store_days group by customer_id, store_id`);
    await tx.execute(sql`
      insert into store_day_mix (day, store_id, hour, channel, order_type, orders, revenue)
      select day, store_id, hour, channel, coalesce(order_type, 'unknown'), count(*), sum(amount)
      from orders
      where status = 'completed'
      group by day, store_id, hour, channel, coalesce(order_type, 'unknown')`);
    await tx.execute(sql`
      insert into product_store_days (day, store_id, product_id, quantity, revenue)
      select o.day, o.store_id, i.product_id, sum(i.quantity), sum(i.amount)
      from order_items i join orders o on o.id = i.order_id
      where o.status = 'completed'
      group by o.day, o.store_id, i.product_id`);
    await rebuildSessionPaths(tx);
    await rebuildCustomerSummary(tx);
  });
  await db.execute(sql`analyze`);
}
