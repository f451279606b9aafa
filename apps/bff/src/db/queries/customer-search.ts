/**
 * Customer search for the 360 page: a phone by its first or last digits, a name, member id or email by its start,
 * a customer id exactly. Every form is served by an index on `customers` (see schema.ts), so a search costs the
 * same at 40,000 and at 1,000,000 customers, apart from how many match.
 */
import type { SearchMatch } from '@portrait/shared/customer-search';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import { boughtIn } from './customer360';
import { storeIn, type StoreFilter } from './scope-sql';

export type SearchRow = {
  customerId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  memberId: string | null;
  memberLevel: string | null;
  orders: number;
  lastDay: string | null;
  homeStoreId: string | null;
};

/** LIKE pattern for "starts with `text`": its own % _ and \ are matched literally. */
export const startsWith = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Where clause and "exact hit" expression of each way of reading the query. */
function matchSql(match: SearchMatch, term: string, raw: string): { where: SQL; exact: SQL } {
  switch (match) {
    case 'phone': {
      const reversed = [...term].reverse().join('');
      return {
        where: sql`(c.phone like ${startsWith(term)} or reverse(c.phone) like ${startsWith(reversed)})`,
        exact: sql`c.phone = ${term}`,
      };
    }
    case 'email':
      return { where: sql`lower(c.email) like ${startsWith(term)}`, exact: sql`lower(c.email) = ${term}` };
    case 'member_id':
      return { where: sql`c.member_id like ${startsWith(term)}`, exact: sql`c.member_id = ${term}` };
    case 'customer_id':
      return { where: sql`c.id in (${term}, ${raw})`, exact: sql`c.id = ${raw}` };
    case 'name':
      // Imported ids need not look like ours: an exact member or customer id is found here too.
      return {
        where: sql`(c.name like ${startsWith(term)} or c.member_id = ${raw} or c.id = ${raw})`,
        exact: sql`(c.name = ${term} or c.member_id = ${raw} or c.id = ${raw})`,
      };
  }
}

/** One page of matches among customers who bought in the store set: exact hits first, then the latest buyers. */
export async function searchCustomers(
  db: Db,
  q: { match: SearchMatch; term: string; raw: string },
  stores: StoreFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: SearchRow[] }> {
  const { where, exact } = matchSql(q.match, q.term, q.raw);
  const figures =
    stores === null
      ? sql`select s.orders, s.last_day, s.home_store_id from customer_summary s where s.customer_id = c.id`
      : sql`select sum(x.o) as orders, max(x.ld) as last_day,
                   (array_agg(x.store_id order by x.o desc, x.ld desc, x.store_id collate "C"))[1] as home_store_id
            from (select store_id, sum(orders) as o, max(day) as ld from customer_store_days
                  where customer_id = c.id and ${storeIn(sql`store_id`, stores)} group by store_id) x`;
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`select c.id, c.name, c.phone, c.email, c.member_id, c.member_level,
               fig.orders, fig.last_day::text as last_day, fig.home_store_id, count(*) over () as total
        from customers c left join lateral (${figures}) fig on true
        where ${where} and ${boughtIn(sql`c.id`, stores)}
        order by coalesce(${exact}, false) desc, fig.last_day desc nulls last, c.id collate "C"
        limit ${page.limit} offset ${page.offset}`,
  );
  let total = num(rows[0]?.total);
  if (rows.length === 0 && page.offset > 0) {
    const counted = await queryRows<{ n: string }>(
      db,
      sql`select count(*) as n from customers c where ${where} and ${boughtIn(sql`c.id`, stores)}`,
    );
    total = num(counted[0]?.n);
  }
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    total,
    rows: rows.map((r) => ({
      customerId: String(r.id),
      name: text(r.name),
      phone: text(r.phone),
      email: text(r.email),
      memberId: text(r.member_id),
      memberLevel: text(r.member_level),
      orders: num(r.orders),
      lastDay: text(r.last_day),
      homeStoreId: text(r.home_store_id),
    })),
  };
}
