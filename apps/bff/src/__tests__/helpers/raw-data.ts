import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { RawItem, RawOrder } from './reference-metrics';

/** Reads the source tables back as plain rows (amounts in integer cents) for the reference computation. */
export async function readRawOrders(db: Db): Promise<RawOrder[]> {
  const rows = await queryRows<{
    id: string;
    customer_id: string | null;
    store_id: string;
    day: string;
    hour: number;
    channel: string;
    order_type: string | null;
    cents: string;
    status: string;
  }>(
    db,
    sql`select id, customer_id, store_id, day::text as day, hour, channel, order_type,
               round(amount * 100)::bigint::text as cents, status from orders`,
  );
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    storeId: r.store_id,
    day: r.day,
    hour: Number(r.hour),
    channel: r.channel,
    orderType: r.order_type,
    cents: Number(r.cents),
    status: r.status,
  }));
}

export async function readRawItems(db: Db): Promise<RawItem[]> {
  const rows = await queryRows<{ order_id: string; product_id: string; quantity: number; cents: string }>(
    db,
    sql`select order_id, product_id, quantity, round(amount * 100)::bigint::text as cents from order_items`,
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    productId: r.product_id,
    quantity: Number(r.quantity),
    cents: Number(r.cents),
  }));
}

export async function readStoreCities(db: Db): Promise<{ id: string; city: string }[]> {
  return queryRows<{ id: string; city: string }>(db, sql`select id, city from stores order by id`);
}
