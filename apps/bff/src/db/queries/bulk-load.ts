/**
 * Filling an empty table in bulk: its indexes are dropped, the rows go in, and the indexes are built again
 * from the sorted rows — several times cheaper than maintaining each index row by row. Runs inside the
 * caller's transaction, so a failure (or a killed process) rolls the indexes back with the rows. Dropping an
 * index locks the table until commit: readers of that table wait for the import's commit instead of reading
 * the empty table, so this is only for tables that are empty (a chain's first import).
 */
import { sql } from 'drizzle-orm';
import type { Db, DbSession } from '../client';
import { queryRows } from '../sql';

export async function isEmpty(db: Db, table: string): Promise<boolean> {
  const rows = await queryRows<{ any: boolean }>(
    db,
    sql.raw(`select exists (select 1 from ${table}) as any`),
  );
  return !rows[0]?.any;
}

type IndexPlan = { drop: string[]; create: string[] };

/**
 * How to drop and re-create `table`'s indexes: plain indexes by their definition, primary keys and unique
 * constraints as constraints — unless a foreign key points at the table (its key must stay).
 */
async function indexPlan(db: Db, table: string): Promise<IndexPlan> {
  const rows = await queryRows<{
    name: string;
    def: string;
    conname: string | null;
    con: string | null;
    referenced: boolean;
  }>(
    db,
    sql`select i.relname as name, pg_get_indexdef(x.indexrelid) as def, c.conname, pg_get_constraintdef(c.oid) as con,
               exists (select 1 from pg_constraint f where f.confrelid = x.indrelid and f.contype = 'f') as referenced
        from pg_index x join pg_class i on i.oid = x.indexrelid
        left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid and c.contype in ('p', 'u')
        where x.indrelid = to_regclass(${table})
        order by i.relname`,
  );
  const plan: IndexPlan = { drop: [], create: [] };
  for (const r of rows) {
    if (r.conname === null || r.con === null) {
      plan.drop.push(`drop index "${r.name}"`);
      plan.create.push(r.def);
    } else if (!r.referenced) {
      plan.drop.push(`alter table ${table} drop constraint "${r.conname}"`);
      plan.create.push(`alter table ${table} add constraint "${r.conname}" ${r.con}`);
    }
  }
  return plan;
}

/** Runs `fill` (which inserts into the empty `table`) with the table's indexes built after it. */
export async function fillWithoutIndexes<T>(db: Db, table: string, fill: () => Promise<T>): Promise<T> {
  const plan = await indexPlan(db, table);
  for (const statement of plan.drop) await db.execute(sql.raw(statement));
  const value = await fill();
  for (const statement of plan.create) await db.execute(sql.raw(statement));
  return value;
}

/** Runs `tasks` on `sessions`, each session taking the next task when it is free. */
export async function runOnSessions(
  sessions: DbSession[],
  tasks: ((s: DbSession) => Promise<void>)[],
): Promise<void> {
  let next = 0;
  await Promise.all(
    sessions.map(async (s) => {
      while (next < tasks.length) await tasks[next++]!(s);
    }),
  );
}
