/**
 * Every panel, for many scopes of the small demo chain, against the independent reference computation over
 * raw orders — and the invariants that make panels agree with each other (PRODUCT §6).
 */
import { addDays } from '@portrait/shared/dates';
import type { Channels, HourRow, Kpis, SegmentRow, TopProductRow } from '@portrait/shared/portrait';
import { SEGMENT_KEYS } from '@portrait/shared/segments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../demo/load-demo';

import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { readRawItems, readRawOrders, readStoreCities } from '../../../__tests__/helpers/raw-data';
import {
  referenceFigures,
  referenceHourly,
  referencePrevious,
  referenceProductQuantities,
  referenceSegments,
  type RawItem,
  type RawOrder,
} from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const END = '2025-06-30';

type TestScope = { label: string; from: string; to: string; cities: string[]; stores: string[] };

function query(s: TestScope): string {
  const p = new URLSearchParams({ from: s.from, to: s.to });
  s.cities.forEach((c) => p.append('city', c));
  s.stores.forEach((id) => p.append('store', id));
  return p.toString();
}

/** A fixed, varied set of scopes: presets on the whole chain, each city, store subsets, odd custom ranges. */
function scopesFor(storeCities: { id: string; city: string }[]): TestScope[] {
  const cities = [...new Set(storeCities.map((s) => s.city))];
  const scopes: TestScope[] = [];
  for (const days of [1, 7, 30, 90, 365])
    scopes.push({ label: `chain ${days}d`, from: addDays(END, 1 - days), to: END, cities: [], stores: [] });
  scopes.push({ label: 'chain custom', from: '2024-11-11', to: '2025-02-03', cities: [], stores: [] });
  for (const city of cities)
    scopes.push({ label: `city ${city} 30d`, from: addDays(END, -29), to: END, cities: [city], stores: [] });
  scopes.push({
    label: 'two cities 90d',
    from: addDays(END, -89),
    to: END,
    cities: cities.slice(0, 2),
    stores: [],
  });
  const ids = storeCities.map((s) => s.id);
  scopes.push({
    label: 'one store 7d',
    from: addDays(END, -6),
    to: END,
    cities: [],
    stores: ids.slice(0, 1),
  });
  scopes.push({
    label: 'three stores custom',
    from: '2025-01-15',
    to: '2025-04-02',
    cities: [],
    stores: ids.slice(2, 5),
  });
  scopes.push({ label: 'before the data', from: '2020-01-01', to: '2020-01-31', cities: [], stores: [] });
  return scopes;
}

