/** The persisted precompute (schema-precompute.ts): answers of preset scopes by data version. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { queryRows } from '../sql';

export type PrecomputedKey = { dataVersion: number; endpoint: string; scopeKey: string };

export async function readPrecomputed(db: Db, key: PrecomputedKey): Promise<string | null> {
  const rows = await queryRows<{ body: string }>(
    db,
    sql`select body from precomputed_results
        where data_version = ${key.dataVersion} and endpoint = ${key.endpoint} and scope_key = ${key.scopeKey}`,
  );
  return rows[0]?.body ?? null;
}

/** First writer wins: two processes precomputing one version write the same answer. */
export async function writePrecomputed(db: Db, key: PrecomputedKey, body: string): Promise<void> {
  await db.execute(
    sql`insert into precomputed_results (data_version, endpoint, scope_key, body)
        values (${key.dataVersion}, ${key.endpoint}, ${key.scopeKey}, ${body})
        on conflict do nothing`,
  );
}

/** Answers of any other data version are unreachable (the version is in every look-up): drop them. */
export async function deleteOtherVersions(db: Db, keep: number): Promise<void> {
  await db.execute(sql`delete from precomputed_results where data_version <> ${keep}`);
}

export async function countPrecomputed(db: Db, dataVersion: number): Promise<number> {
  const rows = await queryRows<{ n: string }>(
    db,
    sql`select count(*) as n from precomputed_results where data_version = ${dataVersion}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The store sets of enabled store managers (their whole-chain view resolves to exactly these stores). */
export async function storeManagerStoreSets(db: Db): Promise<string[][]> {
  const rows = await queryRows<{ stores: string[] }>(
    db,
    sql`select array_agg(us.store_id order by us.store_id) as stores
        from users u join user_stores us on us.user_id = u.id
        where u.role = 'store_manager' and not u.disabled
        group by u.id`,
  );
  return rows.map((r) => r.stores);
}

/**
 * The period (`from|to`) of one whole-chain preset stored for `dataVersion` (its KPIs are stored), or null when
 * none is: the start-up warm-up reads that scope's stored answers, and only those.
 */
export async function storedChainPeriod(
  db: Db,
  dataVersion: number,
): Promise<{ from: string; to: string } | null> {
  const rows = await queryRows<{ scope_key: string }>(
    db,
    sql`select scope_key from precomputed_results
        where data_version = ${dataVersion} and endpoint = 'kpis' and scope_key like '%|*'
        order by scope_key limit 1`,
  );
  const [from, to] = rows[0]?.scope_key.split('|') ?? [];
  return from && to ? { from, to } : null;
}
