/**
 * Reads `customer_store_days` for the in-memory customer columns (`features/customer-columns`): every row with its
 * day as days since 1970-01-01 and its revenue in integer cents (`numeric(14,2)` × 100 is exact), together with
 * the data version, from one snapshot — a REPEATABLE READ transaction on PostgreSQL, one transaction on PGlite's
 * single connection — so the copy belongs to exactly one data version.
 *
 * PostgreSQL streams the rows with `COPY … TO STDOUT` (text format), parsed here chunk by chunk: each chunk is a
 * few thousand rows, so the event loop is never held for long. PGlite answers one plain query (the default demo's
 * ~340 k rows).
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Db } from '../client';

/**
 * Receives the rows. `customerKey` identifies a customer within one read (on PostgreSQL it is the id as COPY
 * escapes it, read byte for byte: distinct ids give distinct keys); `storeId` is the store's id.
 */
export type CustomerDaySink = {
  add: (
    customerKey: string,
    storeId: string,
    day: number,
    orders: number,
    cents: number,
    hourMask: number,
    mixMask: number,
  ) => void;
};

const ROWS_SQL = `select customer_id, store_id, day - date '1970-01-01' as day, orders,
                         (revenue * 100)::bigint as cents, hour_mask, mix_mask
                  from customer_store_days`;
const VERSION_SQL = `select coalesce((select value::bigint from data_meta where key = 'data_version'), 0) as version,
                            (select count(*) from customer_store_days) as rows`;

type Head = { version: number; rows: number };

/** Reads every row into the sink `open(version, rows)` returns; resolves to the data version they belong to. */
export async function readCustomerStoreDays(db: Db, open: (head: Head) => CustomerDaySink): Promise<number> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) return readPostgres(client, open);
  if (client instanceof PGlite) return client.transaction((tx) => readPglite(tx, open));
  throw new Error('customer columns: unknown database client');
}

async function readPglite(tx: Transaction, open: (head: Head) => CustomerDaySink): Promise<number> {
  const head = (await tx.query<{ version: string; rows: string }>(VERSION_SQL)).rows[0];
  const version = Number(head?.version ?? 0);
  const result = await tx.query<[string, string, number, number, string, number, number]>(ROWS_SQL, [], {
    rowMode: 'array',
  });
  const sink = open({ version, rows: result.rows.length });
  for (const [customer, store, day, orders, cents, hour, mix] of result.rows)
    sink.add(customer, store, day, orders, Number(cents), hour, mix);
  return version;
}

async function readPostgres(pool: pg.Pool, open: (head: Head) => CustomerDaySink): Promise<number> {
  const conn = await pool.connect();
  try {
    await conn.query('begin isolation level repeatable read read only');
    const head = (await conn.query<{ version: string; rows: string }>(VERSION_SQL)).rows[0];
    const version = Number(head?.version ?? 0);
    const sink = open({ version, rows: Number(head?.rows ?? 0) });
    const stream = conn.query(copyTo(`copy (${ROWS_SQL}) to stdout`));
    let rest: Buffer | null = null;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
        parseLine(buf, start, nl, sink);
        start = nl + 1;
      }
      rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    }
    if (rest) throw new Error('customer columns: COPY ended inside a row');
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

/** One COPY text line: customer, store, day, orders, cents, hour mask, mix mask (no nulls: all are not null). */
function parseLine(buf: Buffer, start: number, end: number, sink: CustomerDaySink): void {
  const t1 = buf.indexOf(TAB, start);
  const t2 = buf.indexOf(TAB, t1 + 1);
  const t3 = buf.indexOf(TAB, t2 + 1);
  const t4 = buf.indexOf(TAB, t3 + 1);
  const t5 = buf.indexOf(TAB, t4 + 1);
  const t6 = buf.indexOf(TAB, t5 + 1);
  if (t1 < 0 || t6 < 0 || t6 >= end) throw new Error('customer columns: malformed COPY row');
  const customer = buf.toString('latin1', start, t1);
  const storeRaw = buf.toString('utf8', t1 + 1, t2);
  const store = storeRaw.includes('\\') ? unescapeCopy(storeRaw) : storeRaw;
  sink.add(
    customer,
    store,
    int(buf, t2 + 1, t3),
    int(buf, t3 + 1, t4),
    int(buf, t4 + 1, t5),
    int(buf, t5 + 1, t6),
    int(buf, t6 + 1, end),
  );
}

function int(buf: Buffer, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i++;
  let value = 0;
  for (; i < end; i++) {
    const d = (buf[i] ?? 0) - 48;
    if (d < 0 || d > 9) throw new Error('customer columns: malformed number in COPY row');
    value = value * 10 + d;
  }
  return negative ? -value : value;
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** COPY text escapes (`\\`, `\t`, `\n`, …) back to characters; store ids rarely have any. */
function unescapeCopy(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}
