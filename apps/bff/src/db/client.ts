/**
 * Opens the database: PGlite (Postgres in WASM, files under DATA_DIR) by default, or a real PostgreSQL when a
 * URL is given. Both are driven through the same drizzle schema and the same SQL; migrations run on open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Bulk-loads CSV (text or its UTF-8 bytes, no header) into `table (columns)` with COPY. */
  copyCsv: (table: string, columns: readonly string[], csv: string | Uint8Array) => Promise<void>;
  /**
   * Takes a session-level advisory lock held until `release` (or until the process dies), or returns null when
   * another holder has it. On PostgreSQL it keeps one pooled connection for itself, so every process sharing
   * the database sees it; PGlite is one process, so there it is an in-process flag.
   */
  tryLock: (key: number) => Promise<{ release: () => Promise<void> } | null>;
  /**
   * Runs `fn` on one connection of its own with `settings` applied for that session only (bulk loads: memory for
   * sorts, no wait for the WAL flush). PGlite has one session: `fn` runs on it and the settings are not applied.
   */
  withSession: <T>(settings: Record<string, string>, fn: (session: DbSession) => Promise<T>) => Promise<T>;
  /** Opens the pool's kept connections and runs `fn` on each (see `warmPool`); PGlite: `fn` once. Returns how many. */
  warmConnections: (fn: (db: Db) => Promise<void>) => Promise<number>;
  close: () => Promise<void>;
};

/**
 * Connections a PostgreSQL pool keeps open when idle (pg closes idle ones after 10 s, so the first request after
 * a quiet spell would open them again: ~15–25 ms each, and a new backend reads its catalog caches on first use).
 * An overview reads its five panels side by side, after the session and the data version.
 */
export const KEPT_CONNECTIONS = 6;

/**
 * Checks out `KEPT_CONNECTIONS` connections at once (so each is a separate backend) and runs `fn` on each: the
 * start-up warm-up runs the request path's statements there, so no early request opens a connection or pays a new
 * backend's first reads. The pool keeps them (`min`).
 */
async function warmPool(pool: pg.Pool, fn: (db: Db) => Promise<void>): Promise<number> {
  const clients = await Promise.all(Array.from({ length: KEPT_CONNECTIONS }, () => pool.connect()));
  try {
    await Promise.all(
      clients.map((c) => fn(drizzlePg({ client: c, schema, casing: CASING }) as unknown as Db)),
    );
  } finally {
    for (const c of clients) c.release();
  }
  return clients.length;
}

/**
 * One connection: its drizzle handle and COPY on it. `freeze` (PostgreSQL) writes the rows frozen, which is allowed
 * only into a table truncated in the session's open transaction: nothing has to visit them again to set hint bits.
 */
export type DbSession = {
  db: Db;
  copyCsv: (
    table: string,
    columns: readonly string[],
    csv: string | Uint8Array,
    options?: { freeze?: boolean },
  ) => Promise<void>;
};

const MIGRATIONS = path.resolve(import.meta.dirname, '../../drizzle');
const CASING = 'snake_case' as const;

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const database = 'url' in target ? await openPostgres(target.url) : await openPglite(target);
  await migrateDatabase(database);
  return database;
}

export type ReadReplica = Pick<Database, 'db' | 'warmConnections' | 'close'>;

/**
 * A connection pool on a read replica for the dashboards' read-only SQL. No migrations (a replica refuses writes;
 * it receives the schema from its primary), but it must already hold the schema this code expects.
 */
export async function openReadReplica(url: string): Promise<ReadReplica> {
  const pool = new pg.Pool({ connectionString: url, max: 10, min: KEPT_CONNECTIONS });
  pool.on('error', () => undefined);
  try {
    const res = await pool.query<{ present: boolean }>(
      "select to_regclass('public.data_meta') is not null as present",
    );
    if (!res.rows[0]?.present)
      throw new Error('DATABASE_READ_URL has no Customer Portrait schema (is it a replica of DATABASE_URL?)');
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    db: drizzlePg({ client: pool, schema, casing: CASING }) as unknown as Db,
    warmConnections: (fn) => warmPool(pool, fn),
    close: () => pool.end(),
  };
}

async function openPglite(target: { dataDir: string } | { memory: true }): Promise<Database> {
  let client: PGlite;
  if ('dataDir' in target) {
    fs.mkdirSync(target.dataDir, { recursive: true });
    client = await PGlite.create(path.join(target.dataDir, 'pglite'));
  } else {
    client = await PGlite.create();
  }
  const db = drizzlePglite({ client, schema, casing: CASING }) as unknown as Db;
  const held = new Set<number>();
  const copyCsv: Database['copyCsv'] = async (table, columns, csv) => {
    await client.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([typeof csv === 'string' ? csv : new Uint8Array(csv)]),
    });
  };
  return {
    db,
    kind: 'pglite',
    copyCsv,
    tryLock: async (key) => {
      if (held.has(key)) return null;
      held.add(key);
      return { release: async () => void held.delete(key) };
    },
    withSession: (_settings, fn) => fn({ db, copyCsv }),
    warmConnections: async (fn) => {
      await fn(db);
      return 1;
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, min: KEPT_CONNECTIONS });
  // Numbers come back as strings from numeric/bigint; callers convert explicitly with Number().
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema, casing: CASING }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    copyCsv: async (table, columns, csv) => {
      const conn = await pool.connect();
      try {
        await copyOn(conn, table, columns, csv);
      } finally {
        conn.release();
      }
    },
    withSession: async (settings, fn) => {
      const conn = await pool.connect();
      try {
        for (const [name, value] of Object.entries(settings))
          await conn.query('select set_config($1, $2, false)', [name, value]);
        const session = drizzlePg({ client: conn, schema, casing: CASING }) as unknown as Db;
        const value = await fn({
          db: session,
          copyCsv: (t, c, csv, o) => copyOn(conn, t, c, csv, o?.freeze),
        });
        await conn.query('reset all');
        conn.release();
        return value;
      } catch (err) {
        // The session may be mid-COPY or hold settings: discard it rather than hand it to the next user.
        conn.release(err as Error);
        throw err;
      }
    },
    tryLock: async (key) => {
      const conn = await pool.connect();
      try {
        const res = await conn.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
        if (!res.rows[0]?.locked) {
          conn.release();
          return null;
        }
      } catch (err) {
        conn.release();
        throw err;
      }
      return {
        release: async () => {
          try {
            await conn.query('select pg_advisory_unlock($1)', [key]);
            conn.release();
          } catch (err) {
            // A broken connection drops its locks anyway; discard it.
            conn.release(err as Error);
          }
        },
      };
    },
    warmConnections: (fn) => warmPool(pool, fn),
    close: () => pool.end(),
  };
}

async function copyOn(
  conn: pg.PoolClient,
  table: string,
  columns: readonly string[],
  csv: string | Uint8Array,
  freeze = false,
) {
  const options = freeze ? 'FORMAT csv, FREEZE' : 'FORMAT csv';
  const stream = conn.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (${options})`));
  await pipeline(Readable.from([csv]), stream);
}

async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS };
  if (database.kind === 'pglite') await migratePglite(database.db as never, config);
  else await migratePg(database.db as never, config);
}
