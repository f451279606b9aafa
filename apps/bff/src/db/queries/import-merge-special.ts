/**
 * The two merges that are not a plain upsert by id: cities (which come with stores) and order items (which
 * have no id: the items of an order in one import replace that order's stored items).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import { fillWithoutIndexes, isEmpty } from './bulk-load';
import { rejectStaged, type MergeCounts } from './import-merge';

const STORES = { entity: 'stores', stage: 'import_stage_stores' };
const ITEMS = { entity: 'order_items', stage: 'import_stage_order_items' };

/**
 * A store in a city we do not know needs the city's province (from its row or another row of the import).
 * Cities named with a province are created or get that province; a new city's lat/lng are its stores' mean.
 */
export async function mergeCities(db: Db): Promise<{ rejected: number; citiesCreated: number }> {
  const rejected = await rejectStaged(
    db,
    STORES,
    'missing_province',
    sql`'city ' || city || ' is new: give its province'`,
    sql`s.province is null
        and not exists (select 1 from cities c where c.name = s.city)
        and not exists (select 1 from import_stage_stores p where p.city = s.city and p.province is not null)`,
  );
  const rows = await queryRows<{ n: string }>(
    db,
    sql`with named as (
          select city,
                 (array_agg(province order by file_no desc, line desc) filter (where province is not null))[1] as province,
                 avg(lat) as lat, avg(lng) as lng
          from import_stage_stores group by city
        ),
        created as (
          insert into cities (name, province, lat, lng)
          select city, province, lat, lng from named where province is not null
          on conflict (name) do update set province = excluded.province
            where cities.province is distinct from excluded.province
          returning (xmax = 0) as inserted
        )
        select count(*) filter (where inserted) as n from created`,
  );
  return { rejected, citiesCreated: num(rows[0]?.n) };
}

export type ItemRejects = { unknownOrder: number; unknownProduct: number; missingAmount: number };

export async function rejectBadItems(db: Db): Promise<ItemRejects> {
  const unknownOrder = await rejectStaged(
    db,
    ITEMS,
    'unknown_order',
    sql`'order_id ' || order_id || ' is not a known order (import it in orders.csv)'`,
    sql`not exists (select 1 from orders o where o.id = s.order_id)`,
  );
  const unknownProduct = await rejectStaged(
    db,
    ITEMS,
    'unknown_product',
    sql`'product_id ' || product_id || ' is not a known product (import it in products.csv)'`,
    sql`not exists (select 1 from products p where p.id = s.product_id)`,
  );
  const missingAmount = await rejectStaged(
    db,
    ITEMS,
    'missing_amount',
    sql`'no amount, no unit_price, and product ' || product_id || ' has no unit_price'`,
    // A semi-join, not a subquery per row (unknown products were rejected just before).
    sql`s.amount is null and s.unit_price is null
        and exists (select 1 from products p where p.id = s.product_id and p.unit_price is null)`,
  );
  return { unknownOrder, unknownProduct, missingAmount };
}

/**
 * Replaces the items of every order named in the stage whose item list differs from the stored one (line
 * numbers follow file and line order). Records the changed orders' store-days and customers as touched.
 */
export async function replaceOrderItems(db: Db, allowBulk = true): Promise<MergeCounts> {
  await db.execute(sql`create temp table merge_items on commit drop as
    select s.order_id,
           (row_number() over (partition by s.order_id order by s.file_no, s.line))::smallint as line_no,
           s.product_id, s.quantity,
           coalesce(s.unit_price, p.unit_price) as unit_price,
           coalesce(s.amount, round(s.quantity * coalesce(s.unit_price, p.unit_price), 2))::numeric(14, 2) as amount
    from import_stage_order_items s join products p on p.id = s.product_id`);
  // A temporary table has no statistics until analysed: without them the joins below are planned blind.
  await db.execute(sql`analyze merge_items`);
  if (allowBulk && (await isEmpty(db, 'order_items'))) return insertAllItems(db);
  await db.execute(sql`create temp table merge_item_orders on commit drop as
    select distinct order_id from merge_items`);
  await db.execute(sql`create temp table merge_items_changed on commit drop as
    select distinct order_id from (
      (select order_id, line_no, product_id, quantity, unit_price, amount from merge_items
       except all
       select i.order_id, i.line_no, i.product_id, i.quantity, i.unit_price, i.amount
       from order_items i join merge_item_orders m on m.order_id = i.order_id)
      union all
      (select i.order_id, i.line_no, i.product_id, i.quantity, i.unit_price, i.amount
       from order_items i join merge_item_orders m on m.order_id = i.order_id
       except all
       select order_id, line_no, product_id, quantity, unit_price, amount from merge_items)
    ) d`);
  const rows = await queryRows<{ inserted: string; updated: string; unchanged: string }>(
    db,
    sql`select
          count(*) filter (where c.order_id is not null and not exists
            (select 1 from order_items i where i.order_id = m.order_id)) as inserted,
          count(*) filter (where c.order_id is not null and exists
            (select 1 from order_items i where i.order_id = m.order_id)) as updated,
          count(*) filter (where c.order_id is null) as unchanged
        from merge_items m left join merge_items_changed c on c.order_id = m.order_id`,
  );
  await db.execute(sql`delete from order_items i using merge_items_changed c where i.order_id = c.order_id`);
  await db.execute(sql`insert into order_items (order_id, line_no, product_id, quantity, unit_price, amount)
    select m.order_id, m.line_no, m.product_id, m.quantity, m.unit_price, m.amount
    from merge_items m join merge_items_changed c on c.order_id = m.order_id`);
  await db.execute(sql`insert into touched_store_days (day, store_id)
    select distinct o.day, o.store_id from orders o join merge_items_changed c on c.order_id = o.id
    on conflict do nothing`);
  await db.execute(sql`insert into touched_customers (customer_id)
    select distinct o.customer_id from orders o join merge_items_changed c on c.order_id = o.id
    where o.customer_id is not null on conflict do nothing`);
  await db.execute(sql`drop table merge_items, merge_item_orders, merge_items_changed`);
  const r = rows[0];
  return {
    inserted: num(r?.inserted),
    updated: num(r?.updated),
    unchanged: num(r?.unchanged),
    path: 'merge',
  };
}

/** No stored item yet (a first import): every staged order's items are new; the same rows and touches. */
async function insertAllItems(db: Db): Promise<MergeCounts> {
  const inserted = await fillWithoutIndexes(db, 'order_items', async () => {
    const rows = await queryRows<{ n: string }>(
      db,
      sql`with ins as (insert into order_items (order_id, line_no, product_id, quantity, unit_price, amount)
            select order_id, line_no, product_id, quantity, unit_price, amount from merge_items returning 1)
          select count(*) as n from ins`,
    );
    return num(rows[0]?.n);
  });
  await db.execute(sql`insert into touched_store_days (day, store_id)
    select distinct o.day, o.store_id from orders o where o.id in (select order_id from merge_items)
    on conflict do nothing`);
  await db.execute(sql`insert into touched_customers (customer_id)
    select distinct o.customer_id from orders o where o.id in (select order_id from merge_items)
      and o.customer_id is not null on conflict do nothing`);
  await db.execute(sql`drop table merge_items`);
  return { inserted, updated: 0, unchanged: 0, path: 'bulk' };
}
