/**
 * Merges a job's staging rows into the source tables. Runs inside the job's one transaction: rows that cannot
 * go in (duplicate id, unknown reference) move from staging to import_rejects, the rest are upserted by id —
 * updating a row only when a value really changed — and what changed is recorded in the `touched_*` temporary
 * tables that the derived-table refresh reads. Identifiers come from the format table, never from input.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import { fillWithoutIndexes, isEmpty } from './bulk-load';

export type MergeColumn = {
  db: string;
  /** Bit in `present` for an optional column; null for a column every row has. */
  bit: number | null;
  defaultValue?: string | undefined;
};

export type Touch = {
  storeDays?: { day: string; store: string };
  days?: string;
  customers?: string;
};

export type MergeSpec = {
  entity: string;
  table: string;
  stage: string;
  /** The id column's name in the file, for messages. */
  keyName: string;
  columns: readonly MergeColumn[];
  touch: Touch;
};

export type MergeCounts = {
  inserted: number;
  updated: number;
  unchanged: number;
  /** How the rows went in: `bulk` (an empty target: straight INSERT) or `merge` (compare by id). */
  path?: 'bulk' | 'merge';
};

const raw = (s: string) => sql.raw(s);

async function count(db: Db, query: SQL): Promise<number> {
  const rows = await queryRows<{ n: string | number }>(db, query);
  return num(rows[0]?.n);
}

/** The temporary tables of changed keys the refreshers read; dropped at commit. */
export async function createTouchedTables(db: Db): Promise<void> {
  await db.execute(sql`create temp table touched_store_days (day date not null, store_id text not null,
    primary key (day, store_id)) on commit drop`);
  await db.execute(sql`create temp table touched_days (day date primary key) on commit drop`);
  await db.execute(sql`create temp table touched_customers (customer_id text primary key) on commit drop`);
}

/** Records the touched keys of `rows` (a table or subquery exposing the touch columns). */
async function recordTouched(db: Db, touch: Touch, from: SQL, prefix = ''): Promise<void> {
  if (touch.storeDays) {
    const { day, store } = touch.storeDays;
    await db.execute(sql`insert into touched_store_days (day, store_id)
      select distinct ${raw(prefix + day)}, ${raw(prefix + store)} from ${from} x
      where ${raw(prefix + day)} is not null on conflict do nothing`);
  }
  if (touch.days)
    await db.execute(sql`insert into touched_days (day) select distinct ${raw(prefix + touch.days)} from ${from} x
      where ${raw(prefix + touch.days)} is not null on conflict do nothing`);
  if (touch.customers)
    await db.execute(sql`insert into touched_customers (customer_id)
      select distinct ${raw(prefix + touch.customers)} from ${from} x
      where ${raw(prefix + touch.customers)} is not null on conflict do nothing`);
}

/** Moves the staging rows matching `where` (over alias `s`) to import_rejects; returns how many. */
export async function rejectStaged(
  db: Db,
  spec: Pick<MergeSpec, 'entity' | 'stage'>,
  reason: string,
  message: SQL,
  where: SQL,
): Promise<number> {
  return count(
    db,
    sql`with gone as (delete from ${raw(spec.stage)} s where ${where} returning s.*),
        ins as (insert into import_rejects (job_id, file, line, entity, reason, message, raw)
                select job_id, file, line, ${spec.entity}::text, ${reason}::text, ${message}, raw from gone
                returning 1)
        select count(*) as n from ins`,
  );
}

/** Within one import the last row of an id wins; earlier ones are rejected as duplicates. */
export async function rejectDuplicateIds(db: Db, spec: MergeSpec, key = 'id'): Promise<number> {
  // Usually there is none: one hash aggregate says so, instead of the three scans of the move below.
  const [any] = await queryRows<{ any: boolean }>(
    db,
    raw(`select exists (select 1 from ${spec.stage} group by ${key} having count(*) > 1) as any`),
  );
  if (!any?.any) return 0;
  return rejectStaged(
    db,
    spec,
    'duplicate_id',
    sql`${spec.keyName + ' '}::text || ${raw(key)} || ' appears again later in this import; the last row is kept'`,
    // Only ids that occur twice are ranked (a hash aggregate finds them; staging tables have no index).
    sql`(s.file_no, s.line) in (
          select file_no, line from (
            select file_no, line, row_number() over (partition by ${raw(key)} order by file_no desc, line desc) as rn
            from ${raw(spec.stage)}
            where ${raw(key)} in (select ${raw(key)} from ${raw(spec.stage)} group by ${raw(key)} having count(*) > 1)) r
          where r.rn > 1)`,
  );
}

/** Creates the customers named by staged rows that are not known yet (id only); returns how many. */
export async function createCustomerStubs(
  db: Db,
  stage: string,
  column = 'customer_id',
  allowBulk = true,
): Promise<number> {
  // No customer yet (a first import of orders alone): every named customer is new.
  if (allowBulk && (await isEmpty(db, 'customers')))
    return fillWithoutIndexes(db, 'customers', () =>
      count(
        db,
        sql`with ins as (insert into customers (id)
              select distinct ${raw(column)} from ${raw(stage)} where ${raw(column)} is not null returning 1)
            select count(*) as n from ins`,
      ),
    );
  return count(
    db,
    sql`with ins as (insert into customers (id)
          select distinct ${raw(column)} from ${raw(stage)} where ${raw(column)} is not null
          on conflict (id) do nothing returning 1)
        select count(*) as n from ins`,
  );
}

