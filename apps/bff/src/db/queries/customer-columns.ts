/**
 * Reads the derived tables the in-memory columns hold (`features/customer-columns`) — and the names and sort order
 * of their products — from one snapshot — a
 * REPEATABLE READ transaction on PostgreSQL, one transaction on PGlite's single connection — together with the data
 * version, so the copy belongs to exactly one data version. Every row arrives as: store id, day (days since
 * 1970-01-01), a few integers (revenue as integer cents: `numeric(14,2)` × 100 is exact) and a key (the rest of the
 * row: customer id, or the rollup's key columns) in COPY text form, which is injective (distinct keys stay
 * distinct) and decoded only once per distinct key (`decodeKey`).
 *
 * PostgreSQL streams the rows with `COPY … TO STDOUT`, parsed here chunk by chunk: a chunk is a few thousand rows,
 * so the event loop is never held for long. PGlite answers plain queries (the default demo: ~340 k customer rows).
 */
// PGlite as types only: this module also runs in the columns' worker thread (PostgreSQL only), whose bundle
// should not carry the embedded database.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Db } from '../client';

/** One table to read: `ints` integer columns after store and day, then `keys` key columns. */
export type ColumnsSource = {
  table: string;
  /** The day column when it is not `day`. */
  day?: string;
  ints: string[];
  keys: string[];
  /** Called with the row count before the rows; returns where they go. `ints` is reused between rows. */
  open: (rows: number) => (storeId: string, day: number, ints: Float64Array, key: string) => void;
  /**
   * Instead of `open` on PostgreSQL: called with the row count, returns what takes each COPY text line as it is
   * (bytes `start`..`end` of `buf`), for a source that decodes less than the generic parse.
   */
  openLines?: (rows: number) => (buf: Buffer, start: number, end: number) => void;
  /** Called after the last row (the builder can lay its rows out and free its loading arrays before the next table). */
  done?: () => void;
  /**
   * A query of its own (columns: store id, day, the integers, the keys) instead of the table's rows, and what
   * estimates its row count (a capacity hint).
   */
  query?: {
    rows: string;
    count: string;
    /**
     * On PGlite, which returns a query's rows all at once: the rows a page at a time (keyset: after the page's
     * last row, whose last column is the keyset's second part and `keys[0]` its first), so the whole table is never
     * held as JavaScript rows.
     */
    page?: (after: [unknown, unknown] | null, limit: number) => { text: string; params: unknown[] };
  };
};

export const customerDaysSource = (open: ColumnsSource['open'], done?: () => void): ColumnsSource => ({
  table: 'customer_store_days',
  ints: ['orders', '(revenue * 100)::bigint', 'hour_mask', 'mix_mask'],
  keys: ['customer_id'],
  open,
  ...(done ? { done } : {}),
});

export const storeDayMixSource = (open: ColumnsSource['open'], done?: () => void): ColumnsSource => ({
  table: 'store_day_mix',
  ints: ['orders', '(revenue * 100)::bigint'],
  keys: ['hour', 'channel', 'order_type'],
  open,
  ...(done ? { done } : {}),
});

export const productStoreDaysSource = (open: ColumnsSource['open'], done?: () => void): ColumnsSource => ({
  table: 'product_store_days',
  ints: ['quantity', '(revenue * 100)::bigint'],
  keys: ['product_id'],
  open,
  ...(done ? { done } : {}),
});

/** Each customer's first completed order day per store (store scopes' new and total customers). */
export const customerStoreFirstsSource = (open: ColumnsSource['open'], done?: () => void): ColumnsSource => ({
  table: 'customer_store_firsts',
  day: 'first_day',
  ints: [],
  keys: ['customer_id'],
  open,
  ...(done ? { done } : {}),
});

/** A small query run in the same snapshot after the sources (it may depend on what they read). */
export type SnapshotQuery = { text: string; params: unknown[]; rows: (rows: unknown[][]) => void };

/**
 * The products `ids` as rows (ordinal in `ids`, id, name, category) in the order the database sorts product ids —
 * `topProducts` breaks ties `order by product_id` under the database's collation, which JavaScript cannot
 * reproduce — with the name and category `topProducts` shows (the id and '' for a product missing from `products`).
 */
