/**
 * The hour and channel / order-type masks of `customer_store_days` (issue 9): right on a hand-built chain (bits
 * worked out by hand below), the same when migration 0012 fills an existing database as when they are built
 * fresh, and the hourly and channel panels' distinct customers they give equal to the PRODUCT §4 definition
 * computed from raw orders (labels outside the known channels / order types included).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../../db/client';
import { channelMix, hourlyFigures } from '../../../db/queries/portrait-mix';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { queryRows } from '../../../db/sql';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { tableSnapshot } from '../../../__tests__/helpers/import-files';
import { readRawOrders } from '../../../__tests__/helpers/raw-data';
import { scopedCustomerOrders, type RawOrder } from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { loadDemo } from '../../demo/load-demo';

const chain: FixtureChain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [
    { id: 'A', name: '西湖店', city: '杭州' },
    { id: 'B', name: '滨江店', city: '杭州' },
  ],
  products: [],
  orders: [
    { id: 'o1', customerId: 'c1', storeId: 'A', at: '2025-03-02 12:10', amount: 10 },
    {
      id: 'o2',
      customerId: 'c1',
      storeId: 'A',
      at: '2025-03-02 18:30',
      amount: 10,
      channel: 'meituan',
      orderType: 'delivery',
    },
    { id: 'o3', customerId: 'c1', storeId: 'A', at: '2025-03-02 19:00', amount: 10, status: 'cancelled' },
    {
      id: 'o4',
      customerId: 'c1',
      storeId: 'B',
      at: '2025-03-02 08:05',
      amount: 10,
      channel: 'web',
      orderType: null,
    },
    {
      id: 'o5',
      customerId: 'c2',
      storeId: 'A',
      at: '2025-03-03 00:20',
      amount: 10,
      channel: 'eleme',
      orderType: 'pickup',
    },
    {
      id: 'o6',
      customerId: 'c2',
      storeId: 'A',
      at: '2025-03-03 23:50',
      amount: 10,
      channel: 'mini_program',
      orderType: null,
    },
    { id: 'o7', customerId: null, storeId: 'A', at: '2025-03-03 10:00', amount: 10 },
    { id: 'o8', customerId: 'c3', storeId: 'B', at: '2025-03-04 12:40', amount: 10, channel: 'web' },
    { id: 'o9', customerId: 'c2', storeId: 'B', at: '2025-03-04 12:00', amount: 10, orderType: 'delivery' },
    { id: 'o10', customerId: 'c3', storeId: 'A', at: '2025-03-04 15:00', amount: 10, orderType: 'catering' },
  ],
};

// Bits: channel pos 1, mini_program 2, meituan 4, eleme 8, other 16; order type dine_in 32, delivery 64,
// pickup 128, unknown (null) 256, other 512. Default fixture order: pos, dine_in. o3 is cancelled, o7 a guest.
const MASKS = [
  // o1 12h pos dine_in + o2 18h meituan delivery
  { day: '2025-03-02', store: 'A', customer: 'c1', hours: 2 ** 12 + 2 ** 18, mix: 1 + 4 + 32 + 64 },
  // o4 8h web, null
  { day: '2025-03-02', store: 'B', customer: 'c1', hours: 2 ** 8, mix: 16 + 256 },
  // o5 0h eleme pickup + o6 23h mini_program null
  { day: '2025-03-03', store: 'A', customer: 'c2', hours: 2 ** 0 + 2 ** 23, mix: 8 + 2 + 128 + 256 },
  // o10 15h pos catering
  { day: '2025-03-04', store: 'A', customer: 'c3', hours: 2 ** 15, mix: 1 + 512 },
  // o9 12h pos delivery
  { day: '2025-03-04', store: 'B', customer: 'c2', hours: 2 ** 12, mix: 1 + 64 },
  // o8 12h web dine_in
  { day: '2025-03-04', store: 'B', customer: 'c3', hours: 2 ** 12, mix: 16 + 32 },
];

type Counts = Record<string, [orders: number, customers: number]>;

// Hand-counted [orders, distinct customers] per key.
const EXPECTED: {
  label: string;
  p: Period;
  stores: StoreFilter;
  hours: Counts;
  channels: Counts;
  types: Counts;
}[] = [
  {
    label: 'chain 03-01..03-04',
    p: { from: '2025-03-01', to: '2025-03-04' },
    stores: null,
    hours: { 0: [1, 1], 8: [1, 1], 10: [1, 0], 12: [3, 3], 15: [1, 1], 18: [1, 1], 23: [1, 1] },
    channels: { pos: [4, 3], web: [2, 2], meituan: [1, 1], eleme: [1, 1], mini_program: [1, 1] },
    types: { dine_in: [3, 2], delivery: [2, 2], unknown: [2, 2], pickup: [1, 1], catering: [1, 1] },
  },
  {
    // Chain-wide the scan starts at the month's first day: c1's 03-02 rows must not count.
    label: 'chain 03-03..03-04',
    p: { from: '2025-03-03', to: '2025-03-04' },
    stores: null,
    hours: { 0: [1, 1], 10: [1, 0], 12: [2, 2], 15: [1, 1], 23: [1, 1] },
    channels: { pos: [3, 2], eleme: [1, 1], mini_program: [1, 1], web: [1, 1] },
    types: { dine_in: [2, 1], delivery: [1, 1], unknown: [1, 1], pickup: [1, 1], catering: [1, 1] },
  },
  {
    label: 'store B 03-01..03-04',
    p: { from: '2025-03-01', to: '2025-03-04' },
    stores: ['B'],
    hours: { 8: [1, 1], 12: [2, 2] },
    channels: { web: [2, 2], pos: [1, 1] },
    types: { unknown: [1, 1], dine_in: [1, 1], delivery: [1, 1] },
  },
];

/** Puts the database back to before migration 0012 (no mask columns) and runs that migration's statements. */
async function rerunMigration(db: Db): Promise<void> {
  const file = path.resolve(import.meta.dirname, '../../../../drizzle/0012_customer_store_day_masks.sql');
  await db.execute(sql`alter table customer_store_days drop column hour_mask, drop column mix_mask`);
  for (const statement of readFileSync(file, 'utf8').split('--> statement-breakpoint'))
    await db.execute(sql.raw(statement));
}

