/**
 * `tsx bench/first-request-bench.ts [--processes N] [--endpoints overview,geo,...] [--env K=V,...] [--port P] [--ab]
 * [--first-custom]`: what the first
 * dashboard request of a fresh server process pays. Spawns N processes one after the other (as bench-server.ts
 * does for the cold phase: ready when /healthz answers), signs in, then asks the whole chain's five presets for
 * each endpoint in the benchmark's order (today's overview is the process's first dashboard request). Prints per
 * endpoint the first request's and the later requests' latencies and their ratio, and the load average. With --ab,
 * the processes alternate WARM_UP=off / on (before / after the start-up warm-up) under the same machine load.
 * With --first-custom, each process is first asked a chain-wide custom range's overview (never precomputed: the
 * columns copy or the SQL answers it) as soon as it is ready, timed as `custom first`, and whether its columns copy
 * was in place by then (a copy read from a snapshot at start) is printed.
 * Uses DATABASE_URL (its precomputed presets must be current: run the precompute first). Read-only on that database.
 */
import os from 'node:os';
import { addDays, presetRange } from '@portrait/shared/dates';
import { PATH_STEPS } from '@portrait/shared/paths';
import pg from 'pg';
import { createReport, percentile, signIn, timedGet } from './bench-http';
import { BENCH_PRESETS, ENDPOINTS } from './bench-mix';
import { spawnServer } from './bench-server';

const args = process.argv.slice(2).filter((a) => a !== '--');
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const processes = Number(arg('--processes') ?? 8);
const port = arg('--port') ? Number(arg('--port')) : undefined;
const endpoints = (arg('--endpoints') ?? ENDPOINTS.join(',')).split(',');
const firstCustom = args.includes('--first-custom');
const extraEnv = Object.fromEntries(
  (arg('--env') ?? '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('=') as [string, string]),
);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const password = process.env.DEMO_PASSWORD ?? 'demo1234';

const client = new pg.Client({ connectionString: url });
await client.connect();
const lastDay = (await client.query<{ d: string | null }>('select max(day)::text as d from store_day_mix'))
  .rows[0]?.d;
// The demo's size as recorded, so the server finds its demo loaded and loads nothing.
const demo = (await client.query<{ value: string }>("select value from data_meta where key = 'demo'"))
  .rows[0];
const demoSize = demo ? (JSON.parse(demo.value) as { size: string }).size : 'default';
await client.end();
if (!lastDay) throw new Error('the database holds no orders');

const endpointPath = (e: string) => (e === 'paths' ? `paths?steps=${PATH_STEPS.default}&` : `${e}?`);
const report = createReport();
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** One fresh process: ready time, then the chain's presets per endpoint; timings under `${variant} ${e} first|later`. */
async function measure(variant: string, env: Record<string, string>) {
  const server = await spawnServer(
    { RESULT_CACHE: 'on', PRECOMPUTE: 'off', DEMO_SIZE: demoSize, ...extraEnv, ...env },
    port,
  );
  report.add(`${variant} ready`, server.readyMs);
  try {
    const line: string[] = [];
    if (firstCustom) {
      // Before signing in (which takes a while), so it comes as soon after listening as a user could ask.
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { customerColumns: unknown };
      line.push(`copy ${health.customerColumns ? 'in place' : 'not loaded'} at ready;`);
    }
    const cookie = await signIn(server.url, 'analyst', password);
    if (firstCustom) {
      const q = new URLSearchParams({ from: addDays(lastDay!, -103), to: addDays(lastDay!, -14) });
      const t = await timedGet(`${server.url}/api/v1/portrait/overview?${q.toString()}`, cookie);
      report.add(`${variant} custom first`, t.ms);
      line.push(`custom ${t.ms.toFixed(0)};`);
    }
    for (const [i, preset] of BENCH_PRESETS.entries()) {
      const q = new URLSearchParams(presetRange(preset, lastDay!)).toString();
      for (const e of endpoints) {
        const t = await timedGet(`${server.url}/api/v1/portrait/${endpointPath(e)}${q}`, cookie);
        report.add(`${variant} ${e} ${i === 0 ? 'first' : 'later'}`, t.ms);
        if (i === 0 && e === endpoints[0]) report.add(`${variant} very first`, t.ms);
        line.push(`${e[0]}${t.ms.toFixed(0)}`);
      }
    }
    console.log(`  ${variant}: ready ${server.readyMs.toFixed(0)} ms; ${line.join(' ')}`);
  } finally {
    await server.stop();
  }
}

// With --ab, processes alternate WARM_UP=off and on, so both see the same machine load over the run.
const variants: [string, Record<string, string>][] = args.includes('--ab')
  ? [
      ['off', { WARM_UP: 'off' }],
      ['on', { WARM_UP: 'on' }],
    ]
  : [['run', {}]];
console.log(`load average before: ${load()}`);
for (let p = 0; p < processes; p++) for (const [name, env] of variants) await measure(name, env);
report.print(
  `chain presets, ${processes} fresh processes per variant (first = today's, a process's first of that endpoint)`,
);
console.log('\nfirst / later (p50 ratio):');
for (const [name] of variants)
  for (const e of endpoints) {
    const first = report.values(`${name} ${e} first`);
    const later = report.values(`${name} ${e} later`);
    console.log(
      `  ${name.padEnd(4)} ${e.padEnd(12)} first p50 ${percentile(first, 50).toFixed(1)} ms (max ${Math.max(...first).toFixed(1)}), ` +
        `later p50 ${percentile(later, 50).toFixed(1)} ms: ${(percentile(first, 50) / percentile(later, 50)).toFixed(2)}×`,
    );
  }
console.log(`load average after: ${load()}`);
