/**
 * How free the event loop stays while the customer columns load (PostgreSQL), on a worker thread or, as before,
 * on the main thread:
 *   tsx bench/columns-load-bench.ts --url postgres://…/db [--thread worker|main|none] [--ping-ms 20] [--idle-ms 8000]
 *   [--snapshot-dir DIR]
 * One load per process (run it alternately for before/after: RSS is per process). `--thread none` loads nothing
 * and samples for `--idle-ms`: the machine's own noise floor (other processes holding the cores). Opened like a read replica — no
 * migrations, nothing written — so it may run against a database it must only read. While `ready()` runs it
 * samples the event-loop delay (`monitorEventLoopDelay`, 1 ms resolution), times a `select 1` round trip every
 * `--ping-ms` (what a request's query waits for when the loop is held) and the peak RSS; prints one JSON line.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openReadReplica } from '../src/db/client';
import { getDataVersion } from '../src/db/queries/data-meta';
import { createCustomerColumns } from '../src/features/customer-columns/customer-columns-service';
import { createLogger } from '../src/lib/logger';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.DATABASE_URL },
    thread: { type: 'string', default: 'worker' },
    'ping-ms': { type: 'string', default: '20' },
    'idle-ms': { type: 'string', default: '8000' },
    /** Keep / read the copy's snapshot there (snapshot-load.ts); the load's log line says which it did. */
    'snapshot-dir': { type: 'string' },
  },
});
const thread = values.thread === 'main' || values.thread === 'none' ? values.thread : 'worker';
if (!values.url) throw new Error('give --url or DATABASE_URL (PostgreSQL)');

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const ms = (ns: number) => Math.round(ns / 1e5) / 10;
const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const replica = await openReadReplica(values.url);
const version = await getDataVersion(replica.db);
const rssBefore = process.memoryUsage().rss;
const columns = createCustomerColumns({
  db: replica.db,
  // With a snapshot folder, the load's own log line (read from a snapshot or the database, and why) is printed.
  logger: createLogger(values['snapshot-dir'] ? 'info' : 'silent'),
  enabled: thread !== 'none',
  thread: thread === 'main' ? 'main' : 'worker',
  snapshotDir: values['snapshot-dir'] ?? null,
});

const delay = monitorEventLoopDelay({ resolution: 1 });
let peakRss = rssBefore;
const pings: number[] = [];
let pinging = true;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const pingLoop = (async () => {
  while (pinging) {
    const t = performance.now();
    await replica.db.execute(sql`select 1`);
    pings.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, Number(values['ping-ms'])));
  }
})();

delay.enable();
const began = performance.now();
const ok =
  thread === 'none'
    ? await new Promise<boolean>((resolve) => setTimeout(() => resolve(false), Number(values['idle-ms'])))
    : await columns.ready(version);
const wallMs = Math.round(performance.now() - began);
delay.disable();
pinging = false;
await pingLoop;
clearInterval(rssTimer);
const status = columns.status();
const rssAfter = process.memoryUsage().rss;
pings.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    thread,
    ok,
    statusThread: status?.thread,
    version,
    rows: status?.rows,
    copyMb: status && mb(status.bytes),
    wallMs,
    loopDelayMs: {
      max: ms(delay.max),
      p99: ms(delay.percentile(99)),
      p999: ms(delay.percentile(99.9)),
      mean: ms(delay.mean),
    },
    selectOneMs: {
      n: pings.length,
      p50: Math.round(quantile(pings, 0.5) * 10) / 10,
      p99: Math.round(quantile(pings, 0.99) * 10) / 10,
      max: Math.round((pings.at(-1) ?? 0) * 10) / 10,
    },
    rssMb: { before: mb(rssBefore), peak: mb(peakRss), after: mb(rssAfter) },
  }),
);
await columns.stop();
await replica.close();
