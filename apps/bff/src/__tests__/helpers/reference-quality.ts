/**
 * The whole-data quality report exactly as it was computed before issue 9's single passes (several scans of
 * orders, order_items and customers): the definition the faster SQL in db/queries/data-quality.ts must equal,
 * and the "before" of bench/quality-bench.ts. Do not optimise.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { num, numOrNull, queryRows } from '../../db/sql';

type AmountNorm = {
  median: number | null;
  q1: number | null;
  q3: number | null;
  fence: number | null;
};

export async function referenceAmountNorm(db: Db): Promise<AmountNorm> {
  const rows = await queryRows<{ q1: string | null; median: string | null; q3: string | null }>(
    db,
    sql`select percentile_cont(0.25) within group (order by amount) as q1,
               percentile_cont(0.5) within group (order by amount) as median,
               percentile_cont(0.75) within group (order by amount) as q3
        from orders where status = 'completed'`,
  );
  const q1 = numOrNull(rows[0]?.q1);
  const q3 = numOrNull(rows[0]?.q3);
  const fence = q1 === null || q3 === null ? null : Math.round((q3 + 3 * (q3 - q1)) * 100) / 100;
  return { median: numOrNull(rows[0]?.median), q1, q3, fence };
}

type OrderChecks = {
  orders: number;
  guestOrders: number;
  withoutChannel: number;
  withoutOrderType: number;
  nonPositiveAmount: number;
  aboveNorm: number;
  future: number;
  beforeStoreOpened: number;
  examples: {
    nonPositiveAmount: string[];
    aboveNorm: string[];
    future: string[];
    beforeStoreOpened: string[];
  };
};

/** Order checks over `source` (a table of orders: the orders table, or a job's staged orders). */
async function orderChecks(db: Db, source: SQL, fence: number | null): Promise<OrderChecks> {
  const above = fence === null ? sql`false` : sql`o.amount > ${fence}`;
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`select count(*) as orders,
          count(*) filter (where o.customer_id is null) as guest_orders,
          count(*) filter (where coalesce(trim(o.channel), '') in ('', 'unknown')) as without_channel,
          count(*) filter (where o.order_type is null) as without_order_type,
          count(*) filter (where coalesce(o.status, 'completed') = 'completed' and o.amount <= 0) as non_positive,
          count(*) filter (where coalesce(o.status, 'completed') = 'completed' and ${above}) as above_norm,
          count(*) filter (where o.ordered_at > now()) as future,
          count(*) filter (where o.day < s.opened_on) as before_opened
        from ${source} o left join stores s on s.id = o.store_id`,
  );
  // No such order: no query (each is a scan of the source).
  const examples = async (count: string | undefined, where: SQL) =>
    num(count) === 0
      ? []
      : (
          await queryRows<{ id: string }>(
            db,
            sql`select o.id from ${source} o left join stores s on s.id = o.store_id where ${where}
                order by o.id limit 5`,
          )
        ).map((r) => r.id);
  const completed = sql`coalesce(o.status, 'completed') = 'completed'`;
  return {
    orders: num(row?.orders),
    guestOrders: num(row?.guest_orders),
    withoutChannel: num(row?.without_channel),
    withoutOrderType: num(row?.without_order_type),
    nonPositiveAmount: num(row?.non_positive),
    aboveNorm: num(row?.above_norm),
    future: num(row?.future),
    beforeStoreOpened: num(row?.before_opened),
    examples: {
      nonPositiveAmount: await examples(row?.non_positive, sql`${completed} and o.amount <= 0`),
      aboveNorm: await examples(row?.above_norm, sql`${completed} and ${above}`),
      future: await examples(row?.future, sql`o.ordered_at > now()`),
      beforeStoreOpened: await examples(row?.before_opened, sql`o.day < s.opened_on`),
    },
  };
}

type CustomerChecks = { customers: number; withoutPhone: number; withoutName: number; stubs: number };

async function customerChecks(db: Db, source: SQL): Promise<CustomerChecks> {
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`select count(*) as customers,
          count(*) filter (where coalesce(trim(c.phone), '') = '') as without_phone,
          count(*) filter (where coalesce(trim(c.name), '') = '') as without_name,
          count(*) filter (where c.phone is null and c.member_id is null and c.email is null and c.name is null
                             and c.registered_at is null) as stubs
        from ${source} c`,
  );
  return {
    customers: num(row?.customers),
    withoutPhone: num(row?.without_phone),
    withoutName: num(row?.without_name),
    stubs: num(row?.stubs),
  };
}

type ReferenceQuality = {
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

export async function referenceQuality(db: Db): Promise<ReferenceQuality> {
  const norm = await referenceAmountNorm(db);
  const orders = await orderChecks(db, sql`orders`, norm.fence);
  const customers = await customerChecks(db, sql`customers`);
  const [dup] = await queryRows<Record<string, string>>(
    db,
    sql`select
          (select count(*) from (select phone from customers where coalesce(trim(phone), '') <> ''
             group by phone having count(*) > 1) p) as shared_phones,
          (select coalesce(sum(n), 0) from (select count(*) as n from customers where coalesce(trim(phone), '') <> ''
             group by phone having count(*) > 1) p) as sharing,
          (select coalesce(sum(n - 1), 0) from (select count(*) as n from orders where customer_id is not null
             group by customer_id, store_id, ordered_at, amount having count(*) > 1) r) as repeated`,
  );
  const [orph] = await queryRows<Record<string, string>>(
    db,
    sql`select
          (select count(*) from order_items i where not exists (select 1 from orders o where o.id = i.order_id)) as no_order,
          (select count(*) from order_items i where not exists (select 1 from products p where p.id = i.product_id)) as no_product,
          (select count(*) from orders o where not exists (select 1 from order_items i where i.order_id = o.id)) as no_items,
          (select count(*) from customers c where not exists (select 1 from orders o where o.customer_id = c.id)) as no_orders`,
  );
  return {
    norm,
    orders,
    customers,
    duplicates: {
      sharedPhones: num(dup?.shared_phones),
      customersSharingPhone: num(dup?.sharing),
      repeatedOrders: num(dup?.repeated),
    },
    orphans: {
      itemsWithoutOrder: num(orph?.no_order),
      itemsWithoutProduct: num(orph?.no_product),
      ordersWithoutItems: num(orph?.no_items),
      customersWithoutOrders: num(orph?.no_orders),
    },
  };
}
