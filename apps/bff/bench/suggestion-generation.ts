/**
 * `DATABASE_URL=… tsx bench/suggestion-generation.ts [--rounds 2] [--days 90] [--sql] [--snapshot-dir DIR]
 * [--predictions worker|main] [--no-baskets]`: profiles the generation of a scope's suggestions that no precompute
 * stored (a custom range: `--days` days ending two weeks before the data's last day) for the chain, the city with
 * most stores and the store with most orders in that range, step by step as `collectEngineInput` runs them: the
 * overview (every cache off, the columns loaded), the suggestions' pass over the columns, churn by segment (right
 * after the pass, as the service asks it), the association rules and the cross-sell sizes (from the copy's baskets;
 * with `--sql` churn, rules and cross-sell by SQL too, checked equal) and the rules engine; then
 * `collectEngineInput` as a whole with the same services, A/B in turns: the scope scanned once (the overview's
 * customer pass reads the suggestions' scan) and twice as before, checked byte-equal. Each step is given as wall ms/CPU ms (the process's CPU
 * time: on a loaded machine the wall time is mostly waiting for a core). Read-only (the saving step writes, so it
 * is not run here). The run's predictions are read into the copy first (once per run and copy; on a worker thread,
 * or with `--predictions main` on this thread as before), timed on their own line with the event loop's longest
 * stall meanwhile (a 5 ms probe timer's lateness, against the same probe doing nothing, and
 * `monitorEventLoopDelay`). `--no-baskets` leaves out the rules, the cross-sell sizes and the whole
 * `collectEngineInput`. `--snapshot-dir`: the columns copy is kept there and read back by the next run.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { addDays } from '@portrait/shared/dates';
import { PLATFORM_CHANNELS } from '@portrait/shared/suggestions';
import type { Scope } from '@portrait/shared/scope';
import { openDatabase } from '../src/db/client';
import { getDataVersion } from '../src/db/queries/data-meta';
import { CHANNEL_BITS, channelsMask, hourRangeMask } from '../src/db/queries/mix-masks';
import type { Period } from '../src/db/queries/portrait';
import type { StoreFilter } from '../src/db/queries/scope-sql';
import { segmentChurn } from '../src/db/queries/segment-churn';
import { associationRules } from '../src/db/queries/suggestion-aggregates';
import { crossSellSummaries } from '../src/db/queries/suggestion-targets';
import { queryRows } from '../src/db/sql';
import { churnPredictions, loadChurnPredictions } from '../src/features/customer-columns/churn-columns';
import { createCustomerColumns } from '../src/features/customer-columns/customer-columns-service';
import { columnsCustomerFigures } from '../src/features/customer-columns/customer-pass';
import { suggestionScratch } from '../src/features/customer-columns/customer-scratch';
import { createChurnProvider } from '../src/features/models/churn-provider';
import { createPortraitService } from '../src/features/portrait/portrait-service';
import { createScopeResolver } from '../src/features/portrait/scope-resolver';
import { createStoreCatalog } from '../src/features/portrait/store-catalog';
import { buildSuggestions } from '../src/features/suggestions/engine';
import { collectEngineInput, distinctPairs } from '../src/features/suggestions/engine-input';
import { ASSOCIATION, CROSS_SELL_MAX, OVERDUE_FACTOR } from '../src/features/suggestions/parameters';
import { findOffPeakWindow } from '../src/features/suggestions/rules/growth-rules';
import { createLogger } from '../src/lib/logger';
import { createResultCache } from '../src/lib/result-cache';

const args = process.argv.slice(2).filter((a) => a !== '--');
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 1;
const days = args.includes('--days') ? Number(args[args.indexOf('--days') + 1]) : 90;
/** Skip the association rules, the cross-sell sizes and the whole `collectEngineInput` (which runs them). */
const noBaskets = args.includes('--no-baskets');
/** Also time the SQL of the rules, the cross-sell sizes and churn (slow on the large demo), checked equal. */
const withSql = args.includes('--sql');
const argOf = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const snapshotDir = argOf('--snapshot-dir') ?? null;
const predictionsOn = argOf('--predictions') ?? 'worker';
if (predictionsOn !== 'worker' && predictionsOn !== 'main') throw new Error('--predictions worker|main');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL');
const { db, close } = await openDatabase({ url });
const logger = createLogger('warn');
const version = await getDataVersion(db);

