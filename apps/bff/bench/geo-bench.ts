/**
 * `tsx bench/geo-bench.ts <postgres url> [--repeat n]`: the geographic heatmap for custom ranges with the result
 * cache off, from the in-memory columns versus the SQL (`storeSales` + `areaCustomers`), on an existing database,
 * READ-ONLY (no migrations, a read-only session; meant for the large demo). Loads the columns once, then for the
 * chain, the city with most stores and one store over 90 and 365 days ending at the last day: the columns' pass
 * alone, the whole service answer with the columns, and with the SQL (alternated), checking both are identical.
 */
import { isDeepStrictEqual } from 'node:util';
import { addDays } from '@portrait/shared/dates';
import type { Scope } from '@portrait/shared/scope';
import { canonicalProvinceName } from '@portrait/shared/provinces';
import { sql } from 'drizzle-orm';
import { openReadReplica } from '../src/db/client';
import { getDataVersion } from '../src/db/queries/data-meta';
import type { StoreArea } from '../src/db/queries/geo';
import { queryRows } from '../src/db/sql';
import { createCustomerColumns } from '../src/features/customer-columns/customer-columns-service';
import { createGeoService } from '../src/features/geo/geo-service';
import { createScopeResolver } from '../src/features/portrait/scope-resolver';
import { createStoreCatalog } from '../src/features/portrait/store-catalog';
import { createLogger } from '../src/lib/logger';
import { createResultCache } from '../src/lib/result-cache';

const args = process.argv.slice(2).filter((a) => a !== '--');
const url = args[0];
if (!url?.startsWith('postgres'))
  throw new Error('usage: tsx bench/geo-bench.ts <postgres url> [--repeat n]');
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 5;
// Every statement of this session is read-only: the bench cannot write to the database it measures.
const readOnly = `${url}${url.includes('?') ? '&' : '?'}options=-c%20default_transaction_read_only%3Don`;
const { db, close } = await openReadReplica(readOnly);
const ms = (t: number) => `${t.toFixed(t < 100 ? 1 : 0)} ms`;
const timed = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
  const began = performance.now();
  const out = await f();
  return [out, performance.now() - began];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

try {
  const version = await getDataVersion(db);
  const columns = createCustomerColumns({ db, logger: createLogger('warn'), enabled: true });
  const [loaded, loadMs] = await timed(() => columns.ready(version));
  if (!loaded) throw new Error('the customer columns did not load');
  const status = columns.status();
  console.log(
    `columns v${version}: ${status?.rows} customer_store_days rows, ${status?.mixRows} store_day_mix rows, ` +
      `${Math.round((status?.bytes ?? 0) / 2 ** 20)} MiB, loaded in ${(loadMs / 1000).toFixed(1)} s`,
  );

  const catalog = createStoreCatalog(db);
  const stores = await catalog.stores(version);
  const [last] = await queryRows<{ day: string }>(db, sql`select max(day)::text as day from store_day_mix`);
  const end = last?.day ?? '';
  const perCity = new Map<string, number>();
  for (const s of stores) perCity.set(s.city, (perCity.get(s.city) ?? 0) + 1);
  const bigCity = [...perCity].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const store = stores.find((s) => s.city === bigCity)?.id ?? '';
  const places: [string, Omit<Scope, 'from' | 'to'>][] = [
    ['chain', { cities: [], stores: [] }],
    [`city ${bigCity} (${perCity.get(bigCity)} stores)`, { cities: [bigCity], stores: [] }],
    [`store ${store}`, { cities: [], stores: [store] }],
  ];

  const resolver = createScopeResolver(db, catalog);
  const off = () => createResultCache({ enabled: false });
  const withColumns = createGeoService({ db, scopes: resolver, cache: off(), columns });
  const sqlOnly = createGeoService({ db, scopes: resolver, cache: off() });

  for (const days of [90, 365])
    for (const [label, place] of places) {
      const scope: Scope = { ...place, from: addDays(end, -(days - 1)), to: end };
      const { stores: filter } = await resolver.resolve(scope, null);
      const inScope = filter === null ? null : new Set(filter);
      const areas: StoreArea[] = stores
        .filter((s) => inScope === null || inScope.has(s.id))
        .map((s) => ({ storeId: s.id, city: s.city, province: canonicalProvinceName(s.province) }));
      const pass: number[] = [];
      const api: number[] = [];
      const viaSql: number[] = [];
      let same = true;
      for (let i = 0; i < repeat; i++) {
        pass.push((await timed(() => columns.geo(version, scope, areas)))[1]);
        const [a, ta] = await timed(() => withColumns.geo(scope, null));
        api.push(ta);
        // The SQL is slow chain-wide: twice is enough for a ratio (alternated with the columns).
        if (i < 2) {
          const [b, tb] = await timed(() => sqlOnly.geo(scope, null));
          viaSql.push(tb);
          same &&= isDeepStrictEqual(a, b);
        }
      }
      console.log(
        `${days} d ${label}: columns pass median ${ms(median(pass))} (max ${ms(Math.max(...pass))}); ` +
          `API with columns median ${ms(median(api))} (max ${ms(Math.max(...api))}); ` +
          `SQL ${viaSql.map(ms).join(', ')}; ${(median(viaSql) / median(api)).toFixed(0)}x; ` +
          `identical: ${same}`,
      );
      if (!same) process.exitCode = 1;
    }
  await columns.stop();
} finally {
  await close();
}
