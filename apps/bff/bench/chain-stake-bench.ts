/**
 * `DATABASE_URL=… tsx bench/chain-stake-bench.ts [--rounds 3] [--snapshot-dir DIR]` (PostgreSQL): what the chain's
 * stake for the served run's as-of day (chain-stake.ts) costs this thread, A/B in turns: made here walking the
 * window's rows (`chainStakeOf`), against made on the predictions' worker with the run's predictions
 * (`readPredictionsOnWorker` with the as-of day: here the window's rows are only copied out, a piece a turn). Each as this thread's
 * busy time (event loop utilisation) and the longest lateness of a 5 ms probe timer; the two stakes checked byte-equal.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client';
import { postgresConnection } from '../src/db/queries/customer-columns';
import { getDataVersion } from '../src/db/queries/data-meta';
import { queryRows } from '../src/db/sql';
import { chainStakeOf, stakeWindow } from '../src/features/customer-columns/chain-stake';
import { createCustomerColumns } from '../src/features/customer-columns/customer-columns-service';
import { epochDay } from '../src/features/customer-columns/customer-pass';
import { readPredictionsOnWorker } from '../src/features/customer-columns/predictions-on-worker';
import { createLogger } from '../src/lib/logger';

const args = process.argv.slice(2);
const argOf = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const rounds = Number(argOf('--rounds') ?? 3);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL');
const { db, close } = await openDatabase({ url });
const connection = postgresConnection(db);
if (!connection) throw new Error('PostgreSQL only');
const version = await getDataVersion(db);
const columns = createCustomerColumns({
  db,
  logger: createLogger('warn'),
  enabled: true,
  snapshotDir: argOf('--snapshot-dir') ?? null,
});
if (!(await columns.ready(version))) throw new Error('the columns did not load');
const rows = columns.customerRows(version)!;
const [run] = await queryRows<{ id: number; as_of_day: string }>(
  db,
  sql`select id, as_of_day::text as as_of_day from model_runs where status = 'ready' and as_of_day is not null
      order by id desc limit 1`,
);
if (!run) throw new Error('no ready run');
const asOf = epochDay(run.as_of_day);

async function measured<T>(work: () => Promise<T> | T) {
  const elu = performance.eventLoopUtilization();
  const began = performance.now();
  let probeMax = 0;
  let expected = began + 5;
  const probe = setInterval(() => {
    const now = performance.now();
    probeMax = Math.max(probeMax, now - expected);
    expected = now + 5;
  }, 5);
  // A turn of the loop first, so work done synchronously is seen by the probe.
  await new Promise((r) => setTimeout(r, 20));
  const result = await work();
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(probe);
  const busy = Math.round(performance.eventLoopUtilization(elu).active);
  return { result, busy, stall: Math.round(probeMax), ms: Math.round(performance.now() - began) };
}

console.log(`copy: ${rows.rows} rows, ${rows.customers} customers; run ${run.id} as of ${run.as_of_day}`);
for (let round = 1; round <= rounds; round++) {
  const here = await measured(() => chainStakeOf(rows, asOf));
  const gather = await measured(() => {
    let n = 0;
    for (const piece of stakeWindow(rows, asOf, 200_000)) n += piece.customer.length;
    return n;
  });
  const worker = await measured(() => readPredictionsOnWorker(connection, rows, run.id, asOf).predictions);
  const a = here.result!;
  const b = worker.result.stake!.stake!;
  const same =
    Buffer.from(a.cents.buffer).equals(Buffer.from(b.cents.buffer)) &&
    Buffer.from(a.has.buffer).equals(Buffer.from(b.has.buffer));
  console.log(
    `round ${round}: here busy ${here.busy} ms, stall ${here.stall} ms | window copied out in one go (${gather.result} rows) busy ` +
      `${gather.busy} ms, stall ${gather.stall} ms | worker (with predictions, ${worker.ms} ms) busy ${worker.busy} ` +
      `ms, stall ${worker.stall} ms | byte-equal ${same}`,
  );
}
await columns.stop();
await close();
