/**
 * `pnpm bench [-- --size large] [--skip-bi] [--precompute-wait <minutes>] [--custom-only] [--sql-pass]
 * [--endpoints overview,geo,paths,suggestions]`: the dashboard endpoints (overview, geo, paths, suggestions) over
 * HTTP for the fixed mix of bench-mix.ts, and the overview's metrics as plain SQL on the source tables.
 *  1. precompute: a server computes the preset scopes ahead (timed) and stops;
 *  2. cold: a freshly spawned server process (empty cache, precompute present) answers the mix once;
 *  3. warm: the same process answers it again (in-process cache);
 *  4. caches off: a server process with RESULT_CACHE=off answers the custom ranges, once its customer columns
 *     are loaded (with --sql-pass, a second one with CUSTOMER_COLUMNS=off too); their suggestions are
 *     regenerated (POST, `suggestions-regen`), which times a real generation (a GET would read the stored ones);
 *  5. plain SQL: the overview of every scope on orders/order_items, checked identical to the API's answer.
 * --custom-only: only step 4 (and 5) for the custom ranges' overview, plus the endpoints --endpoints names.
 * Uses the database of `npm start` (DATABASE_URL or DATA_DIR), loading the demo of --size if it is not there.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FiltersMeta } from '@portrait/shared/meta';
import { PATH_STEPS } from '@portrait/shared/paths';
import { openDatabase } from '../src/db/client';
import { getDataVersion, getMeta } from '../src/db/queries/data-meta';
import { loadEnv, resolveDataDir } from '../src/lib/env';
import { start } from '../src/server';
import { biOverview } from './bi-overview';
import { createReport, csrfToken, percentile, signIn, timedGet, timedPost, type Report } from './bench-http';
import { benchMix, ENDPOINTS, isCustom, scopeLabel, scopeQuery, type BenchScope } from './bench-mix';
import { spawnServer, type ChildServer } from './bench-server';

const args = process.argv.slice(2).filter((a) => a !== '--');
const sizeArg = args.includes('--size') ? args[args.indexOf('--size') + 1] : undefined;
const skipBi = args.includes('--skip-bi');
const verbose = args.includes('--verbose');
/** Only the custom ranges' overview with every cache off, and their plain SQL (no precompute, cold or warm). */
const customOnly = args.includes('--custom-only');
/** Also time the custom ranges with the customer columns off (the per-customer pass in SQL), same run. */
const sqlPass = args.includes('--sql-pass');
/** Only these endpoints (comma-separated; default all four): a quicker check of one endpoint's targets. */
const endpointsArg = args.includes('--endpoints')
  ? (args[args.indexOf('--endpoints') + 1] ?? '').split(',')
  : null;
const unknownEndpoint = endpointsArg?.find((e) => !(ENDPOINTS as readonly string[]).includes(e));
if (unknownEndpoint !== undefined)
  throw new Error(`--endpoints: "${unknownEndpoint}" is not one of ${ENDPOINTS.join(', ')}`);
/** Longest wait for the precompute (minutes); the bench then runs with what is stored and says so. */
const waitArg = args.includes('--precompute-wait')
  ? Number(args[args.indexOf('--precompute-wait') + 1])
  : Infinity;
const env = loadEnv();
const size = (sizeArg ?? (env.DEMO_SIZE === 'none' ? 'default' : env.DEMO_SIZE)) as
  'small' | 'default' | 'large';
const database = await openDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolveDataDir(env) },
);
const user = { name: 'analyst', password: env.DEMO_PASSWORD };
const endpointPath = (e: string) => (e === 'paths' ? `paths?steps=${PATH_STEPS.default}&` : `${e}?`);
const kind = (s: BenchScope) => (isCustom(s) ? 'custom' : 'preset');

