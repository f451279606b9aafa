/**
 * The store sets every equal-SQL test asks about, on whatever demo it loaded: the chain, one store, three stores,
 * the first store's city and no stores (each test adds its own special cases).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { queryRows } from '../../../db/sql';

export async function storeScopes(db: Db): Promise<[string, StoreFilter][]> {
  const stores = await queryRows<{ id: string; city: string }>(
    db,
    sql`select id, city from stores order by id`,
  );
  const ids = stores.map((s) => s.id);
  const city = stores[0]?.city ?? '';
  return [
    ['the chain', null],
    ['one store', ids.slice(0, 1)],
    ['three stores', ids.slice(1, 4)],
    ['a city', stores.filter((s) => s.city === city).map((s) => s.id)],
    ['no stores', []],
  ];
}
