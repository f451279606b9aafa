/**
 * One customer's identity, counts, favourites and recent orders and reservations, within a store set
 * (`null` = the whole chain). Timeline and search live in their own files.
 */
import type { IdentifierType } from '@portrait/shared/customer360';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { num, numOrNull, queryRows } from '../sql';
import { storeIn, type StoreFilter } from './scope-sql';

/** Asia/Shanghai local time as ISO 8601 with its offset (UTC+8 all year, as in shared/dates.ts). */
export const localIso = (column: SQL) =>
  sql`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`;

export type CustomerRow = {
  id: string;
  phone: string | null;
  member_id: string | null;
  email: string | null;
  name: string | null;
  gender: string | null;
  birth_year: number | null;
  registered_at: string | null;
  member_level: string | null;
  points: number | null;
  balance: string | null;
};

/** Customers who bought (a completed order) in the store set; everyone when it is the whole chain. */
export function boughtIn(customerId: SQL, stores: StoreFilter): SQL {
  if (stores === null) return sql`true`;
  return sql`exists (select 1 from customer_store_firsts f
                     where f.customer_id = ${customerId} and ${storeIn(sql`f.store_id`, stores)})`;
}

/**
 * The customer an identifier names, among those who bought in the store set. Imported data may give two customers
 * one phone: the one who bought last wins (then the smaller id), so the answer is stable.
 */
export async function findCustomer(
  db: Db,
  type: IdentifierType,
  value: string,
  stores: StoreFilter,
): Promise<CustomerRow | null> {
  const match: Record<IdentifierType, SQL> = {
    phone: sql`c.phone = ${value}`,
    member_id: sql`c.member_id = ${value}`,
    email: sql`lower(c.email) = lower(${value})`,
    customer_id: sql`c.id = ${value}`,
  };
  const rows = await queryRows<CustomerRow>(
    db,
    sql`select c.id, c.phone, c.member_id, c.email, c.name, c.gender, c.birth_year,
               ${localIso(sql`c.registered_at`)} as registered_at,
               c.member_level, c.points, c.balance
        from customers c left join customer_summary s on s.customer_id = c.id
        where ${match[type]} and ${boughtIn(sql`c.id`, stores)}
        order by s.last_day desc nulls last, c.id collate "C"
        limit 1`,
  );
  return rows[0] ?? null;
}

export type EventCounts = {
  orders: number;
  completedOrders: number;
  posCompletedOrders: number;
  reservations: number;
  activeReservations: number;
  tickets: number;
  membership: number;
};

export async function eventCounts(db: Db, customerId: string, stores: StoreFilter): Promise<EventCounts> {
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`select
          (select count(*) from orders where customer_id = ${customerId}
             and ${storeIn(sql`store_id`, stores)}) as orders,
          (select count(*) from orders where customer_id = ${customerId} and status = 'completed'
             and ${storeIn(sql`store_id`, stores)}) as completed,
          (select count(*) from orders where customer_id = ${customerId} and status = 'completed'
             and channel = 'pos' and ${storeIn(sql`store_id`, stores)}) as pos,
          (select count(*) from reservations where customer_id = ${customerId}
             and ${storeIn(sql`store_id`, stores)}) as reservations,
          (select count(*) from reservations where customer_id = ${customerId}
             and coalesce(status, '') <> 'cancelled' and ${storeIn(sql`store_id`, stores)}) as active_reservations,
          (select count(*) from service_tickets where customer_id = ${customerId}
             and ${storeIn(sql`store_id`, stores)}) as tickets,
          (select count(*) from customers where id = ${customerId} and registered_at is not null) as membership`,
  );
  const r = rows[0] ?? {};
  return {
    orders: num(r.orders),
    completedOrders: num(r.completed),
    posCompletedOrders: num(r.pos),
    reservations: num(r.reservations),
    activeReservations: num(r.active_reservations),
    tickets: num(r.tickets),
    membership: num(r.membership),
  };
}

export type FavoriteProductRow = {
  productId: string;
  productName: string | null;
  category: string | null;
  quantity: number;
  orders: number;
  revenue: number;
};