/**
 * Upserts the staged rows by id. A column absent from a file's header (its `present` bit unset) keeps the
 * stored value; an existing row is written only when some value differs, so re-importing changes nothing.
 */
export async function upsertStaged(
  db: Db,
  spec: MergeSpec,
  options: {
    allowBulk?: boolean;
    /**
     * On the fast path, record no touched keys: the caller refreshes every derived table in full, which reads
     * none (set when the fast path is taken: `MergeCounts.path`).
     */
    bulkSkipsTouched?: boolean;
  } = {},
): Promise<MergeCounts> {
  if ((options.allowBulk ?? true) && (await isEmpty(db, spec.table)))
    return bulkInsertStaged(db, spec, options.bulkSkipsTouched ? {} : spec.touch);
  const cols = spec.columns.map((c) => c.db);
  const merged = spec.columns.map((c) =>
    c.bit === null
      ? `s.${c.db}`
      : `case when s.present & ${1 << c.bit} <> 0 then s.${c.db} else t.${c.db} end`,
  );
  const touchCols = [
    ...(spec.touch.storeDays ? [spec.touch.storeDays.day, spec.touch.storeDays.store] : []),
    ...(spec.touch.days ? [spec.touch.days] : []),
    ...(spec.touch.customers ? [spec.touch.customers] : []),
  ];
  const oldCols = [...new Set(touchCols)].map((c) => `t.${c} as old_${c}`);
  await db.execute(
    raw(`create temp table merge_changed on commit drop as
      select s.id, ${merged.map((m, i) => `${m} as ${cols[i]}`).join(', ')}${oldCols.length ? ', ' + oldCols.join(', ') : ''}
      from ${spec.stage} s join ${spec.table} t on t.id = s.id
      where row(${merged.join(', ')}) is distinct from row(${cols.map((c) => `t.${c}`).join(', ')})`),
  );
  await recordTouched(db, spec.touch, sql`merge_changed`, 'old_');
  await recordTouched(db, spec.touch, sql`merge_changed`);
  const updated = await count(db, sql`select count(*) as n from merge_changed`);
  if (updated > 0)
    await db.execute(
      raw(`update ${spec.table} t set ${cols.map((c) => `${c} = m.${c}`).join(', ')}
           from merge_changed m where t.id = m.id`),
    );
  await db.execute(sql`drop table merge_changed`);

  const fresh = spec.columns.map((c) =>
    c.defaultValue === undefined ? `s.${c.db}` : `coalesce(s.${c.db}, '${c.defaultValue}')`,
  );
  // New rows in one statement: insert, and record what they touch from its RETURNING (data-modifying CTEs).
  const touches = touchInserts(spec.touch, 'ins');
  const inserted = await count(
    db,
    raw(`with ins as (
           insert into ${spec.table} (id, ${cols.join(', ')})
           select s.id, ${fresh.join(', ')} from ${spec.stage} s
           where not exists (select 1 from ${spec.table} t where t.id = s.id)
           returning *
         )${touches.map((t, i) => `, touch_${i} as (${t})`).join('')}
         select count(*) as n from ins`),
  );
  const staged = await count(db, raw(`select count(*) as n from ${spec.stage}`));
  return { inserted, updated, unchanged: staged - inserted - updated, path: 'merge' };
}

/**
 * The fast path into an empty table (a chain's first import): every staged row is new (duplicate ids were
 * rejected before), so there is nothing to compare — one INSERT … SELECT with the indexes built after it, and
 * the touched keys straight from the stage. It leaves the same rows and touched keys as the merge would.
 */
async function bulkInsertStaged(db: Db, spec: MergeSpec, touch: Touch): Promise<MergeCounts> {
  const cols = spec.columns.map((c) => c.db);
  const fresh = spec.columns.map((c) =>
    c.defaultValue === undefined ? `s.${c.db}` : `coalesce(s.${c.db}, '${c.defaultValue}')`,
  );
  await recordTouched(db, touch, raw(spec.stage));
  const inserted = await fillWithoutIndexes(db, spec.table, () =>
    count(
      db,
      raw(`with ins as (
             insert into ${spec.table} (id, ${cols.join(', ')})
             select s.id, ${fresh.join(', ')} from ${spec.stage} s
             returning 1
           )
           select count(*) as n from ins`),
    ),
  );
  return { inserted, updated: 0, unchanged: 0, path: 'bulk' };
}

/** INSERTs of the touched keys of the rows in CTE `from` (the columns of the target table). */
function touchInserts(touch: Touch, from: string): string[] {
  const out: string[] = [];
  if (touch.storeDays)
    out.push(`insert into touched_store_days (day, store_id)
      select distinct ${touch.storeDays.day}, ${touch.storeDays.store} from ${from} on conflict do nothing`);
  if (touch.days)
    out.push(`insert into touched_days (day) select distinct ${touch.days} from ${from}
      where ${touch.days} is not null on conflict do nothing`);
  if (touch.customers)
    out.push(`insert into touched_customers (customer_id) select distinct ${touch.customers} from ${from}
      where ${touch.customers} is not null on conflict do nothing`);
  return out;
}

/**
 * Empties the staging tables at once (TRUNCATE: no dead rows left to scan; only the job holding the import
 * lock uses them, so its exclusive lock stops no reader).
 */
export async function clearStages(db: Db, stages: readonly string[]): Promise<void> {
  await db.execute(raw(`truncate ${stages.join(', ')}`));
}
