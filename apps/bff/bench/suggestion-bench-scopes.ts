/**
 * The scopes the suggestion benches time (suggestion-queries.ts, suggestion-generation.ts, basket-bench.ts): the
 * data's last day, the city with most stores and its stores, and the store with most orders in the last 30 days.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { queryRows } from '../src/db/sql';

export async function suggestionBenchScopes(
  db: Db,
): Promise<{ last: string; city: string; cityStores: string[]; store: string }> {
  const [{ last }] = (await queryRows<{ last: string }>(
    db,
    sql`select max(day)::text as last from store_day_mix`,
  )) as [{ last: string }];
  const [{ city }] = (await queryRows<{ city: string }>(
    db,
    sql`select city from stores group by city order by count(*) desc, city limit 1`,
  )) as [{ city: string }];
  const cityStores = (
    await queryRows<{ id: string }>(db, sql`select id from stores where city = ${city} order by id`)
  ).map((r) => r.id);
  const [{ store }] = (await queryRows<{ store: string }>(
    db,
    sql`select store_id as store from store_day_mix where day > ${last}::date - 30 group by store_id
        order by sum(orders) desc limit 1`,
  )) as [{ store: string }];
  return { last, city, cityStores, store };
}
