/**
 * The whole data's quality report (definitions in data-quality.ts) in single passes: one over orders (every
 * order check, and the completed orders' amount distribution, from which the norm's percentiles are read exactly
 * as percentile_cont computes them), one over customers, one merge of orders with their items. On the large demo
 * (10.8 M orders, 20.9 M items) the separate scans took minutes; the figures are identical
 * (quality-overall.test.ts compares them with the former SQL).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import {
  normOf,
  orderExamples,
  type AmountNorm,
  type CustomerChecks,
  type OrderChecks,
} from './data-quality';

export type OverallQuality = {
  norm: AmountNorm;
  orders: OrderChecks;
  customers: CustomerChecks;
  duplicates: { sharedPhones: number; customersSharingPhone: number; repeatedOrders: number };
  orphans: {
    itemsWithoutOrder: number;
    itemsWithoutProduct: number;
    ordersWithoutItems: number;
    customersWithoutOrders: number;
  };
};

type AmountRow = {
  amount: string;
  /** status = 'completed' (the norm's population). */
  completed: string;
  /** coalesce(status, 'completed') = 'completed' (the outlier checks'). */
  completed_checks: string;
  orders: string;
  guest_orders: string;
  without_channel: string;
  without_order_type: string;
  future: string;
  before_opened: string;
};

/** Amounts are numeric(14,2): in cents they are exact integers, and so is a fence rounded to cents. */
const cents = (amount: number) => Math.round(amount * 100);

async function orderFigures(db: Db): Promise<{ norm: AmountNorm; orders: OrderChecks }> {
  // A few hundred distinct amounts on the large demo: every check is counted per amount in one scan.
  const rows = await queryRows<AmountRow>(
    db,
    sql`select o.amount,
          count(*) filter (where o.status = 'completed') as completed,
          count(*) filter (where coalesce(o.status, 'completed') = 'completed') as completed_checks,
          count(*) as orders,
          count(*) filter (where o.customer_id is null) as guest_orders,
          count(*) filter (where coalesce(trim(o.channel), '') in ('', 'unknown')) as without_channel,
          count(*) filter (where o.order_type is null) as without_order_type,
          count(*) filter (where o.ordered_at > now()) as future,
          count(*) filter (where o.day < s.opened_on) as before_opened
        from orders o left join stores s on s.id = o.store_id
        group by o.amount order by o.amount`,
  );
  const sum = (key: keyof AmountRow, where: (r: AmountRow) => boolean = () => true) =>
    rows.reduce((s, r) => (where(r) ? s + num(r[key]) : s), 0);
  const norm = normOf(rows.map((r) => ({ value: Number(r.amount), count: num(r.completed) })));
  const fence = norm.fence;
  const counts = {
    orders: sum('orders'),
    guestOrders: sum('guest_orders'),
    withoutChannel: sum('without_channel'),
    withoutOrderType: sum('without_order_type'),
    nonPositiveAmount: sum('completed_checks', (r) => cents(Number(r.amount)) <= 0),
    aboveNorm: fence === null ? 0 : sum('completed_checks', (r) => cents(Number(r.amount)) > cents(fence)),
    future: sum('future'),
    beforeStoreOpened: sum('before_opened'),
  };
  return {
    norm,
    orders: { ...counts, examples: await orderExamples(db, sql`orders`, fence, counts) },
  };
}

/** The customer checks and the shared phones, from one pass grouping customers by phone. */
async function customerFigures(db: Db) {
  const [row] = await queryRows<Record<string, string | null>>(
    db,
    sql`select sum(n) as customers,
          sum(n) filter (where blank) as without_phone,
          sum(without_name) as without_name,
          sum(stubs) as stubs,
          count(*) filter (where not blank and n > 1) as shared_phones,
          sum(n) filter (where not blank and n > 1) as sharing
        from (select coalesce(trim(c.phone), '') = '' as blank,
                count(*) as n,
                count(*) filter (where coalesce(trim(c.name), '') = '') as without_name,
                count(*) filter (where c.phone is null and c.member_id is null and c.email is null and c.name is null
                                   and c.registered_at is null) as stubs
              from customers c group by c.phone) p`,
  );
  return {
    customers: {
      customers: num(row?.customers),
      withoutPhone: num(row?.without_phone),
      withoutName: num(row?.without_name),
      stubs: num(row?.stubs),
    },
    sharedPhones: num(row?.shared_phones),
    customersSharingPhone: num(row?.sharing),
  };
}

export async function overallQuality(db: Db): Promise<OverallQuality> {
  const { norm, orders } = await orderFigures(db);
  const { customers, sharedPhones, customersSharingPhone } = await customerFigures(db);
  const [repeated] = await queryRows<{ repeated: string }>(
    db,
    sql`select coalesce(sum(n - 1), 0) as repeated from (select count(*) as n from orders where customer_id is not null
          group by customer_id, store_id, ordered_at, amount having count(*) > 1) r`,
  );
  // Each item meets its order (order ids are unique) and each order without items stands alone: one join. Both
  // sides in key order, so it is a merge over the two primary keys (index only, 18 s on the large demo) rather than
  // a hash of 10.8 M order ids spilling in batches (PostgreSQL 15 has no parallel full hash join; 31–57 s).
  const [orph] = await queryRows<Record<string, string>>(
    db,
    sql`select count(*) filter (where o.id is null) as no_order, count(*) filter (where i.order_id is null) as no_items
        from (select order_id from order_items order by order_id) i
        full join (select id from orders order by id) o on o.id = i.order_id`,
  );
  const [noProduct] = await queryRows<{ n: string }>(
    db,
    sql`select count(*) as n from order_items i where not exists (select 1 from products p where p.id = i.product_id)`,
  );
  const [lonely] = await queryRows<{ no_orders: string }>(
    db,
    sql`select count(*) as no_orders from customers c
        where not exists (select 1 from orders o where o.customer_id = c.id)`,
  );
  return {
    norm,
    orders,
    customers,
    duplicates: { sharedPhones, customersSharingPhone, repeatedOrders: num(repeated?.repeated) },
    orphans: {
      itemsWithoutOrder: num(orph?.no_order),
      itemsWithoutProduct: num(noProduct?.n),
      ordersWithoutItems: num(orph?.no_items),
      customersWithoutOrders: num(lonely?.no_orders),
    },
  };
}