export const productNamesQuery = (ids: string[], rows: SnapshotQuery['rows']): SnapshotQuery => ({
  text: `select (u.k - 1)::int, u.id, coalesce(p.name, u.id), coalesce(p.category, '')
         from unnest($1::text[]) with ordinality as u(id, k) left join products p on p.id = u.id
         order by u.id`,
  params: [ids],
  rows,
});

/** Chain-wide first days: customers per first day (`customer_summary`, one row per customer), in day order. */
export const firstsPerDayQuery = (rows: SnapshotQuery['rows']): SnapshotQuery => ({
  text: `select first_day - date '1970-01-01', count(*) from customer_summary group by 1 order by 1`,
  params: [],
  rows,
});

const rowsSql = (s: ColumnsSource) =>
  s.query?.rows ??
  `select store_id, ${s.day ?? 'day'} - date '1970-01-01', ${[...s.ints, ...s.keys].join(', ')} from ${s.table}`;
const VERSION_SQL = `select coalesce((select value::bigint from data_meta where key = 'data_version'), 0) as version`;

/**
 * Reads every source, then runs the queries `after` gives (called once the sources are read), in one snapshot;
 * resolves to the data version the rows belong to. `from`: the database (PostgreSQL or PGlite), or a pool of its own
 * (the columns' worker thread).
 */
export async function readColumns(
  from: Db | pg.Pool,
  sources: ColumnsSource[],
  after: () => SnapshotQuery[] = () => [],
): Promise<number> {
  const client = from instanceof pg.Pool ? from : (from as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) return readPostgres(client, sources, after);
  if (isPglite(client)) return client.transaction((tx) => readPglite(tx, sources, after));
  throw new Error('columns: unknown database client');
}

/** The other kind of database there is (checked by shape: the class is not loaded here, see the imports). */
const isPglite = (client: unknown): client is PGlite =>
  typeof client === 'object' && client !== null && typeof (client as PGlite).transaction === 'function';

/** What opens a connection like the pool's (`PoolConfig` keys a client reads), for another thread to open its own. */
const CONNECTION_KEYS = [
  'connectionString',
  'host',
  'port',
  'user',
  'password',
  'database',
  'ssl',
  'options',
  'connectionTimeoutMillis',
  'keepAlive',
] as const;

/**
 * The connection settings of `db`'s PostgreSQL pool, as plain data (no functions: they can be posted to a worker
 * thread), or null when `db` is PGlite.
 */
export function postgresConnection(db: Db): pg.ClientConfig | null {
  const client = (db as unknown as { $client: unknown }).$client;
  if (!(client instanceof pg.Pool)) return null;
  // pg keeps the password as a non-enumerable property: read each key by name.
  const options = (client as unknown as { options: Record<string, unknown> }).options;
  const config: Record<string, unknown> = {};
  for (const key of CONNECTION_KEYS) {
    const value = options[key];
    if (value !== undefined && typeof value !== 'function') config[key] = value;
  }
  return config as pg.ClientConfig;
}

/** Rows per page of a paged source on PGlite. */
let PAGE = 100_000;

/** Tests: a small page, so that pages split orders (returns the previous size). */
export function setPglitePageRows(rows: number): number {
  const before = PAGE;
  PAGE = rows;
  return before;
}

async function readPglite(
  tx: Transaction,
  sources: ColumnsSource[],
  after: () => SnapshotQuery[],
): Promise<number> {
  const version = Number((await tx.query<{ version: string }>(VERSION_SQL)).rows[0]?.version ?? 0);
  for (const s of sources) {
    const paged = s.query?.page;
    const q = paged ? paged(null, PAGE) : { text: rowsSql(s), params: [] };
    const first = await tx.query<unknown[]>(q.text, q.params, { rowMode: 'array' });
    const add = s.open(first.rows.length);
    const ints = new Float64Array(s.ints.length);
    const keyEnd = 2 + ints.length + s.keys.length;
    for (let rows = first.rows; ;) {
      for (const row of rows) {
        for (let i = 0; i < ints.length; i++) ints[i] = Number(row[2 + i]);
        const key = row
          .slice(2 + ints.length, keyEnd)
          .map((v) => escapeCopy(String(v)))
          .join('\t');
        add(String(row[0]), Number(row[1]), ints, key);
      }
      const last = rows.at(-1);
      if (!paged || rows.length < PAGE || !last) break;
      const next = paged([last[2 + ints.length], last[keyEnd]], PAGE);
      rows = (await tx.query<unknown[]>(next.text, next.params, { rowMode: 'array' })).rows;
    }
    s.done?.();
  }
  for (const q of after()) q.rows((await tx.query<unknown[]>(q.text, q.params, { rowMode: 'array' })).rows);
  return version;
}