const t0 = performance.now();
const columns = createCustomerColumns({ db, logger, enabled: true, snapshotDir });
if (!(await columns.ready(version))) throw new Error('the columns did not load');
console.log(`columns of version ${version} loaded in ${Math.round(performance.now() - t0)} ms`);

const [{ last }] = (await queryRows<{ last: string }>(
  db,
  sql`select max(day)::text as last from store_day_mix`,
)) as [{ last: string }];
const period: Period = { from: addDays(last, -14 - (days - 1)), to: addDays(last, -14) };
const [{ city }] = (await queryRows<{ city: string }>(
  db,
  sql`select city from stores group by city order by count(*) desc, city limit 1`,
)) as [{ city: string }];
const [{ store }] = (await queryRows<{ store: string }>(
  db,
  sql`select store_id as store from store_day_mix where day between ${period.from}::date and ${period.to}::date
      group by store_id order by sum(orders) desc, store_id limit 1`,
)) as [{ store: string }];
const runs = await queryRows<{ id: number; as_of_day: string }>(
  db,
  sql`select id, as_of_day::text as as_of_day from model_runs where status = 'ready' and as_of_day is not null
      order by id desc limit 1`,
);
const run = runs[0] ? { id: runs[0].id, asOfDay: runs[0].as_of_day } : null;
console.log(
  `custom range ${period.from}..${period.to}; city ${city}; store ${store}; churn run ${run?.id ?? 'none'}`,
);

const catalog = createStoreCatalog(db);
const scopes = createScopeResolver(db, catalog);
const portrait = createPortraitService({
  db,
  scopes,
  cache: createResultCache({ enabled: false }),
  concurrent: true,
  columns,
});
/** The overview as before the shared scan: its own customer pass, never the suggestions' held scan. */
const portraitTwoScans = createPortraitService({
  db,
  scopes,
  cache: createResultCache({ enabled: false }),
  concurrent: true,
  columns: {
    ...columns,
    figures: (v, p, s) => {
      const rows = columns.customerRows(v);
      return rows && columnsCustomerFigures(rows, p, s);
    },
  },
});
const churn = createChurnProvider(db, { status: async () => ({}) as never }, { service: columns, logger });
/** The longest lateness of a 5 ms timer while `work` runs (what a request arriving meanwhile would wait). */
async function stallsDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; probeMax: number; ms: number; stalls: string; busyMs: number }> {
  let probeMax = 0;
  // The event loop's own busy time (not waiting in its poll): this thread's work, whatever the machine's load.
  const elu = performance.eventLoopUtilization();
  const began = performance.now();
  let expected = began + 5;
  /** Stalls over 50 ms: "at ms: stall ms" (when they happened, to tell the phases apart). */
  const long: string[] = [];
  const probe = setInterval(() => {
    const now = performance.now();
    const late = now - expected;
    probeMax = Math.max(probeMax, late);
    if (late > 50) long.push(`${Math.round(now - began)}: ${Math.round(late)}`);
    expected = now + 5;
  }, 5);
  try {
    const result = await work();
    const ms = Math.round(performance.now() - began);
    const busyMs = Math.round(performance.eventLoopUtilization(elu).active);
    return {
      result,
      probeMax: Math.round(probeMax),
      ms,
      stalls: long.join(', ') || 'none over 50 ms',
      busyMs,
    };
  } finally {
    clearInterval(probe);
  }
}

