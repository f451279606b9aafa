/**
 * Bulk-load helpers. Secondary indexes make COPY several times slower than building them afterwards, so the
 * load drops them and recreates them from their own definitions (read from pg_indexes, so schema changes are
 * followed). The definitions are saved in data_meta first: if the process dies mid-load, the next load (or
 * `ensureDemoData`) puts them back.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import { getMeta, setMeta } from '../../db/queries/data-meta';
import { queryRows } from '../../db/sql';

const PENDING_KEY = 'demo_dropped_indexes';

export async function restoreDroppedIndexes(db: Db): Promise<void> {
  const pending = await getMeta(db, PENDING_KEY);
  if (!pending) return;
  for (const def of JSON.parse(pending) as string[])
    await db.execute(sql.raw(def.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ')));
  await db.execute(sql`delete from data_meta where key = ${PENDING_KEY}`);
}

/** Drops the plain (non-unique, non-constraint) indexes of `tables`, remembering them for `restoreDroppedIndexes`. */
export async function dropSecondaryIndexes(db: Db, tables: readonly string[]): Promise<number> {
  const rows = await queryRows<{ name: string; def: string }>(
    db,
    sql`select i.indexname as name, i.indexdef as def
        from pg_indexes i
        where i.schemaname = current_schema()
          and i.tablename in (${sql.join(
            tables.map((t) => sql`${t}`),
            sql`, `,
          )})
          and i.indexdef not like 'CREATE UNIQUE%'
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
        order by i.indexname`,
  );
  if (rows.length === 0) return 0;
  await setMeta(db, PENDING_KEY, JSON.stringify(rows.map((r) => r.def)));
  for (const r of rows) await db.execute(sql.raw(`drop index if exists "${r.name.replace(/"/g, '""')}"`));
  return rows.length;
}

/**
 * On PGlite (one session, superuser) foreign-key triggers can be skipped for the load: the generator's
 * referential integrity is tested. PostgreSQL loads through a pool, so there the checks stay on.
 */
export async function setForeignKeyChecks(database: Database, on: boolean): Promise<void> {
  if (database.kind !== 'pglite') return;
  await database.db.execute(
    on ? sql`reset session_replication_role` : sql`set session_replication_role = replica`,
  );
}
