import { sql, type SQL } from 'drizzle-orm';

/** The store part of a scope as SQL: `null` means every store, so no predicate at all. */
export type StoreFilter = readonly string[] | null;

export function storeIn(column: SQL, storeIds: StoreFilter): SQL {
  if (storeIds === null) return sql`true`;
  if (storeIds.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    storeIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

export function dayBetween(column: SQL, from: string, to: string): SQL {
  return sql`${column} between ${from}::date and ${to}::date`;
}
