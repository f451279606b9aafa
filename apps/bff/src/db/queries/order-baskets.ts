/**
 * The order baskets' rows for the in-memory columns (`features/customer-columns/basket-columns.ts`), read in the
 * copy's snapshot by `readColumns` (customer-columns.ts) after the customer and product rows, whose ordinals they take.
 */
import type { ColumnsSource } from './customer-columns';

/**
 * Completed orders' lines (orders without lines have no basket), one row per line, the lines of one order
 * together (`order by o.id`: a merge join of both primary keys on PostgreSQL, no sort): store, day, then the keys
 * order id, 'c' || customer id ('' for an anonymous order: the key is never null) and product id.
 */
export const orderBasketsSource = (
  open: ColumnsSource['open'],
  openLines: NonNullable<ColumnsSource['openLines']>,
  done?: () => void,
): ColumnsSource => ({
  table: 'order_items',
  ints: [],
  keys: ['order_id', 'customer', 'product_id'],
  open,
  openLines,
  ...(done ? { done } : {}),
  query: {
    rows: `select o.store_id, o.day - date '1970-01-01', o.id, coalesce('c' || o.customer_id, ''), i.product_id
           from orders o join order_items i on i.order_id = o.id
           where o.status = 'completed'
           order by o.id`,
    // The planner's estimate of the lines (a capacity hint; the builder grows past it).
    count: `select greatest(reltuples, 0)::bigint as n from pg_class where oid = 'order_items'::regclass`,
    page: (after, limit) => ({
      text: `select o.store_id, o.day - date '1970-01-01', o.id, coalesce('c' || o.customer_id, ''), i.product_id,
                    i.line_no
             from orders o join order_items i on i.order_id = o.id
             where o.status = 'completed' and ($1::text is null or (i.order_id, i.line_no) > ($1::text, $2::int))
             order by i.order_id, i.line_no
             limit ${limit}`,
      params: after ?? [null, null],
    }),
  },
});
