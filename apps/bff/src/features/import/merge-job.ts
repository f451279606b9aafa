/**
 * The merge of one job's staged rows, entity by entity in dependency order, inside the job's transaction:
 * stores (and their cities) → products → customers → orders (stubs for unknown customers) → order items →
 * events → reservations → service tickets. Returns what each entity did.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  createCustomerStubs,
  rejectDuplicateIds,
  rejectStaged,
  upsertStaged,
  type MergeCounts,
  type MergeSpec,
  type Touch,
} from '../../db/queries/import-merge';
import { isEmpty } from '../../db/queries/bulk-load';
import { mergeCities, rejectBadItems, replaceOrderItems } from '../../db/queries/import-merge-special';
import { ENTITY_SPECS, type Entity } from './formats';

const TOUCH: Record<Exclude<Entity, 'order_items'>, Touch> = {
  stores: {},
  products: {},
  customers: { customers: 'id' },
  orders: { storeDays: { day: 'day', store: 'store_id' }, customers: 'customer_id' },
  events: { days: 'day', customers: 'customer_id' },
  reservations: { customers: 'customer_id' },
  service_tickets: { customers: 'customer_id' },
};

export function mergeSpecOf(entity: Exclude<Entity, 'order_items'>): MergeSpec {
  const spec = ENTITY_SPECS[entity];
  const [key, ...rest] = spec.columns;
  return {
    entity,
    table: spec.table,
    stage: spec.stage,
    keyName: key!.name,
    columns: [
      ...rest.flatMap((c, i) =>
        c.stageOnly
          ? []
          : [
              {
                db: c.db,
                // Bits follow the spec's column order, where the key is column 0.
                bit: c.required ? null : i + 1,
                defaultValue: c.defaultValue,
              },
            ],
      ),
      ...(spec.derived ?? []).map((d) => ({ db: d, bit: null })),
    ],
    touch: TOUCH[entity],
  };
}

export type EntityMerge = MergeCounts & { rejected: number };
export type MergeResult = {
  entities: Partial<Record<Entity, EntityMerge>>;
  customerStubs: number;
  citiesCreated: number;
  /** Orders took the fast path and recorded no touched keys: the refresh must be full. */
  needsFullRefresh: boolean;
};

const unknownStore = (spec: MergeSpec, optional: boolean) => (db: Db) =>
  rejectStaged(
    db,
    spec,
    'unknown_store',
    sql`'store_id ' || store_id || ' is not a known store (import it in stores.csv)'`,
    sql`${optional ? sql`s.store_id is not null and ` : sql``}not exists (select 1 from stores t where t.id = s.store_id)`,
  );

/** Runs every entity's merge; `entities` holds only those with staged rows in this job. */
export async function mergeJob(
  tx: Db,
  staged: ReadonlySet<Entity>,
  options: { bulkLoad?: boolean; refresh?: 'auto' | 'incremental' | 'full' } = {},
): Promise<MergeResult> {
  const allowBulk = options.bulkLoad ?? true;
  const result: MergeResult = { entities: {}, customerStubs: 0, citiesCreated: 0, needsFullRefresh: false };
  const upsert = async (
    entity: Exclude<Entity, 'order_items'>,
    checks: ((db: Db) => Promise<number>)[] = [],
    stubs = false,
  ) => {
    if (!staged.has(entity)) return;
    const spec = mergeSpecOf(entity);
    // Orders into an empty table: the derived tables (built from orders) hold no store-day yet, so an `auto`
    // refresh is full anyway — which reads no touched keys; recording them costs scans and sorts.
    const bulkSkipsTouched = entity === 'orders' && options.refresh !== 'incremental';
    const run = async (db: Db, findDuplicates: boolean) => {
      let rejected = findDuplicates ? await rejectDuplicateIds(db, spec) : 0;
      for (const check of checks) rejected += await check(db);
      const stubCount = stubs ? await createCustomerStubs(db, spec.stage, 'customer_id', allowBulk) : 0;
      const counts = await upsertStaged(db, spec, { allowBulk, bulkSkipsTouched });
      return { counts, rejected, stubCount };
    };
    let done: Awaited<ReturnType<typeof run>> | null = null;
    // An empty target is filled by the fast path, whose primary key (built after the rows) refuses a duplicate
    // id anyway: try without the search for duplicates (an aggregate over every staged id) inside a savepoint,
    // and only when the key finds one, roll back to it and go the usual way (reject duplicates first).
    if (allowBulk && (await isEmpty(tx, spec.table)))
      done = await tx
        .transaction((savepoint) => run(savepoint as unknown as Db, false))
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) return null;
          throw err;
        });
    done ??= await run(tx, true);
    result.customerStubs += done.stubCount;
    if (bulkSkipsTouched && done.counts.path === 'bulk') result.needsFullRefresh = true;
    result.entities[entity] = { ...done.counts, rejected: done.rejected };
  };

  if (staged.has('stores')) {
    const cities = await mergeCities(tx);
    result.citiesCreated = cities.citiesCreated;
    await upsert('stores');
    result.entities.stores!.rejected += cities.rejected;
  }
  await upsert('products');
  await upsert('customers');
  await upsert('orders', [unknownStore(mergeSpecOf('orders'), false)], true);
  if (staged.has('order_items')) {
    const bad = await rejectBadItems(tx);
    const counts = await replaceOrderItems(tx, allowBulk);
    result.entities.order_items = {
      ...counts,
      rejected: bad.unknownOrder + bad.unknownProduct + bad.missingAmount,
    };
  }
  await upsert('events', [unknownStore(mergeSpecOf('events'), true)], true);
  await upsert('reservations', [unknownStore(mergeSpecOf('reservations'), false)], true);
  await upsert('service_tickets', [unknownStore(mergeSpecOf('service_tickets'), true)], true);
  await tx.execute(
    sql`insert into touched_days (day) select distinct day from touched_store_days on conflict do nothing`,
  );
  return result;
}

/** PostgreSQL's unique_violation (drizzle wraps the driver's error in `cause`). */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === '23505') return true;
  return false;
}
