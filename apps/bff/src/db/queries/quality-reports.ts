/** The stored whole-data quality reports (schema-quality.ts), by data version. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { queryRows } from '../sql';

export type StoredQualityReport = { dataVersion: number; body: string };

/** The report of `dataVersion`, or else the newest of an earlier version, or null. */
export async function latestQualityReport(db: Db, dataVersion: number): Promise<StoredQualityReport | null> {
  const rows = await queryRows<{ data_version: number; body: string }>(
    db,
    sql`select data_version, body from data_quality_reports where data_version <= ${dataVersion}
        order by data_version desc limit 1`,
  );
  const row = rows[0];
  return row ? { dataVersion: Number(row.data_version), body: row.body } : null;
}

/** Stores one version's report (first writer wins) and drops older ones: nothing reads them any more. */
export async function storeQualityReport(db: Db, dataVersion: number, body: string): Promise<void> {
  await db.execute(
    sql`insert into data_quality_reports (data_version, body) values (${dataVersion}, ${body})
        on conflict do nothing`,
  );
  await db.execute(sql`delete from data_quality_reports where data_version < ${dataVersion}`);
}
