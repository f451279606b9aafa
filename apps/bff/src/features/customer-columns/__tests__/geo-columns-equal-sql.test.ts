/**
 * The in-memory columns answer the geographic heatmap's two queries (`storeSales`, `areaCustomers`) exactly as the
 * SQL does, and the heatmap built from them is the SQL path's, on the small demo for the chain, every city, a
 * province, one store, several stores across cities, a store without rows and no stores, over the preset lengths
 * (1, 7, 30, 90, 365 days), custom ranges, before, across and after the data, and empty (from > to) — on PGlite
 * and on PostgreSQL. Every number must be the same double.
 */
import { addDays } from '@portrait/shared/dates';
import type { Scope } from '@portrait/shared/scope';
import { canonicalProvinceName } from '@portrait/shared/provinces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { areaCustomers, storeSales, type AreaCustomers, type StoreArea } from '../../../db/queries/geo';
import type { Period } from '../../../db/queries/portrait';
import { createLogger } from '../../../lib/logger';
import { createResultCache } from '../../../lib/result-cache';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { loadDemo } from '../../demo/load-demo';
import { createGeoService } from '../../geo/geo-service';
import { createScopeResolver } from '../../portrait/scope-resolver';
import { createStoreCatalog } from '../../portrait/store-catalog';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';

const END = '2025-06-30';

const PERIODS: Period[] = [
  { from: END, to: END },
  { from: addDays(END, -6), to: END },
  { from: addDays(END, -29), to: END },
  { from: addDays(END, -89), to: END },
  { from: addDays(END, -364), to: END },
  { from: '2025-06-01', to: END },
  { from: '2025-03-17', to: '2025-04-30' },
  { from: '2024-11-11', to: '2025-02-03' },
  { from: '2025-01-01', to: '2025-01-01' },
  { from: '2020-01-01', to: '2030-12-31' },
  { from: '2020-01-01', to: '2020-01-31' },
  { from: '2025-07-01', to: '2025-07-31' },
  { from: '2025-05-10', to: '2025-05-01' },
];

const byStore = <T extends { storeId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.storeId.localeCompare(b.storeId));
const byArea = (rows: AreaCustomers[]) =>
  [...rows].sort((a, b) =>
    `${a.level}|${a.province}|${a.city}`.localeCompare(`${b.level}|${b.province}|${b.city}`),
  );

describe.each(databaseKinds())(
  'Geo figures from the columns equal the SQL on the small demo (%s)',
  (kind) => {
    let db: Db;
    let dispose: () => Promise<void>;
    let columns: CustomerColumnsService;
    let version: number;
    let all: StoreArea[] = [];
    const areaSets: [string, StoreArea[]][] = [];
    const scopes: [string, Omit<Scope, 'from' | 'to'>][] = [];

    beforeAll(async () => {
      const database = await openTestDatabase(kind);
      dispose = database.dispose;
      db = database.db;
      await loadDemo(database, { size: 'small', seed: 11, endDate: END });
      version = await getDataVersion(db);
      columns = createCustomerColumns({ db, logger: createLogger('silent'), enabled: true });
      expect(await columns.ready(version)).toBe(true);
      const stores = await createStoreCatalog(db).stores(version);
      all = stores.map((s) => ({ storeId: s.id, city: s.city, province: canonicalProvinceName(s.province) }));
      const cities = [...new Set(all.map((a) => a.city))];
      const province = all[0]?.province ?? '';
      areaSets.push(
        ['the chain', all],
        ...cities.map((c): [string, StoreArea[]] => [c, all.filter((a) => a.city === c)]),
        ['a province', all.filter((a) => a.province === province)],
        ['one store', all.slice(0, 1)],
        ['stores across cities', [all[0]!, all[all.length - 1]!, all[Math.floor(all.length / 2)]!]],
        ['a store without rows', [{ storeId: 'NO-SUCH-STORE', city: 'Nowhere', province: 'Nowhere' }]],
        ['no stores', []],
      );
      scopes.push(
        ['the chain', { cities: [], stores: [] }],
        ['two cities', { cities: cities.slice(0, 2), stores: [] }],
        ['one store', { cities: [], stores: [all[1]!.storeId] }],
        ['stores across cities', { cities: [], stores: [all[0]!.storeId, all[all.length - 1]!.storeId] }],
      );
    });
    afterAll(async () => {
      await columns?.stop();
      await dispose?.();
    });

    it('When any areas and period are asked, Then the columns give the SQL store sales and area customers', async () => {
      let compared = 0;
      let customers = 0;
      for (const [label, areas] of areaSets)
        for (const p of PERIODS) {
          const at = `${label} ${p.from}..${p.to}`;
          const fromColumns = columns.geo(version, p, areas);
          expect(fromColumns, at).not.toBeNull();
          const ids = areas.map((a) => a.storeId);
          const sales = await storeSales(db, p, ids);
          expect(byStore(fromColumns!.sales), at).toEqual(byStore(sales));
          expect(byArea(fromColumns!.customers), at).toEqual(byArea(await areaCustomers(db, p, areas)));
          customers += fromColumns!.customers.length;
          compared++;
        }
      expect(compared).toBe(areaSets.length * PERIODS.length);
      expect(customers).toBeGreaterThan(0);
    });

    it('When any scope and period is asked, Then the heatmap from the columns is the SQL heatmap', async () => {
      const resolver = createScopeResolver(db, createStoreCatalog(db));
      const cache = () => createResultCache({ enabled: false });
      const withColumns = createGeoService({ db, scopes: resolver, cache: cache(), columns });
      const sqlOnly = createGeoService({ db, scopes: resolver, cache: cache() });
      let answered = 0;
      const counting = {
        geo: (...args: Parameters<CustomerColumnsService['geo']>) => {
          const answer = columns.geo(...args);
          if (answer) answered++;
          return answer;
        },
      };
      const counted = createGeoService({ db, scopes: resolver, cache: cache(), columns: counting });
      for (const [label, s] of scopes)
        for (const p of PERIODS) {
          const scope: Scope = { ...s, ...p };
          const at = `${label} ${p.from}..${p.to}`;
          const want = await sqlOnly.geo(scope, null);
          expect(await withColumns.geo(scope, null), at).toEqual(want);
          expect(await counted.geo(scope, null), at).toEqual(want);
        }
      expect(answered).toBe(scopes.length * PERIODS.length);
    });

    it('When a request names another data version, Then the columns do not answer (the SQL does)', () => {
      expect(columns.geo(version - 1, PERIODS[0]!, all)).toBeNull();
    });
  },
);