async function readPostgres(
  pool: pg.Pool,
  sources: ColumnsSource[],
  after: () => SnapshotQuery[],
): Promise<number> {
  const conn = await pool.connect();
  try {
    await conn.query('begin isolation level repeatable read read only');
    const version = Number((await conn.query<{ version: string }>(VERSION_SQL)).rows[0]?.version ?? 0);
    for (const s of sources) {
      const count = await conn.query<{ n: string }>(s.query?.count ?? `select count(*) as n from ${s.table}`);
      const rows = Number(count.rows[0]?.n ?? 0);
      const onLine = s.openLines?.(rows);
      const add = onLine ? null : s.open(rows);
      const ints = new Float64Array(s.ints.length);
      const stream = conn.query(copyTo(`copy (${rowsSql(s)}) to stdout`));
      let rest: Buffer | null = null;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
        let start = 0;
        for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
          if (onLine) onLine(buf, start, nl);
          else parseLine(buf, start, nl, ints, add!);
          start = nl + 1;
        }
        rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
      }
      if (rest) throw new Error('columns: COPY ended inside a row');
      s.done?.();
    }
    for (const q of after())
      q.rows((await conn.query<unknown[]>({ text: q.text, values: q.params, rowMode: 'array' })).rows);
    await conn.query('commit');
    conn.release();
    return version;
  } catch (err) {
    // Mid-COPY or inside the transaction: discard the connection rather than hand it to the next user.
    conn.release(err as Error);
    throw err;
  }
}

const TAB = 9;

/** One COPY text line: store, day, the integers, then the key (the rest of the line, kept as COPY wrote it). */
function parseLine(
  buf: Buffer,
  start: number,
  end: number,
  ints: Float64Array,
  add: ReturnType<ColumnsSource['open']>,
): void {
  const t1 = buf.indexOf(TAB, start);
  let from = buf.indexOf(TAB, t1 + 1);
  if (t1 < 0 || from < 0 || from >= end) throw new Error('columns: malformed COPY row');
  const storeRaw = buf.toString('utf8', start, t1);
  const store = storeRaw.includes('\\') ? unescapeCopy(storeRaw) : storeRaw;
  const day = parseCopyInt(buf, t1 + 1, from);
  for (let i = 0; i < ints.length; i++) {
    const to = buf.indexOf(TAB, from + 1);
    if (to < 0 || to >= end) throw new Error('columns: malformed COPY row');
    ints[i] = parseCopyInt(buf, from + 1, to);
    from = to;
  }
  add(store, day, ints, buf.toString('utf8', from + 1, end));
}

/** A COPY text integer in bytes `start`..`end` of `buf`. */
export function parseCopyInt(buf: Buffer, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i++;
  let value = 0;
  for (; i < end; i++) {
    const d = (buf[i] ?? 0) - 48;
    if (d < 0 || d > 9) throw new Error('columns: malformed number in COPY row');
    value = value * 10 + d;
  }
  return negative ? -value : value;
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const UNESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** COPY text escapes (`\\`, `\t`, `\n`, …) back to characters. */
export function unescapeCopy(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}

/** Characters to COPY text escapes (the keys' form). */
export function escapeCopy(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => UNESCAPES[c] ?? c);
}

/** A key as COPY text → its columns' values. */
export function decodeKey(key: string): string[] {
  return key.split('\t').map(unescapeCopy);
}
