/**
 * What names the data a customer-columns snapshot was made from (features/customer-columns/snapshot-load.ts), read on
 * the worker's own connection: the cluster (its system identifier, when this role may read it), the database's oid
 * (a database dropped and made again under the same name has another), the data version and the transaction that
 * last set it (a restored or diverged database reaching the same version number again set it in another one), and
 * the last migration applied (a migration may rewrite derived rows without a new data version).
 */
import type pg from 'pg';

export type DataIdentity = {
  cluster: string;
  database: number;
  version: number;
  versionXmin: string;
  migration: string;
};

export async function dataIdentity(pool: pg.Pool): Promise<DataIdentity | null> {
  const rows = await pool.query<{
    database: number;
    version: string;
    xmin: string;
    migration: string | null;
  }>(
    `select (select oid::int from pg_database where datname = current_database()) as database,
            value as version, xmin::text as xmin,
            (select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) as migration
     from data_meta where key = 'data_version'`,
  );
  const row = rows.rows[0];
  if (!row) return null;
  const cluster = await pool
    .query<{ id: string }>('select system_identifier::text as id from pg_control_system()')
    .then((r) => r.rows[0]?.id ?? '')
    // Not readable by every role: the database's oid and the version's transaction still name the data.
    .catch(() => '');
  return {
    cluster,
    database: row.database,
    version: Number(row.version),
    versionXmin: row.xmin,
    migration: row.migration ?? '',
  };
}
