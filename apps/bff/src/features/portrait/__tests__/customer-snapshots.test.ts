/**
 * The customer KPIs' fast paths (chain-wide lifetime revenue from `customer_month_snapshots`, new and total
 * customers from `customer_summary`) against an independent computation over raw orders, to the cent, for
 * periods starting on a month's first day, its last day, mid-month, before and after the data, and ending
 * before the data's last day (so later months exist); a store scope (the general path) alongside.
 */
import { addDays } from '@portrait/shared/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client';
import { customerFigures, customerFirsts, type Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { readRawOrders } from '../../../__tests__/helpers/raw-data';
import type { RawOrder } from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { loadDemo } from '../../demo/load-demo';

const END = '2025-06-30';

const PERIODS: Period[] = [
  { from: '2025-06-01', to: END },
  { from: '2025-05-31', to: END },
  { from: '2025-03-17', to: '2025-04-30' },
  { from: '2024-11-11', to: '2025-02-03' },
  { from: '2025-01-01', to: '2025-01-01' },
  { from: addDays(END, -364), to: END },
  { from: '2020-01-01', to: '2030-12-31' },
  { from: '2020-01-01', to: '2020-01-31' },
  { from: '2025-07-01', to: '2025-07-31' },
];

/** Active customers, their lifetime cents up to `to` in `stores`, total and new customers — from raw orders. */
function reference(orders: RawOrder[], stores: Set<string> | null, p: Period) {
  const inStores = orders.filter(
    (o) => o.status === 'completed' && o.customerId !== null && (stores === null || stores.has(o.storeId)),
  );
  const active = new Set(inStores.filter((o) => o.day >= p.from && o.day <= p.to).map((o) => o.customerId));
  const firsts = new Map<string, string>();
  for (const o of inStores) {
    const id = o.customerId ?? '';
    const first = firsts.get(id);
    if (first === undefined || o.day < first) firsts.set(id, o.day);
  }
  const firstDays = [...firsts.values()];
  return {
    active: active.size,
    lifetimeCents: inStores
      .filter((o) => o.day <= p.to && active.has(o.customerId))
      .reduce((n, o) => n + o.cents, 0),
    total: firstDays.filter((d) => d <= p.to).length,
    newCustomers: firstDays.filter((d) => d >= p.from && d <= p.to).length,
  };
}

describe.each(databaseKinds())('Customer snapshots against raw orders (%s)', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let orders: RawOrder[];
  let someStores: string[];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    db = database.db;
    await loadDemo(database, { size: 'small', seed: 11, endDate: END });
    orders = await readRawOrders(db);
    someStores = [...new Set(orders.map((o) => o.storeId))].sort().slice(1, 4);
  });
  afterAll(async () => {
    await dispose?.();
  });

  it.each([
    ['the whole chain', null],
    ['three stores', 'some'],
  ] as const)(
    'When %s is asked for any period, Then LTV numerator, new and total customers are exact',
    async (_, which) => {
      const stores: StoreFilter = which === null ? null : someStores;
      for (const p of PERIODS) {
        const want = reference(orders, stores === null ? null : new Set(stores), p);
        const figures = await customerFigures(db, p, stores);
        const firsts = await customerFirsts(db, p, stores);
        const label = `${p.from}..${p.to}`;
        expect(figures.totals.active, label).toBe(want.active);
        expect(Math.round(figures.totals.lifetimeRevenue * 100), label).toBe(want.lifetimeCents);
        expect(firsts, label).toEqual({ total: want.total, newCustomers: want.newCustomers });
      }
    },
  );
});