if (run) {
  const rows = columns.customerRows(version);
  if (!rows) throw new Error('no copy');
  // The machine's own noise: the same probe over 2 s of doing nothing.
  const idle = await stallsDuring(() => new Promise((r) => setTimeout(r, 2000)));
  console.log(
    `event loop doing nothing for 2 s: busy ${idle.busyMs} ms, longest stall ${idle.probeMax} ms (probe; ${idle.stalls})`,
  );
  // The event loop meanwhile: the probe's lateness and the delay histogram.
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const heapBefore = process.memoryUsage();
  const {
    result: p,
    probeMax,
    ms: readMs,
    stalls,
    busyMs,
  } = await stallsDuring(() =>
    predictionsOn === 'main' ? loadChurnPredictions(db, rows, run.id) : churnPredictions(db, rows, run.id),
  );
  histogram.disable();
  const heapAfter = process.memoryUsage();
  const mib = (x: number) => `${(x / 2 ** 20).toFixed(1)} MiB`;
  console.log(
    `churn run ${run.id}: ${p.count} predictions read into the copy on the ${predictionsOn} thread in ${readMs} ms ` +
      `(${mib(p.bytes)}; once per run and copy); event loop meanwhile: busy ${busyMs} ms, longest stall ${Math.round(probeMax)} ms ` +
      `(probe), delay p99 ${Math.round(histogram.percentile(99) / 1e6)} ms / max ${Math.round(histogram.max / 1e6)} ms; ` +
      `rss ${mib(heapAfter.rss - heapBefore.rss)} more, heap ${mib(heapAfter.heapUsed - heapBefore.heapUsed)} more, ` +
      `array buffers ${mib(heapAfter.arrayBuffers - heapBefore.arrayBuffers)} more; stalls (at ms: ms) ${stalls}`,
  );
}

// What the server's read-ahead makes once a copy is in place and a run is served (predictions-read-ahead.ts): the
// chain-wide figures per customer. Imported if present, so the bench also runs on a tree without them (a baseline).
{
  const rows = columns.customerRows(version);
  const pause = () => new Promise<void>((r) => setImmediate(r));
  const chainCustomers = await import('../src/features/customer-columns/chain-customers').catch(() => null);
  const chainStake = await import('../src/features/customer-columns/chain-stake').catch(() => null);
  if (rows && chainCustomers) {
    const { probeMax, ms, busyMs } = await stallsDuring(() =>
      chainCustomers.prepareChainCustomers(rows, pause),
    );
    console.log(
      `chain customers made ahead in ${ms} ms (busy ${busyMs} ms), longest stall ${probeMax} ms (probe)`,
    );
  }
  if (rows && run && chainStake) {
    const asOf = Date.parse(`${run.asOfDay}T00:00:00Z`) / 86_400_000;
    const { probeMax, ms, busyMs } = await stallsDuring(() =>
      chainStake.prepareChainStake(rows, asOf, pause),
    );
    console.log(
      `chain stake made ahead in ${ms} ms (busy ${busyMs} ms), longest stall ${probeMax} ms (probe)`,
    );
  }
}

const cases: { name: string; scope: Scope }[] = [
  { name: 'chain', scope: { ...period, cities: [], stores: [] } },
  { name: `city ${city}`, scope: { ...period, cities: [city], stores: [] } },
  { name: `store ${store}`, scope: { ...period, cities: [], stores: [store] } },
];

/**
 * Times `f` as "wall ms/CPU ms": on a shared, loaded machine the wall time is mostly waiting for a core, while the
 * process's CPU time (user + system, this thread's passes; the database's work is not in it) is what the step costs.
 */
async function timed<T>(out: Record<string, string>, key: string, f: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await f();
  const used = process.cpuUsage(cpu);
  out[key] = `${Math.round(performance.now() - t)}/${Math.round((used.user + used.system) / 1000)}`;
  return r;
}

