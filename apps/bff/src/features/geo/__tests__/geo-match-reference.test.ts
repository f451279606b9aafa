/**
 * The heatmap for many scopes of the small demo chain against an independent computation over raw orders, and
 * against the rest of the dashboard: provinces add up to the overview's revenue and orders, their customers cover
 * the active customers, and a province's additive figures are the sum of its cities'.
 */
import { addDays } from '@portrait/shared/dates';
import type { Geo } from '@portrait/shared/geo';
import type { Kpis } from '@portrait/shared/portrait';
import { provinceOf } from '@portrait/shared/provinces';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';

import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { readRawOrders } from '../../../__tests__/helpers/raw-data';
import { referenceGeo, type ReferenceArea, type StoreArea } from '../../../__tests__/helpers/reference-geo';
import type { RawOrder } from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const END = '2025-06-30';

type TestScope = { label: string; from: string; to: string; cities: string[]; stores: string[] };

function query(s: TestScope): string {
  const p = new URLSearchParams({ from: s.from, to: s.to });
  s.cities.forEach((c) => p.append('city', c));
  s.stores.forEach((id) => p.append('store', id));
  return p.toString();
}

function scopesFor(stores: StoreArea[]): TestScope[] {
  const cities = [...new Set(stores.map((s) => s.city))];
  const ids = stores.map((s) => s.id);
  const scopes: TestScope[] = [];
  for (const days of [1, 7, 30, 90, 365])
    scopes.push({ label: `chain ${days}d`, from: addDays(END, 1 - days), to: END, cities: [], stores: [] });
  scopes.push({ label: 'chain custom', from: '2024-11-11', to: '2025-02-03', cities: [], stores: [] });
  for (const city of cities)
    scopes.push({ label: `city ${city} 90d`, from: addDays(END, -89), to: END, cities: [city], stores: [] });
  scopes.push({
    label: 'two cities 30d',
    from: addDays(END, -29),
    to: END,
    cities: cities.slice(0, 2),
    stores: [],
  });
  scopes.push({
    label: 'one store 7d',
    from: addDays(END, -6),
    to: END,
    cities: [],
    stores: ids.slice(0, 1),
  });
  scopes.push({
    label: 'stores custom',
    from: '2025-01-15',
    to: '2025-04-02',
    cities: [],
    stores: ids.slice(2, 5),
  });
  scopes.push({ label: 'before the data', from: '2020-01-01', to: '2020-01-31', cities: [], stores: [] });
  return scopes;
}

describe.each(databaseKinds())('Geographic heatmap against an independent computation (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;
  let orders: RawOrder[];
  let stores: StoreArea[];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    orders = await readRawOrders(database.db);
    const rows = await queryRows<{ id: string; city: string; province: string }>(
      database.db,
      sql`select s.id, s.city, c.province from stores s join cities c on c.name = s.city order by s.id`,
    );
    // The demo spells provinces in full (上海市, 浙江省): the API reports them under the same official names.
    stores = rows.map((r) => ({ ...r, province: provinceOf(r.province)?.name ?? `unknown ${r.province}` }));
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  const storesOf = (s: TestScope): Set<string> | null => {
    if (s.stores.length > 0) return new Set(s.stores);
    if (s.cities.length > 0) return new Set(stores.filter((x) => s.cities.includes(x.city)).map((x) => x.id));
    return null;
  };

  it('When any scope is asked for, Then every province and city equals the reference', async () => {
    for (const s of scopesFor(stores)) {
      const geo = await getData<Geo>(server.api, `/api/v1/portrait/geo?${query(s)}`);
      const ref = referenceGeo(orders, stores, storesOf(s), s.from, s.to);
      const check = (label: string, got: Geo['provinces'][number] | undefined, want: ReferenceArea) => {
        expect(got, label).toBeDefined();
        expect(got?.customers, `${label} customers`).toBe(want.customers);
        expect(got?.orders, `${label} orders`).toBe(want.orders);
        expect(got?.revenue, `${label} revenue`).toBeCloseTo(want.revenueCents / 100, 6);
        if (want.customers === 0) expect(got?.ltv, `${label} ltv`).toBeNull();
        else
          expect(got?.ltv, `${label} ltv`).toBeCloseTo(
            Math.round(want.lifetimeCents / want.customers) / 100,
            6,
          );
      };
      expect(geo.provinces.map((p) => p.province).sort(), s.label).toEqual([...ref.provinces.keys()].sort());
      expect(geo.cities.map((c) => c.city).sort(), s.label).toEqual([...ref.cities.keys()].sort());
      for (const [name, want] of ref.provinces)
        check(
          `${s.label} ${name}`,
          geo.provinces.find((p) => p.province === name),
          want,
        );
      for (const [name, want] of ref.cities)
        check(
          `${s.label} ${name}`,
          geo.cities.find((c) => c.city === name),
          want,
        );
    }
  });

  it('When compared with the KPIs of the same scope, Then provinces add up and cover the active customers', async () => {
    for (const s of scopesFor(stores)) {
      const q = query(s);
      const geo = await getData<Geo>(server.api, `/api/v1/portrait/geo?${q}`);
      const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${q}`);
      const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((acc, r) => acc + f(r), 0);
      expect(
        sum(geo.provinces, (p) => p.revenue),
        s.label,
      ).toBeCloseTo(kpis.revenue.value ?? 0, 4);
      expect(
        sum(geo.provinces, (p) => p.orders),
        s.label,
      ).toBe(kpis.orders.value);
      expect(
        sum(geo.provinces, (p) => p.customers),
        s.label,
      ).toBeGreaterThanOrEqual(kpis.activeCustomers.value ?? 0);
      for (const province of geo.provinces) {
        const cities = geo.cities.filter((c) => c.province === province.province);
        expect(
          sum(cities, (c) => c.orders),
          `${s.label} ${province.province}`,
        ).toBe(province.orders);
        expect(
          sum(cities, (c) => c.revenue),
          `${s.label} ${province.province}`,
        ).toBeCloseTo(province.revenue, 4);
        expect(sum(cities, (c) => c.customers)).toBeGreaterThanOrEqual(province.customers);
      }
      // One province: it is the whole scope, so its customers and LTV are the KPIs'.
      if (geo.provinces.length === 1) {
        expect(geo.provinces[0]?.customers, s.label).toBe(kpis.activeCustomers.value);
        expect(geo.provinces[0]?.ltv, s.label).toBe(kpis.ltv.value);
      }
    }
  });

  it('When the demo chain is mapped, Then every province is one of the 34 and every city has coordinates', async () => {
    const geo = await getData<Geo>(server.api, `/api/v1/portrait/geo?from=${addDays(END, -29)}&to=${END}`);
    for (const p of geo.provinces) expect(provinceOf(p.province), p.province).not.toBeNull();
    for (const c of geo.cities) {
      expect(c.lat, c.city).toEqual(expect.any(Number));
      expect(c.lng, c.city).toEqual(expect.any(Number));
    }
  });
});