// 1. The demo (if missing), the users, and the precompute for the current data version.
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
let began = performance.now();
const setup = await start(
  {
    PORT: process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) + 1 : 0,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DEMO_SIZE: size,
    RESULT_CACHE: 'on',
    PRECOMPUTE: customOnly ? 'off' : 'on',
    // This process sets up and precomputes (with its own columns, as a production process would); with
    // --custom-only it only sets up.
    CUSTOMER_COLUMNS: customOnly ? 'off' : 'on',
  },
  { database },
);
console.log(
  `data: ${database.kind}, demo ${await getMeta(database.db, 'demo')} (ready in ${seconds(performance.now() - began)})`,
);
began = performance.now();
const deadline = Date.now() + (customOnly ? 0 : waitArg) * 60_000;
let waitTimer: NodeJS.Timeout | undefined;
const fitted = await Promise.race([
  customOnly ? Promise.resolve(false) : setup.models.idle().then(() => true),
  new Promise<boolean>(
    (r) => (waitTimer = setTimeout(() => r(false), Math.min(waitArg * 60_000, 2 ** 31 - 1))),
  ),
]);
// Left pending, the timer (24.8 days without --precompute-wait) kept the process alive after its results.
clearTimeout(waitTimer);
console.log(`models ${fitted ? 'fitted' : 'STILL FITTING'} after ${seconds(performance.now() - began)}`);
began = performance.now();
const settled = await setup.precompute.settle(Math.max(0, deadline - Date.now()));
console.log(
  `preset scopes precomputed in ${seconds(performance.now() - began)} (0 s when already current)` +
    (settled ? '' : ` — NOT complete: ${JSON.stringify(await setup.precompute.status())}`),
);
const metaRes = await fetch(`${setup.url}/api/v1/meta/filters`, {
  headers: { cookie: await signIn(setup.url, user.name, user.password) },
});
const meta = ((await metaRes.json()) as { data: FiltersMeta }).data;
await setup.stop();
const mix = customOnly ? benchMix(meta).filter(isCustom) : benchMix(meta);
const endpoints = ENDPOINTS.filter(
  (e) =>
    (endpointsArg === null || endpointsArg.includes(e)) &&
    (!customOnly || e === 'overview' || endpointsArg?.includes(e) === true),
);

/**
 * Answers the whole mix once on `url`, recording each timing under `phase endpoint level kind`. `regenerate`: the
 * suggestions are asked with POST (regenerate now, as 重新生成 does), timed as `suggestions-regen`: suggestions are
 * stored per scope, not cached, so a GET after the cold phase only reads what that phase generated.
 */
async function runMix(url: string, phase: string, report: Report, scopes: BenchScope[], regenerate = false) {
  const cookie = await signIn(url, user.name, user.password);
  const csrf = regenerate ? await csrfToken(url, cookie) : '';
  const overviews = new Map<BenchScope, string>();
  for (const s of scopes) {
    const line: string[] = [];
    for (const e of endpoints) {
      const target = `${url}/api/v1/portrait/${endpointPath(e)}${scopeQuery(s)}`;
      const regen = regenerate && e === 'suggestions';
      const t = regen ? await timedPost(target, cookie, csrf) : await timedGet(target, cookie);
      const label = regen ? 'suggestions-regen' : e;
      report.add(`${phase} ${label} ${s.level} ${kind(s)}`, t.ms);
      line.push(`${label} ${t.ms.toFixed(0)}`);
      if (e === 'overview') overviews.set(s, t.body);
    }
    // One line per scope as it goes, so a run cut short still shows what it measured.
    if (verbose) console.log(`  ${phase} ${scopeLabel(s)}: ${line.join(', ')} ms`);
  }
  report.print(`HTTP ${phase} (ms per request)`);
  return overviews;
}

// 2 + 3. Cold process, then warm.
const timings = createReport();
const cold = createReport();
const warm = createReport();
const offReport = createReport();
let apiOverview = new Map<BenchScope, string>();
if (!customOnly) {
  const cached = await spawnServer({ RESULT_CACHE: 'on', PRECOMPUTE: 'off', DEMO_SIZE: size });
  console.log(`server process ready in ${cached.readyMs.toFixed(0)} ms`);
  apiOverview = await runMix(cached.url, 'cold', cold, mix);
  await runMix(cached.url, 'warm', warm, mix);
  await cached.stop();
}

type Health = {
  customerColumns: { version: number; loadMs: number; bytes: number } | null;
  predictionsRead: { runId: number; version: number; readMs: number } | null;
};

/**
 * Waits until the server's customer columns hold the current data version and, when a churn run is served, its
 * predictions are read ahead for them (requests never wait for either; a benchmark of the engine must), and
 * prints how long each took and the process's memory.
 */
