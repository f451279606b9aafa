/**
 * The off-peak and platform-only targets read the hour and channel masks of `customer_store_days` instead of every
 * order (chain-wide on the large demo one off-peak target took minutes). Their members must be exactly the
 * customers the rules define over raw orders, for any window, channel list, period and stores.
 */
import type { CustomTarget } from '@portrait/shared/suggestions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawOrders } from '../../../__tests__/helpers/raw-data';
import { scopedCustomerOrders, type RawOrder } from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { targetMembersSql } from '../../../db/queries/suggestion-targets';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';

const END = '2025-06-30';
const PERIODS: Period[] = [
  { from: '2025-06-01', to: END },
  { from: '2024-11-11', to: '2025-02-03' },
  { from: '2024-07-01', to: END },
];

const TARGETS: CustomTarget[] = [
  { rule: 'off_peak', fromHour: 14, toHour: 17 },
  { rule: 'off_peak', fromHour: 0, toHour: 23 },
  { rule: 'off_peak', fromHour: 22, toHour: 23 },
  { rule: 'off_peak', fromHour: 5, toHour: 4 },
  { rule: 'platform_only', channels: ['meituan', 'eleme'] },
  { rule: 'platform_only', channels: ['pos'] },
  // 'web' is not a known channel: the masks cannot tell it from other labels, so this one reads the orders.
  { rule: 'platform_only', channels: ['mini_program', 'web'] },
];

/** The rule over raw orders: completed orders of identified customers in the period and stores. */
function referenceMembers(orders: RawOrder[], p: Period, stores: Set<string> | null, t: CustomTarget) {
  const byCustomer = new Map<string, RawOrder[]>();
  for (const o of scopedCustomerOrders(orders, stores, p.from, p.to)) {
    byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  }
  const members = [...byCustomer].filter(([, own]) => {
    if (t.rule === 'off_peak') return own.some((o) => o.hour >= t.fromHour && o.hour <= t.toHour);
    if (t.rule === 'platform_only') return own.every((o) => t.channels.includes(o.channel));
    throw new Error(`no reference for ${t.rule}`);
  });
  return members.map(([id]) => id).sort();
}

describe.each(databaseKinds())('Suggestion targets from the masks (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let orders: RawOrder[];
  let someStores: string[];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 9, endDate: END });
    orders = await readRawOrders(database.db);
    someStores = [...new Set(orders.map((o) => o.storeId))].sort().slice(1, 4);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it.each([
    ['the whole chain', null],
    ['three stores', 'some'],
  ] as const)(
    'When off-peak and platform-only targets of %s are listed, Then they are the customers the rule picks from raw orders',
    async (_, which) => {
      const stores: StoreFilter = which === null ? null : someStores;
      let nonEmpty = 0;
      for (const p of PERIODS)
        for (const target of TARGETS) {
          const rows = await queryRows<{ customer_id: string }>(
            database.db,
            targetMembersSql(p, stores, target),
          );
          const got = rows.map((r) => r.customer_id).sort();
          const want = referenceMembers(orders, p, stores === null ? null : new Set(stores), target);
          expect(got, `${JSON.stringify(target)} ${p.from}..${p.to}`).toEqual(want);
          if (want.length > 0) nonEmpty++;
        }
      // Most combinations pick someone, so the comparison is not between empty lists.
      expect(nonEmpty).toBeGreaterThan(PERIODS.length * (TARGETS.length - 2));
    },
  );
});
