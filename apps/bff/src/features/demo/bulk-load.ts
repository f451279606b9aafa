/**
 * Bulk-load helpers. Indexes — secondary ones and primary keys / unique constraints alike — make COPY several
 * times slower than building them afterwards from the sorted rows, so the load drops them and recreates them from
 * their own definitions (read from the catalog, so schema changes are followed). A key that a foreign key points at
 * stays (dropping it would drop the foreign key). The statements that put everything back are saved in data_meta
 * first: if the process dies mid-load, the next load (or `ensureDemoData`) runs them.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db, DbSession } from '../../db/client';
import { getMeta, setMeta } from '../../db/queries/data-meta';
import { runOnSessions } from '../../db/queries/bulk-load';
import { queryRows } from '../../db/sql';

const PENDING_KEY = 'demo_dropped_indexes';

/**
 * Settings of the loading sessions on PostgreSQL: room to sort for index builds and to hash for the derived
 * tables' aggregates, and no wait for the WAL flush at each COPY's commit (a crash loses at most the last
 * moments of a load that is redone anyway: the demo is recorded only once it is complete).
 */
export const LOAD_SETTINGS: Record<string, string> = {
  maintenance_work_mem: '1GB',
  work_mem: '1GB',
  synchronous_commit: 'off',
  // Two sessions already keep both cores busy; parallel workers would only multiply work_mem.
  max_parallel_workers_per_gather: '0',
};

/** Sessions the load spreads its work over: two on PostgreSQL (two cores), one on PGlite. */
export async function withLoadSessions<T>(
  database: Database,
  fn: (sessions: DbSession[]) => Promise<T>,
): Promise<T> {
  if (database.kind === 'pglite') return database.withSession({}, (s) => fn([s]));
  return database.withSession(LOAD_SETTINGS, (a) => database.withSession(LOAD_SETTINGS, (b) => fn([a, b])));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Restores one dropped index or constraint; running it twice is harmless. */
function restoreStatement(r: { table: string; name: string; def: string; con: string | null }): string {
  if (r.con === null) return r.def;
  return `do $$ begin
    if not exists (select 1 from pg_constraint where conname = ${quoteLiteral(r.name)}
                   and conrelid = ${quoteLiteral(r.table)}::regclass) then
      alter table ${r.table} add constraint ${quoteIdent(r.name)} ${r.con};
    end if;
  end $$`;
}

/** The saved restore statements, keys first (the indexes of a table are built after its key). */
async function pendingRestores(db: Db): Promise<string[]> {
  const pending = await getMeta(db, PENDING_KEY);
  return pending ? (JSON.parse(pending) as string[]) : [];
}

/**
 * Puts back what a load dropped (also after a crash), on `sessions` side by side when given. Without sessions it
 * runs on `db` one statement after another.
 */
export async function restoreDroppedIndexes(db: Db, sessions?: DbSession[]): Promise<void> {
  const statements = await pendingRestores(db);
  if (statements.length === 0) return;
  const run = (statement: string) => async (s: { db: Db }) => void (await s.db.execute(sql.raw(statement)));
  // All keys first: adding one locks its table, so an index of that table built beside it would only wait.
  const keys = statements.filter((s) => s.startsWith('do $$'));
  // (Saved by an older version without IF NOT EXISTS.)
  const indexes = statements
    .filter((s) => !s.startsWith('do $$'))
    .map((s) => s.replace(/^CREATE (UNIQUE )?INDEX (?!IF NOT EXISTS )/, 'CREATE $1INDEX IF NOT EXISTS '));
  if (sessions && sessions.length > 1) {
    await runOnSessions(sessions, keys.map(run));
    await runOnSessions(sessions, indexes.map(run));
  } else for (const statement of [...keys, ...indexes]) await run(statement)({ db });
  await db.execute(sql`delete from data_meta where key = ${PENDING_KEY}`);
}

/**
 * Drops the indexes of `tables` — plain ones, and primary keys and unique constraints no foreign key depends on —
 * remembering how to put them back for `restoreDroppedIndexes`, in the order of `tables` (largest first, so that
 * two sessions finish together). Returns how many it dropped.
 */
export async function dropIndexesForLoad(db: Db, tables: readonly string[]): Promise<number> {
  const rows = await queryRows<{ table: string; name: string; def: string; con: string | null }>(
    db,
    sql`select t.relname as "table", i.relname as name, pg_get_indexdef(x.indexrelid) as def,
               pg_get_constraintdef(c.oid) as con
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid
        where t.relnamespace = current_schema()::regnamespace
          and t.relname in (${sql.join(
            tables.map((t) => sql`${t}`),
            sql`, `,
          )})
          and (c.oid is null or c.contype in ('p', 'u'))
          and not exists (select 1 from pg_constraint f where f.conindid = x.indexrelid and f.contype = 'f')
        order by array_position(array[${sql.join(
          tables.map((t) => sql`${t}`),
          sql`, `,
        )}]::text[], t.relname::text), i.relname`,
  );
  if (rows.length === 0) return 0;
  await setMeta(
    db,
    PENDING_KEY,
    JSON.stringify([...(await pendingRestores(db)), ...rows.map(restoreStatement)]),
  );
  for (const r of rows) {
    if (r.con === null) await db.execute(sql.raw(`drop index if exists ${quoteIdent(r.name)}`));
    else await db.execute(sql.raw(`alter table ${r.table} drop constraint if exists ${quoteIdent(r.name)}`));
  }
  return rows.length;
}

/**
 * On PGlite (one session, superuser) foreign-key triggers are skipped for the load: the generator's referential
 * integrity is tested. On PostgreSQL the only foreign key left among the demo tables is stores → cities (500
 * rows; orders → stores was dropped in migration 0008), so there is nothing worth skipping there.
 */
export async function setForeignKeyChecks(database: Database, on: boolean): Promise<void> {
  if (database.kind !== 'pglite') return;
  await database.db.execute(
    on ? sql`reset session_replication_role` : sql`set session_replication_role = replica`,
  );
}
