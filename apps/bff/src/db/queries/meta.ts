import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { queryRows } from '../sql';

export type StoreRow = { id: string; name: string; city: string; province: string };

export async function listStores(db: Db): Promise<StoreRow[]> {
  return queryRows<StoreRow>(
    db,
    sql`select s.id, s.name, s.city, c.province
        from stores s join cities c on c.name = s.city
        order by s.id`,
  );
}

/** First and last day with any completed order. */
export async function getDataSpan(db: Db): Promise<{ firstDay: string | null; lastDay: string | null }> {
  const rows = await queryRows<{ first_day: string | null; last_day: string | null }>(
    db,
    sql`select min(day)::text as first_day, max(day)::text as last_day from store_day_mix`,
  );
  return { firstDay: rows[0]?.first_day ?? null, lastDay: rows[0]?.last_day ?? null };
}