async function expectMigrationEqualsBuild(db: Db): Promise<void> {
  const built = await tableSnapshot(db, 'customer_store_days');
  await rerunMigration(db);
  expect(await tableSnapshot(db, 'customer_store_days')).toEqual(built);
}

describe.each(databaseKinds())('customer_store_days masks on a hand-built chain (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, chain);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When the derived tables are built, Then every customer-store-day carries its hours and mix', async () => {
    const rows = await queryRows<{
      day: string;
      store: string;
      customer: string;
      hours: number;
      mix: number;
    }>(
      database.db,
      sql`select day::text as day, store_id as store, customer_id as customer, hour_mask as hours, mix_mask as mix
          from customer_store_days order by day, store_id, customer_id`,
    );
    expect(rows.map((r) => ({ ...r, hours: Number(r.hours), mix: Number(r.mix) }))).toEqual(MASKS);
  });

  it.each(EXPECTED)(
    'When $label is asked for, Then hourly and channel customers are the hand counts',
    async (e) => {
      const hours = await hourlyFigures(database.db, e.p, e.stores);
      expect(Object.fromEntries(hours.map((h) => [h.hour, [h.orders, h.customers]]))).toEqual(e.hours);
      const mix = await channelMix(database.db, e.p, e.stores);
      const counts = (rows: typeof mix.byChannel) =>
        Object.fromEntries(rows.map((r) => [r.key, [r.orders, r.customers]]));
      expect(counts(mix.byChannel)).toEqual(e.channels);
      expect(counts(mix.byOrderType)).toEqual(e.types);
    },
  );

  it('When migration 0012 fills the existing rows, Then they equal the fresh build', async () => {
    await expectMigrationEqualsBuild(database.db);
  });
});

const END = '2025-06-30';
const PERIODS: Period[] = [
  { from: '2025-06-01', to: END },
  { from: '2025-03-17', to: '2025-04-30' },
  { from: '2024-11-11', to: '2025-02-03' },
  { from: '2024-07-01', to: END },
  { from: '2025-07-01', to: '2025-07-31' },
];

/** PRODUCT §4 from raw orders: distinct identified customers with a completed order per hour, channel, type. */
function reference(orders: RawOrder[], p: Period, stores: Set<string> | null) {
  const sets = { hours: new Map<string, Set<string>>(), channels: new Map(), types: new Map() };
  const add = (m: Map<string, Set<string>>, key: string, id: string) =>
    m.set(key, (m.get(key) ?? new Set()).add(id));
  for (const o of scopedCustomerOrders(orders, stores, p.from, p.to)) {
    add(sets.hours, String(o.hour), o.customerId);
    add(sets.channels, o.channel, o.customerId);
    add(sets.types, o.orderType ?? 'unknown', o.customerId);
  }
  const sizes = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, s]) => [k, s.size]));
  return { hours: sizes(sets.hours), channels: sizes(sets.channels), types: sizes(sets.types) };
}

describe.each(databaseKinds())('customer_store_days masks on the small demo (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let orders: RawOrder[];
  let someStores: string[];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 5, endDate: END });
    orders = await readRawOrders(database.db);
    someStores = [...new Set(orders.map((o) => o.storeId))].sort().slice(2, 5);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it.each([
    ['the whole chain', null],
    ['three stores', 'some'],
  ] as const)(
    'When %s is asked for any period, Then hour and channel customers equal raw orders',
    async (_, which) => {
      const stores: StoreFilter = which === null ? null : someStores;
      for (const p of PERIODS) {
        const want = reference(orders, p, stores === null ? null : new Set(stores));
        const hours = await hourlyFigures(database.db, p, stores);
        const mix = await channelMix(database.db, p, stores);
        const got = (rows: { key: string; customers: number }[]) =>
          Object.fromEntries(rows.filter((r) => r.customers > 0).map((r) => [r.key, r.customers]));
        const label = `${p.from}..${p.to}`;
        expect(got(hours.map((h) => ({ key: String(h.hour), customers: h.customers }))), label).toEqual(
          want.hours,
        );
        expect(got(mix.byChannel), label).toEqual(want.channels);
        expect(got(mix.byOrderType), label).toEqual(want.types);
      }
    },
  );

  it('When migration 0012 fills an existing demo database, Then customer_store_days equals the fresh build', async () => {
    await expectMigrationEqualsBuild(database.db);
  });
});
