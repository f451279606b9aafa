import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { queryRows } from '../sql';

/** Set by every import that changed data: the database holds a chain's own data (the demo never replaces it). */
export const IMPORTED_META_KEY = 'imported';

export async function getDataVersion(db: Db): Promise<number> {
  const rows = await queryRows<{ value: string }>(
    db,
    sql`select value from data_meta where key = 'data_version'`,
  );
  return rows[0] ? Number(rows[0].value) : 0;
}

/** Marks the data as changed: caches keyed by the version stop matching. */
export async function bumpDataVersion(db: Db): Promise<number> {
  const rows = await queryRows<{ value: string }>(
    db,
    sql`insert into data_meta (key, value) values ('data_version', '1')
        on conflict (key) do update set value = (data_meta.value::bigint + 1)::text
        returning value`,
  );
  return Number(rows[0]?.value ?? 0);
}

export async function getMeta(db: Db, key: string): Promise<string | null> {
  const rows = await queryRows<{ value: string }>(db, sql`select value from data_meta where key = ${key}`);
  return rows[0]?.value ?? null;
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db.execute(
    sql`insert into data_meta (key, value) values (${key}, ${value})
        on conflict (key) do update set value = excluded.value`,
  );
}
