/**
 * `tsx bench/basket-bench.ts --url postgres://…/db [--rounds 2] [--thread worker|main]`: the association rules and
 * the cross-sell sizes of the suggestions, SQL against the in-memory columns' order baskets, for a custom 90-day
 * range (ending two weeks before the data's last day) chain-wide, for the city with the most stores and for the
 * busiest store (and the chain's last 30 days). Loads the columns first and prints the load time, the copy's
 * bytes and the baskets' share; checks each columns answer equals the SQL's. Opened like a read replica (no
 * migrations, nothing written), so it may run against a database it must only read.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import os from 'node:os';
import { openReadReplica } from '../src/db/client';
import { getDataVersion } from '../src/db/queries/data-meta';
import type { Period } from '../src/db/queries/portrait';
import type { StoreFilter } from '../src/db/queries/scope-sql';
import { associationRules } from '../src/db/queries/suggestion-aggregates';
import { crossSellSummaries } from '../src/db/queries/suggestion-targets';
import { createCustomerColumns } from '../src/features/customer-columns/customer-columns-service';
import { distinctPairs } from '../src/features/suggestions/engine-input';
import { ASSOCIATION, CROSS_SELL_MAX } from '../src/features/suggestions/parameters';
import { createLogger } from '../src/lib/logger';
import { addDays } from '@portrait/shared/dates';
import { suggestionBenchScopes } from './suggestion-bench-scopes';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.DATABASE_URL },
    rounds: { type: 'string', default: '1' },
    thread: { type: 'string', default: 'worker' },
    'skip-sql': { type: 'boolean', default: false },
  },
});
if (!values.url) throw new Error('give --url or DATABASE_URL (PostgreSQL)');
const { db, close } = await openReadReplica(values.url);
const version = await getDataVersion(db);
const columns = createCustomerColumns({
  db,
  logger: createLogger('warn'),
  enabled: true,
  thread: values.thread === 'main' ? 'main' : 'worker',
});
const load = (() =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' '))();
const began = performance.now();
if (!(await columns.ready(version))) throw new Error('the columns did not load');
const status = columns.status()!;
const mb = (b: number) => (b / 2 ** 20).toFixed(1);
console.log(
  `columns loaded in ${Math.round(performance.now() - began)} ms (load avg before ${load}): ` +
    `${mb(status.bytes)} MiB, of which baskets ${status.baskets ? mb(status.baskets.bytes) : '-'} MiB ` +
    `(${status.baskets?.orders} orders, ${status.baskets?.lines} lines, read and laid out in ${status.basketsMs} ms); ` +
    `rss ${mb(process.memoryUsage().rss)} MiB`,
);

const { last, cityStores, store } = await suggestionBenchScopes(db);
const custom: Period = { from: addDays(last, -14 - 89), to: addDays(last, -14) };
const scopes: { name: string; p: Period; stores: StoreFilter }[] = [
  { name: 'chainCustom90', p: custom, stores: null },
  { name: `cityCustom90 (${cityStores.length} stores)`, p: custom, stores: cityStores },
  { name: `storeCustom90 ${store}`, p: custom, stores: [store] },
  { name: 'chain30', p: { from: addDays(last, -29), to: last }, stores: null },
];

/** Wall time, and for the columns (synchronous, this thread) also the process's CPU time: the machine is shared. */
async function timed<T>(out: Record<string, number>, key: string, f: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await f();
  out[key] = Math.round((performance.now() - t) * 10) / 10;
  if (key.includes('columns')) {
    const used = process.cpuUsage(cpu);
    out[`${key} cpu`] = Math.round((used.user + used.system) / 100) / 10;
  }
  return r;
}

for (let round = 0; round < Number(values.rounds); round++)
  for (const { name, p, stores } of scopes) {
    const t: Record<string, number> = {};
    const fast = await timed(t, 'rules(columns)', () =>
      columns.associationRules(version, p, stores, ASSOCIATION, 12),
    );
    if (!fast) throw new Error('the columns did not answer the rules');
    const pairs = distinctPairs(fast, CROSS_SELL_MAX + 2);
    const sizes = await timed(t, `crossSell x${pairs.length}(columns)`, () =>
      columns.crossSell(version, p, stores, pairs),
    );
    let same = 'not checked';
    if (!values['skip-sql']) {
      const slow = await timed(t, 'rules(SQL)', () => associationRules(db, p, stores, ASSOCIATION, 12));
      const slowSizes = await timed(t, `crossSell x${pairs.length}(SQL)`, () =>
        crossSellSummaries(db, p, stores, pairs),
      );
      same = isDeepStrictEqual(fast, slow) && isDeepStrictEqual(sizes, slowSizes) ? 'equal' : 'DIFFERENT';
    }
    console.log(
      `${name} ${p.from}..${p.to}: ${JSON.stringify(t)} answers ${same}; load avg ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
await columns.stop();
await close();
