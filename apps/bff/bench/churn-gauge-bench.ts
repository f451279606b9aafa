/**
 * The churn gauge and the clusters panel for chain-wide custom ranges, from the copy vs by SQL: two spawned BFF
 * processes on the database of `DATABASE_URL` (which must already hold the demo and a served model run: nothing is
 * loaded or fitted here), one with the in-memory copy and one with CUSTOMER_COLUMNS=off, both with RESULT_CACHE=off
 * and PRECOMPUTE=off, asked in turn (never at once) the same custom ranges — 30, 90 and 365 days ending two weeks
 * before the last day — and checked to give the same text (but the model's age in seconds).
 *
 *   DATABASE_URL=… DEMO_SIZE=large DEMO_END_DATE=2026-12-06 BENCH_PORT=4120 tsx bench/churn-gauge-bench.ts [reps]
 *
 * The copy server uses BENCH_PORT, the SQL one BENCH_PORT + 1.
 */
import os from 'node:os';
import { addDays } from '@portrait/shared/dates';
import { signIn, timedGet } from './bench-http';
import { spawnServer } from './bench-server';

const reps = Number(process.argv[2] ?? 3);
const lastDay = process.env.DEMO_END_DATE;
const port = Number(process.env.BENCH_PORT ?? 4120);
if (!process.env.DATABASE_URL || !lastDay) throw new Error('DATABASE_URL and DEMO_END_DATE are needed');
const password = process.env.BENCH_PASSWORD ?? 'demo1234';
const env = { RESULT_CACHE: 'off', PRECOMPUTE: 'off', WARM_UP: 'off' };
const strip = (body: string) => body.replace(/"ageSeconds":\d+,/, '');
const load = () => os.loadavg()[0]!.toFixed(1);

const to = addDays(lastDay, -14);
const ranges = [30, 90, 365].map((days) => ({ days, q: `from=${addDays(to, -(days - 1))}&to=${to}` }));

const copy = await spawnServer({ ...env, CUSTOMER_COLUMNS: 'on' }, port);
const bySql = await spawnServer({ ...env, CUSTOMER_COLUMNS: 'off' }, port + 1);
try {
  const began = performance.now();
  for (;;) {
    const health = (await (await fetch(`${copy.url}/healthz`)).json()) as { customerColumns: unknown };
    if (health.customerColumns) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`copy in place ${((performance.now() - began) / 1000).toFixed(1)} s after listening`);
  const cookies = {
    copy: await signIn(copy.url, 'analyst', password),
    sql: await signIn(bySql.url, 'analyst', password),
  };
  const url = (side: 'copy' | 'sql', panel: string, q: string) =>
    `${side === 'copy' ? copy.url : bySql.url}/api/v1/portrait/${panel}?${q}`;

  // The first question starts the run's predictions' read (if the read-ahead has not): until it is in, the SQL
  // answers. Wait until two answers in a row come fast.
  const first = await timedGet(url('copy', 'churn', ranges[0]!.q), cookies.copy);
  console.log(`first chain custom gauge on the copy server: ${first.ms.toFixed(0)} ms (load ${load()})`);
  for (let i = 0, fast = 0; i < 120 && fast < 2; i++) {
    const t = await timedGet(url('copy', 'churn', ranges[0]!.q), cookies.copy);
    fast = t.ms < 500 ? fast + 1 : 0;
    if (fast < 2) await new Promise((r) => setTimeout(r, 1000));
  }

  for (const { days, q } of ranges)
    for (const panel of ['churn', 'clusters']) {
      const copyMs: number[] = [];
      const sqlMs: number[] = [];
      for (let rep = 0; rep < reps; rep++) {
        const a = await timedGet(url('copy', panel, q), cookies.copy);
        const b = await timedGet(url('sql', panel, q), cookies.sql);
        if (strip(a.body) !== strip(b.body))
          throw new Error(`${panel} ${days} days: the copy differs from the SQL`);
        copyMs.push(a.ms);
        sqlMs.push(b.ms);
      }
      const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      console.log(
        `chain ${days} d ${panel}: copy ${copyMs.map((x) => x.toFixed(0)).join('/')} ms, SQL ` +
          `${sqlMs.map((x) => x.toFixed(0)).join('/')} ms, median ratio ${(med(sqlMs) / med(copyMs)).toFixed(0)}× ` +
          `(equal; load ${load()})`,
      );
    }
  console.log(`server RSS: copy ${copy.rssMb()} MiB, SQL ${bySql.rssMb()} MiB`);
} finally {
  await copy.stop();
  await bySql.stop();
}
