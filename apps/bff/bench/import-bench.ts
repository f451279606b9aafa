/**
 * `pnpm bench:import`: how fast the import goes, on PGlite and — when DATABASE_URL names a PostgreSQL server —
 * on a scratch database created there (and dropped after).
 *  1. rows per second for a synthetic orders.csv (BENCH_ORDERS, default 200,000) and its order_items.csv
 *     (2 lines per order), each imported as its own job into a database holding 60 stores and 33 products;
 *  2. one more day imported into the default demo chain (the last day's orders and items, shifted one day
 *     later with new ids): the time of the job and of its incremental refresh.
 * Prints a Markdown table; run it on an idle machine, timings are noisy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '@portrait/shared/dates';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client';
import { queryRows } from '../src/db/sql';
import { loadDemo } from '../src/features/demo/load-demo';
import { collectFiles, importFiles } from '../src/features/import/import-files';
import { loadEnv } from '../src/lib/env';

const env = loadEnv();
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200_000);
/** BENCH_SKIP_DEMO=1 leaves out the one-more-day part (e.g. for a memory run on a large file). */
const SKIP_DEMO = process.env.BENCH_SKIP_DEMO === '1';
/** BENCH_SKIP_PGLITE=1 benches PostgreSQL only. */
const SKIP_PGLITE = process.env.BENCH_SKIP_PGLITE === '1';
/** Scratch database names start with this (BENCH_DB_PREFIX), so that a shared server's databases stay apart. */
const DB_PREFIX = process.env.BENCH_DB_PREFIX ?? 'portrait_bench';
/** BENCH_ORDERS_ONLY=1 leaves out the order_items job. */
const ORDERS_ONLY = process.env.BENCH_ORDERS_ONLY === '1';
/** BENCH_RUNS=<n> repeats the PostgreSQL rows jobs n times, each on a fresh scratch database (a median needs several). */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
/** CPU seconds a process (a PostgreSQL backend on this machine) has used so far; null when unknown. */
function processCpu(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
/** BENCH_STATEMENTS=<ms> prints every PostgreSQL statement slower than that many milliseconds (where time goes). */
const SLOW_MS = process.env.BENCH_STATEMENTS ? Number(process.env.BENCH_STATEMENTS) : null;
if (SLOW_MS !== null) {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const began = Date.now();
    const pid = (this as unknown as { processID?: number }).processID;
    const cpuBefore = pid ? processCpu(pid) : null;
    const out = query.apply(this, args);
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (out instanceof Promise && text)
      void out.then(
        () => {
          const ms = Date.now() - began;
          const cpu = pid && cpuBefore !== null ? processCpu(pid) : null;
          const server =
            cpu !== null && cpuBefore !== null
              ? ` (server CPU ${Math.round((cpu - cpuBefore) * 1000)} ms)`
              : '';
          if (ms >= SLOW_MS) console.log(`  ${ms} ms${server}: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
        },
        () => undefined,
      );
    return out;
  } as typeof pg.Client.prototype.query;
}
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/**
 * How often the heap sampler forces a collection (BENCH_HEAP_MS, default 2000; 0 = no sampling). Each forced
 * collection is a full mark-compact of the importing thread's heap: at 250 ms (the interval until 2026-12-06) they
 * took 2.5–5 s of CPU per 200,000-order job, a core's worth of work competing with the import on a 2-core
 * machine (the process's CPU was 7.1–7.8 s with them, 2.2–2.3 s without, same code) — the bench measured its
 * own sampler. A peak needs no tight interval: the importing thread holds at most a few batches.
 */
const HEAP_MS = Number(process.env.BENCH_HEAP_MS ?? 2000);

/**
 * Peak live JavaScript heap while `fn` runs, above the heap at its start (PGlite's WASM memory is not in it).
 * Run with `node --expose-gc` so each sample follows a collection and counts live data, not garbage.
 */
async function peakHeap<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number | null }> {
  if (HEAP_MS <= 0) return { value: await fn(), peak: null };
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const timer = setInterval(() => {
    global.gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  }, HEAP_MS);
  try {
    return { value: await fn(), peak };
  } finally {
    clearInterval(timer);
  }
}
/**
 * CPU seconds used so far by the PostgreSQL backends serving this database (from /proc: the server runs on this
 * machine), keyed by process id. Work, not wall time: on a shared machine it varies far less with the load.
 */
async function serverCpu(database: Database): Promise<Map<number, number>> {
  const rows = await queryRows<{ pid: number }>(
    database.db,
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const cpu = processCpu(pid);
    if (cpu !== null) out.set(pid, cpu);
  }
  return out;
}
const cpuSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((s, [pid, t]) => s + t - (before.get(pid) ?? 0), 0);
const rowsPerSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en');
const results: string[] = [];

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'portrait-bench-'));
}

function writeSynthetic(dir: string): void {
  const stores = ['store_id,store_name,city,province'];
  for (let s = 1; s <= 60; s++)
    stores.push(`B${s},Bench store ${s},Bench city ${1 + (s % 20)},Bench province`);
  fs.writeFileSync(path.join(dir, 'stores.csv'), stores.join('\n'));
  const products = ['product_id,product_name,category,unit_price'];
  for (let p = 1; p <= 33; p++) products.push(`BP${p},Bench product ${p},bench,${(5 + p).toFixed(2)}`);
  fs.writeFileSync(path.join(dir, 'products.csv'), products.join('\n'));
  const orders = fs.openSync(path.join(dir, 'orders.csv'), 'w');
  const items = fs.openSync(path.join(dir, 'order_items.csv'), 'w');
  fs.writeSync(
    orders,
    'order_id,customer_id,store_id,ordered_at,channel,order_type,amount,discount,payment_method,status\n',
  );
  fs.writeSync(items, 'order_id,product_id,quantity,unit_price,amount\n');
  let o = '';
  let i = '';
  for (let n = 0; n < ORDERS; n++) {
    const day = addDays('2025-01-01', n % 365);
    const customer = n % 4 === 0 ? '' : `BC${n % 40_000}`;
    o += `BO${n},${customer},B${1 + (n % 60)},${day}T${String(7 + (n % 15)).padStart(2, '0')}:12:00+08:00,pos,dine_in,${20 + (n % 60)}.50,0,wechat,completed\n`;
    i += `BO${n},BP${1 + (n % 33)},1,,\nBO${n},BP${1 + ((n * 7) % 33)},2,,\n`;
    if (o.length > 1 << 20) {
      fs.writeSync(orders, o);
      fs.writeSync(items, i);
      o = '';
      i = '';
    }
  }
  fs.writeSync(orders, o);
  fs.writeSync(items, i);
  fs.closeSync(orders);
  fs.closeSync(items);
}

async function rowsBench(label: string, database: Database, dir: string): Promise<void> {
  const files = collectFiles([dir]);
  const pick = (name: string) => files.filter((f) => f.name === name);
  await importFiles(database, [...pick('stores.csv'), ...pick('products.csv')]);
  const jobs = [
    ['orders.csv', ORDERS],
    ['order_items.csv', ORDERS * 2],
  ] as const;
  for (const [name, rows] of ORDERS_ONLY ? jobs.slice(0, 1) : jobs) {
    const pgCpu = label === 'PostgreSQL' ? await serverCpu(database) : null;
    const cpu = process.cpuUsage();
    // The clock runs around the import only, not the sampler's first forced collection.
    let ms = 0;
    const { value: job, peak } = await peakHeap(async () => {
      const began = Date.now();
      const done = await importFiles(database, pick(name));
      ms = Date.now() - began;
      return done;
    });
    const used = process.cpuUsage(cpu);
    const server = pgCpu ? `, server CPU ${cpuSince(pgCpu, await serverCpu(database)).toFixed(1)} s` : '';
    const size = pick(name)[0]?.size ?? 0;
    console.log(
      `${label} ${name}: ${mb(size)} file, peak JavaScript heap ${peak === null ? 'not sampled' : `+${mb(peak)}`} while importing (sampled every ${HEAP_MS} ms), peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}, ` +
        `this process's CPU ${((used.user + used.system) / 1e6).toFixed(1)} s (user ${(used.user / 1e6).toFixed(1)} s, all threads)${server}, ` +
        `timings ${JSON.stringify(job.timings)}, load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    if (job.status !== 'succeeded') throw new Error(`${name}: ${job.error}`);
    const t = job.timings as { stage: number; merge: number; refresh: number };
    results.push(
      `| ${label} | ${name} | ${rows.toLocaleString('en')} | ${rowsPerSecond(rows, t.stage + t.merge)} | ${rowsPerSecond(rows, ms)} | ${rowsPerSecond(rows, t.stage)} | ${(t.merge / 1000).toFixed(1)} s | ${(t.refresh / 1000).toFixed(1)} s |`,
    );
    console.log(results.at(-1));
  }
}

async function oneMoreDay(label: string, database: Database): Promise<void> {
  const began = Date.now();
  await loadDemo(database, { size: 'default', seed: env.DEMO_SEED, endDate: '2025-06-30' });
  console.log(`${label}: default demo loaded in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  const last = '2025-06-30';
  const next = addDays(last, 1);
  const orders = await queryRows<Record<string, string | null>>(
    database.db,
    sql`select 'N' || id as id, customer_id, store_id,
               to_char(ordered_at at time zone 'Asia/Shanghai', 'HH24:MI:SS') as t, channel, order_type,
               amount::text as amount, discount::text as discount, payment_method, status
        from orders where day = ${last}`,
  );
  const items = await queryRows<Record<string, string>>(
    database.db,
    sql`select 'N' || i.order_id as order_id, i.product_id, i.quantity::text as quantity, i.amount::text as amount
        from order_items i join orders o on o.id = i.order_id where o.day = ${last}`,
  );
  const dir = scratch();
  fs.writeFileSync(
    path.join(dir, 'orders.csv'),
    ['order_id,customer_id,store_id,ordered_at,channel,order_type,amount,discount,payment_method,status']
      .concat(
        orders.map((o) =>
          [
            o.id,
            o.customer_id ?? '',
            o.store_id,
            `${next}T${o.t}+08:00`,
            o.channel,
            o.order_type ?? '',
            o.amount,
            o.discount,
            o.payment_method ?? '',
            o.status,
          ].join(','),
        ),
      )
      .join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'order_items.csv'),
    ['order_id,product_id,quantity,unit_price,amount']
      .concat(items.map((i) => `${i.order_id},${i.product_id},${i.quantity},,${i.amount}`))
      .join('\n'),
  );
  const start = Date.now();
  const job = await importFiles(database, collectFiles([dir]));
  const ms = Date.now() - start;
  fs.rmSync(dir, { recursive: true, force: true });
  const t = job.timings as { stage: number; merge: number; refresh: number };
  const mode = (job.quality as { refresh: string } | null)?.refresh;
  results.push(
    `| ${label} | one more day: ${orders.length.toLocaleString('en')} orders, ${items.length.toLocaleString('en')} items | whole job ${(ms / 1000).toFixed(2)} s | merge ${(t.merge / 1000).toFixed(2)} s | ${mode} refresh ${(t.refresh / 1000).toFixed(2)} s |`,
  );
  console.log(results.at(-1));
}

async function onPglite(): Promise<void> {
  const dir = scratch();
  writeSynthetic(dir);
  const rowsDir = scratch();
  const db = await openDatabase({ dataDir: rowsDir });
  try {
    await rowsBench('PGlite', db, dir);
  } finally {
    await db.close();
    fs.rmSync(rowsDir, { recursive: true, force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (SKIP_DEMO) return;
  const demoDir = scratch();
  const demo = await openDatabase({ dataDir: demoDir });
  try {
    await oneMoreDay('PGlite', demo);
  } finally {
    await demo.close();
    fs.rmSync(demoDir, { recursive: true, force: true });
  }
}

async function withScratchPostgres(url: string, fn: (db: Database) => Promise<void>): Promise<void> {
  const name = `${DB_PREFIX}_${process.pid}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ url: target.toString() });
  try {
    await fn(db);
  } finally {
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function onPostgres(url: string): Promise<void> {
  const dir = scratch();
  writeSynthetic(dir);
  try {
    for (let run = 0; run < RUNS; run++)
      await withScratchPostgres(url, (db) => rowsBench('PostgreSQL', db, dir));
    if (!SKIP_DEMO) await withScratchPostgres(url, (db) => oneMoreDay('PostgreSQL', db));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `import bench: ${ORDERS.toLocaleString('en')} orders, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`,
);
console.log(
  '| database | file | rows | rows/s into the table (read + check + stage + merge) | rows/s (whole job, derived tables refreshed) | rows/s (read + check + stage) | merge | refresh |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
if (!SKIP_PGLITE) await onPglite();
if (env.DATABASE_URL) await onPostgres(env.DATABASE_URL);
else
  console.log(
    '(set DATABASE_URL to a PostgreSQL server to bench it too: a scratch database is created there)',
  );
console.log('\n' + results.join('\n'));