for (let round = 0; round < rounds; round++)
  for (const { name, scope } of cases) {
    const t: Record<string, string> = {};
    const { stores } = await scopes.resolve(scope, null);
    const overview = await timed(t, 'overview', () => portrait.overview(scope, null));
    const window = findOffPeakWindow(overview.hourly);
    const platform = channelsMask(PLATFORM_CHANNELS);
    const pass = await timed(t, 'suggestionPass', () =>
      columns.suggestionFigures(version, period, stores, {
        overdueFactor: OVERDUE_FACTOR,
        offPeakHours: window ? hourRangeMask(window.fromHour, window.toHour) : null,
        platformBlocked: platform === null ? null : CHANNEL_BITS & ~platform,
      }),
    );
    if (!pass) throw new Error('the suggestions pass did not answer');
    if (run) {
      const fromColumns = await timed(t, 'churnColumns', () => churn.bySegment(run, period, stores, version));
      if (withSql) {
        const bySql = await timed(t, 'churnSql', () =>
          segmentChurn(db, { runId: run.id, asOfDay: run.asOfDay, period, stores }),
        );
        if (!isDeepStrictEqual(fromColumns, bySql))
          throw new Error(`${name}: churn from the columns differs from the SQL`);
      }
    }
    if (!noBaskets) {
      const mined = await timed(t, 'associationRules', () =>
        columns.associationRules(version, period, stores, ASSOCIATION, 12),
      );
      if (!mined) throw new Error('the baskets did not answer the rules');
      const rules = distinctPairs(mined, CROSS_SELL_MAX + 2);
      const sizes = await timed(t, 'crossSell', () => columns.crossSell(version, period, stores, rules));
      if (withSql) {
        const bySql = await timed(t, 'associationRulesSql', () =>
          associationRules(db, period, stores, ASSOCIATION, 12),
        );
        const sizesSql = await timed(t, 'crossSellSql', () => crossSellSummaries(db, period, stores, rules));
        if (!isDeepStrictEqual(mined, bySql) || !isDeepStrictEqual(sizes, sizesSql))
          throw new Error(`${name}: rules or cross-sell from the baskets differ from the SQL`);
      }
    }
    if (noBaskets) {
      console.log(`${name} (round ${round + 1}): ${JSON.stringify(t)}`);
      continue;
    }
    // The whole input as the service gathers it (same services; the overview is computed again: no cache), A/B in
    // turns: the scope scanned once for the overview and the suggestions (`suggestionScan` first), and scanned
    // twice as before (the overview's own pass, then the suggestions'), checked byte-equal.
    const churnOf = run ? (p: Period, s: StoreFilter) => churn.bySegment(run, p, s, version) : null;
    const once = () =>
      timed(t, 'collectEngineInput', () =>
        collectEngineInput(
          { db, portrait, churn: churnOf, columns: { service: columns, version } },
          scope,
          null,
          stores,
        ),
      );
    const twice = () => {
      // A new generation of the suggestions' scratch: nothing held from the other arm.
      suggestionScratch(columns.customerRows(version)!);
      const { suggestionScan: _, ...service } = columns;
      return timed(t, 'collectEngineInputTwoScans', () =>
        collectEngineInput(
          { db, portrait: portraitTwoScans, churn: churnOf, columns: { service, version } },
          scope,
          null,
          stores,
        ),
      );
    };
    let input: Awaited<ReturnType<typeof once>>;
    let before: typeof input;
    if (round % 2 === 0) {
      input = await once();
      before = await twice();
    } else {
      before = await twice();
      input = await once();
    }
    if (JSON.stringify(input) !== JSON.stringify(before))
      throw new Error(`${name}: the engine input with one scan differs from two scans`);
    const drafts = await timed(t, 'engine', () => buildSuggestions(input));
    console.log(`${name} (round ${round + 1}, ${drafts.length} suggestions): ${JSON.stringify(t)}`);
  }
await columns.stop();
await close();