/** Most bought products (by quantity, then revenue) over completed orders. */
export async function favoriteProducts(
  db: Db,
  customerId: string,
  stores: StoreFilter,
  limit: number,
): Promise<FavoriteProductRow[]> {
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select i.product_id, p.name, p.category, sum(i.quantity) as quantity,
               count(distinct i.order_id) as orders, sum(i.amount) as revenue
        from orders o join order_items i on i.order_id = o.id left join products p on p.id = i.product_id
        where o.customer_id = ${customerId} and o.status = 'completed' and ${storeIn(sql`o.store_id`, stores)}
        group by i.product_id, p.name, p.category
        order by sum(i.quantity) desc, sum(i.amount) desc, i.product_id collate "C"
        limit ${limit}`,
  );
  return rows.map((r) => ({
    productId: String(r.product_id),
    productName: r.name ?? null,
    category: r.category ?? null,
    quantity: num(r.quantity),
    orders: num(r.orders),
    revenue: num(r.revenue),
  }));
}

export type FavoriteStoreRow = { storeId: string; orders: number; revenue: number; lastDay: string };

export async function favoriteStores(
  db: Db,
  customerId: string,
  stores: StoreFilter,
  limit: number,
): Promise<FavoriteStoreRow[]> {
  const rows = await queryRows<{ store_id: string; orders: string; revenue: string; last_day: string }>(
    db,
    sql`select store_id, sum(orders) as orders, sum(revenue) as revenue, max(day)::text as last_day
        from customer_store_days
        where customer_id = ${customerId} and ${storeIn(sql`store_id`, stores)}
        group by store_id
        order by sum(orders) desc, max(day) desc, store_id collate "C"
        limit ${limit}`,
  );
  return rows.map((r) => ({
    storeId: r.store_id,
    orders: num(r.orders),
    revenue: num(r.revenue),
    lastDay: r.last_day,
  }));
}

export async function favoriteChannels(
  db: Db,
  customerId: string,
  stores: StoreFilter,
): Promise<{ channel: string; orders: number }[]> {
  const rows = await queryRows<{ channel: string; orders: string }>(
    db,
    sql`select channel, count(*) as orders from orders
        where customer_id = ${customerId} and status = 'completed' and ${storeIn(sql`store_id`, stores)}
        group by channel order by count(*) desc, channel collate "C"`,
  );
  return rows.map((r) => ({ channel: r.channel, orders: num(r.orders) }));
}

export type OrderRow = {
  id: string;
  orderedAt: string;
  storeId: string;
  channel: string;
  orderType: string | null;
  amount: number;
  discount: number;
  paymentMethod: string | null;
  status: string;
};

export async function recentOrders(
  db: Db,
  customerId: string,
  stores: StoreFilter,
  limit: number,
): Promise<OrderRow[]> {
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select id, ${localIso(sql`ordered_at`)} as ordered_at, store_id, channel, order_type, amount, discount,
               payment_method, status
        from orders where customer_id = ${customerId} and ${storeIn(sql`store_id`, stores)}
        order by ordered_at desc, id collate "C" desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    orderedAt: String(r.ordered_at),
    storeId: String(r.store_id),
    channel: String(r.channel),
    orderType: r.order_type ?? null,
    amount: num(r.amount),
    discount: num(r.discount),
    paymentMethod: r.payment_method ?? null,
    status: String(r.status),
  }));
}

export type ItemRow = { productId: string; productName: string | null; quantity: number; amount: number };

/** The items of some orders, in line order. */
export async function orderItems(db: Db, orderIds: readonly string[]): Promise<Map<string, ItemRow[]>> {
  const out = new Map<string, ItemRow[]>();
  if (orderIds.length === 0) return out;
  const rows = await queryRows<{
    order_id: string;
    product_id: string;
    name: string | null;
    quantity: number;
    amount: string;
  }>(
    db,
    sql`select i.order_id, i.product_id, p.name, i.quantity, i.amount
        from order_items i left join products p on p.id = i.product_id
        where i.order_id in (${sql.join(
          orderIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by i.order_id, i.line_no`,
  );
  for (const r of rows) {
    const list = out.get(r.order_id) ?? [];
    list.push({
      productId: r.product_id,
      productName: r.name,
      quantity: num(r.quantity),
      amount: num(r.amount),
    });
    out.set(r.order_id, list);
  }
  return out;
}

export type ReservationRow = {
  id: string;
  reservedFor: string;
  storeId: string;
  partySize: number | null;
  status: string | null;
  createdAt: string | null;
};

/** Latest by the time booked for (upcoming ones first). */
export async function recentReservations(
  db: Db,
  customerId: string,
  stores: StoreFilter,
  limit: number,
): Promise<ReservationRow[]> {
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`select id, ${localIso(sql`reserved_for`)} as reserved_for, store_id, party_size, status,
               ${localIso(sql`created_at`)} as created_at
        from reservations where customer_id = ${customerId} and ${storeIn(sql`store_id`, stores)}
        order by reserved_for desc, id collate "C" desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    reservedFor: String(r.reserved_for),
    storeId: String(r.store_id),
    partySize: numOrNull(r.party_size),
    status: r.status === null ? null : String(r.status),
    createdAt: r.created_at === null ? null : String(r.created_at),
  }));
}