async function columnsLoaded(server: ChildServer) {
  const version = await getDataVersion(database.db);
  const runId = (await setup.models.status()).ready?.id ?? null;
  const t0 = performance.now();
  const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as Health;
  for (;;) {
    const c = (await health()).customerColumns;
    if (c && c.version === version) {
      console.log(
        `customer columns of version ${version}: loaded in ${seconds(c.loadMs)} (waited ` +
          `${seconds(performance.now() - t0)} after the process was ready), arrays ${(c.bytes / 2 ** 20).toFixed(0)} MiB, ` +
          `server RSS ${server.rssMb()} MiB`,
      );
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (runId === null) return;
  for (const limit = performance.now() + 180_000; performance.now() < limit;) {
    const p = (await health()).predictionsRead;
    if (p && p.runId === runId && p.version === version) {
      console.log(
        `run ${runId}'s predictions read ahead in ${seconds(p.readMs)} (waited ${seconds(performance.now() - t0)} ` +
          `after the process was ready)`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(
    `run ${runId}'s predictions NOT read ahead after 180 s: the first chain questions wait for them`,
  );
}

// 4. Custom ranges with every cache off (the customer columns on, loaded first), and optionally with them off.
const off = await spawnServer({ RESULT_CACHE: 'off', PRECOMPUTE: 'off', DEMO_SIZE: size });
await columnsLoaded(off);
// The suggestions are regenerated (POST), so this phase times their generation from the columns and the SQL.
const offOverview = await runMix(off.url, 'off', offReport, mix.filter(isCustom), true);
console.log(`server RSS after the custom ranges: ${off.rssMb()} MiB`);
await off.stop();
const offSqlOverview = new Map<BenchScope, string>();
if (sqlPass) {
  const offSql = await spawnServer({
    RESULT_CACHE: 'off',
    PRECOMPUTE: 'off',
    CUSTOMER_COLUMNS: 'off',
    DEMO_SIZE: size,
  });
  for (const [s, body] of await runMix(offSql.url, 'offsql', offReport, mix.filter(isCustom), true))
    offSqlOverview.set(s, body);
  await offSql.stop();
}
for (const r of [cold, warm, offReport]) timings.merge(r);

// 5. Plain SQL on the source tables, checked against the API (only the overview has a plain-SQL twin).
if (!skipBi && endpoints.includes('overview')) {
  const bi = createReport();
  let mismatches = 0;
  for (const s of mix) {
    const t0 = performance.now();
    const answer = await biOverview(database.db, s);
    const ms = performance.now() - t0;
    bi.add(`sql overview ${s.level} ${kind(s)}`, ms);
    if (verbose) console.log(`  sql ${scopeLabel(s)}: ${ms.toFixed(0)} ms`);
    for (const body of [apiOverview.get(s), offOverview.get(s), offSqlOverview.get(s)]) {
      if (body === undefined) continue;
      const { data } = JSON.parse(body) as { data: Record<string, unknown> };
      const api = {
        kpis: data.kpis,
        segments: data.segments,
        hourly: data.hourly,
        topProducts: data.topProducts,
        channels: data.channels,
      };
      if (!isDeepStrictEqual(api, answer)) {
        mismatches++;
        for (const k of Object.keys(api) as (keyof typeof api)[])
          if (!isDeepStrictEqual(api[k], answer[k])) console.log(`MISMATCH ${scopeLabel(s)} ${k}`);
      }
    }
  }
  bi.print('Plain SQL on orders / order_items (the overview a BI tool computes)');
  console.log(
    `\nanswers identical: ${mismatches === 0 ? 'yes' : `NO, ${mismatches} differ`} (${mix.length} scopes)`,
  );
  console.log('\nplain SQL p50 / API p50 (× faster):');
  for (const level of ['chain', 'city', 'store'])
    for (const [k, phase] of [
      ['preset', 'cold'],
      ['preset', 'warm'],
      ['custom', 'cold'],
      ['custom', 'off'],
      ['custom', 'offsql'],
    ] as const) {
      const api = timings.values(`${phase} overview ${level} ${k}`);
      const sqlMs = bi.values(`sql overview ${level} ${k}`);
      if (api.length && sqlMs.length)
        console.log(
          `  ${level.padEnd(6)} ${k.padEnd(7)} vs ${phase.padEnd(6)} ${(percentile(sqlMs, 50) / percentile(api, 50)).toFixed(1)}×`,
        );
    }
  if (mismatches > 0) process.exitCode = 1;
}
await database.close();