describe.each(databaseKinds())('Portrait panels against an independent computation (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;
  let orders: RawOrder[];
  let items: RawItem[];
  let storeCities: { id: string; city: string }[];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    orders = await readRawOrders(database.db);
    items = await readRawItems(database.db);
    storeCities = await readStoreCities(database.db);
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  const storesOf = (s: TestScope): Set<string> | null => {
    if (s.stores.length > 0) return new Set(s.stores);
    if (s.cities.length > 0)
      return new Set(storeCities.filter((x) => s.cities.includes(x.city)).map((x) => x.id));
    return null;
  };

  it('When any scope is asked for, Then KPIs and their previous period equal the reference', async () => {
    for (const s of scopesFor(storeCities)) {
      const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${query(s)}`);
      const expected = referenceFigures(orders, storesOf(s), s.from, s.to);
      const previous = referencePrevious(orders, storesOf(s), s.from, s.to);
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        const [want, wantPrevious] = [expected[key], previous[key]];
        if (want === null) expect(kpis[key].value, `${s.label} ${key}`).toBeNull();
        else expect(kpis[key].value, `${s.label} ${key}`).toBeCloseTo(want, 6);
        if (wantPrevious === null) expect(kpis[key].previous, `${s.label} previous ${key}`).toBeNull();
        else expect(kpis[key].previous, `${s.label} previous ${key}`).toBeCloseTo(wantPrevious, 6);
      }
    }
  });

  it('When any scope is asked for, Then segments, hours and products equal the reference', async () => {
    for (const s of scopesFor(storeCities)) {
      const q = query(s);
      const stores = storesOf(s);
      const segments = await getData<SegmentRow[]>(server.api, `/api/v1/portrait/segments?${q}`);
      const refSegments = referenceSegments(orders, stores, s.from, s.to);
      for (const key of SEGMENT_KEYS) {
        const row = segments.find((r) => r.key === key);
        expect(row?.count, `${s.label} ${key}`).toBe(refSegments.get(key)?.count ?? 0);
        expect(row?.revenue, `${s.label} ${key} revenue`).toBeCloseTo(
          (refSegments.get(key)?.cents ?? 0) / 100,
          6,
        );
      }
      const hourly = await getData<HourRow[]>(server.api, `/api/v1/portrait/hourly?${q}`);
      const refHourly = referenceHourly(orders, stores, s.from, s.to);
      expect(hourly.map((h) => [h.hour, h.orders, h.customers])).toEqual(
        refHourly.map((h) => [h.hour, h.orders, h.customers]),
      );
      const top = await getData<TopProductRow[]>(server.api, `/api/v1/portrait/top-products?${q}`);
      const refProducts = referenceProductQuantities(orders, items, stores, s.from, s.to);
      const refTop = [...refProducts.entries()]
        .sort((a, b) => b[1].quantity - a[1].quantity || a[0].localeCompare(b[0]))
        .slice(0, 10);
      expect(top.map((p) => [p.productId, p.quantity])).toEqual(refTop.map(([id, p]) => [id, p.quantity]));
    }
  });

  it('When panels are compared, Then segments sum to active customers and hours and channels sum to orders', async () => {
    for (const s of scopesFor(storeCities)) {
      const q = query(s);
      const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${q}`);
      const segments = await getData<SegmentRow[]>(server.api, `/api/v1/portrait/segments?${q}`);
      const hourly = await getData<HourRow[]>(server.api, `/api/v1/portrait/hourly?${q}`);
      const mix = await getData<Channels>(server.api, `/api/v1/portrait/channels?${q}`);
      const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((acc, r) => acc + f(r), 0);
      expect(
        sum(segments, (r) => r.count),
        s.label,
      ).toBe(kpis.activeCustomers.value);
      expect(
        sum(hourly, (r) => r.orders),
        s.label,
      ).toBe(kpis.orders.value);
      expect(
        sum(hourly, (r) => r.revenue),
        s.label,
      ).toBeCloseTo(kpis.revenue.value ?? 0, 4);
      expect(
        sum(mix.byChannel, (r) => r.orders),
        s.label,
      ).toBe(kpis.orders.value);
      expect(
        sum(mix.byOrderType, (r) => r.orders),
        s.label,
      ).toBe(kpis.orders.value);
      expect(sum(segments, (r) => r.revenue)).toBeLessThanOrEqual((kpis.revenue.value ?? 0) + 0.001);
    }
  });

  it('When a city is compared with its stores, Then every additive figure is the sum of its stores', async () => {
    const from = addDays(END, -89);
    for (const city of new Set(storeCities.map((s) => s.city))) {
      const cityQ = query({ label: city, from, to: END, cities: [city], stores: [] });
      const cityKpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${cityQ}`);
      const cityHours = await getData<HourRow[]>(server.api, `/api/v1/portrait/hourly?${cityQ}`);
      let orders = 0;
      let revenue = 0;
      const hours = new Array<number>(24).fill(0);
      for (const store of storeCities.filter((s) => s.city === city)) {
        const q = query({ label: store.id, from, to: END, cities: [], stores: [store.id] });
        const k = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${q}`);
        orders += k.orders.value ?? 0;
        revenue += k.revenue.value ?? 0;
        (await getData<HourRow[]>(server.api, `/api/v1/portrait/hourly?${q}`)).forEach(
          (h) => (hours[h.hour]! += h.orders),
        );
      }
      expect(cityKpis.orders.value, city).toBe(orders);
      expect(cityKpis.revenue.value, city).toBeCloseTo(revenue, 4);
      expect(
        cityHours.map((h) => h.orders),
        city,
      ).toEqual(hours);
    }
  });

  it('When a range is split in two, Then orders and revenue add up, and previous equals the shifted range', async () => {
    const whole = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?from=2025-03-01&to=2025-04-29`);
    const first = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?from=2025-03-01&to=2025-03-30`);
    const second = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?from=2025-03-31&to=2025-04-29`);
    expect((first.orders.value ?? 0) + (second.orders.value ?? 0)).toBe(whole.orders.value);
    expect((first.revenue.value ?? 0) + (second.revenue.value ?? 0)).toBeCloseTo(whole.revenue.value ?? 0, 4);
    // The previous period of 03-31..04-29 is 03-01..03-30: every KPI's `previous` must equal that range's value.
    for (const key of Object.keys(second) as (keyof Kpis)[])
      expect(second[key].previous, key).toBe(first[key].value);
  });
});
