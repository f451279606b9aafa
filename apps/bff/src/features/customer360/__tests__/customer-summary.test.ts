/**
 * `customer_summary` against an independent computation over raw orders; its per-customer and per-day rebuilds
 * against the full rebuild; R / F / M percentile scores against a naive ranking of every customer; and the profile
 * cache against a data change.
 */
import { type CustomerProfile } from '@portrait/shared/customer360';
import { RFM_BUCKET_MINS, RFM_WEIGHTS } from '@portrait/shared/customer-value';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { rebuildCustomerSummary, rebuildCustomerSummaryFor } from '../../../db/queries/customer-summary';
import { bumpDataVersion } from '../../../db/queries/data-meta';
import { rebuildDerived } from '../../../db/queries/derived';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { addOrder } from '../../../__tests__/helpers/customer-fixture';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

type SummaryRow = { id: string; first: string; last: string; orders: number; cents: number; home: string };
type RawOrder = { customer_id: string; store_id: string; day: string; cents: string };

const LAST_DAY = '2025-06-30';
const daysTo = (day: string) =>
  Math.round((Date.parse(`${LAST_DAY}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 864e5);

/** The summary worked out in TypeScript from raw completed orders, money in integer cents. */
function naiveSummary(orders: RawOrder[]): Map<string, SummaryRow> {
  const perStore = new Map<string, Map<string, { n: number; last: string }>>();
  const out = new Map<string, SummaryRow>();
  for (const o of orders) {
    const cents = Number(o.cents);
    const row = out.get(o.customer_id) ?? {
      id: o.customer_id,
      first: o.day,
      last: o.day,
      orders: 0,
      cents: 0,
      home: '',
    };
    row.first = o.day < row.first ? o.day : row.first;
    row.last = o.day > row.last ? o.day : row.last;
    row.orders += 1;
    row.cents += cents;
    out.set(o.customer_id, row);
    const stores = perStore.get(o.customer_id) ?? new Map<string, { n: number; last: string }>();
    const s = stores.get(o.store_id) ?? { n: 0, last: o.day };
    s.n += 1;
    s.last = o.day > s.last ? o.day : s.last;
    stores.set(o.store_id, s);
    perStore.set(o.customer_id, stores);
  }
  for (const [id, stores] of perStore) {
    const ranked = [...stores.entries()].sort(
      ([a, x], [b, y]) => y.n - x.n || (y.last > x.last ? 1 : y.last < x.last ? -1 : 0) || (a < b ? -1 : 1),
    );
    const row = out.get(id);
    if (row && ranked[0]) row.home = ranked[0][0];
  }
  return out;
}

/** Mid-rank percentile over a plain list, written without the shared helpers. */
function naivePercent(values: number[], x: number, higherIsBetter: boolean): number {
  const beaten = values.filter((v) => (higherIsBetter ? v < x : v > x)).length;
  const ties = values.filter((v) => v === x).length;
  return (100 * (beaten + ties / 2)) / values.length;
}

describe.each(databaseKinds())('customer_summary and the R / F / M distribution (%s)', (kind) => {
  let server: TestServer;
  let database: Database & { dispose: () => Promise<void> };

  const rawOrders = () =>
    queryRows<RawOrder>(
      database.db,
      sql`select customer_id, store_id, day::text as day, (amount * 100)::bigint::text as cents
          from orders where status = 'completed' and customer_id is not null`,
    );
  const storedSummary = async () => {
    const rows = await queryRows<{
      customer_id: string;
      first_day: string;
      last_day: string;
      orders: number;
      cents: string;
      home_store_id: string;
    }>(
      database.db,
      sql`select customer_id, first_day::text, last_day::text, orders, (revenue * 100)::bigint::text as cents,
                 home_store_id from customer_summary`,
    );
    return new Map(
      rows.map((r) => [
        r.customer_id,
        {
          id: r.customer_id,
          first: r.first_day,
          last: r.last_day,
          orders: Number(r.orders),
          cents: Number(r.cents),
          home: r.home_store_id,
        },
      ]),
    );
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: LAST_DAY });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When the demo is loaded, Then every customer’s row equals the one computed from raw orders', async () => {
    const stored = await storedSummary();
    const naive = naiveSummary(await rawOrders());
    expect(stored.size).toBe(naive.size);
    expect(stored.size).toBeGreaterThan(1000);
    for (const [id, row] of naive) expect(stored.get(id), id).toEqual(row);
  });

  it('When a few customers’ orders change and only they are rebuilt, Then the table equals a full rebuild', async () => {
    const ids = await queryRows<{ customer_id: string }>(
      database.db,
      sql`select customer_id from customer_summary order by customer_id limit 3`,
    );
    const [a, b, c] = ids.map((r) => r.customer_id);
    if (!a || !b || !c) throw new Error('too few customers');
    await database.db.execute(
      sql`update orders set status = 'cancelled'
          where id = (select id from orders where customer_id = ${a} and status = 'completed' order by id limit 1)`,
    );
    await addOrder(database, {
      id: 'X-NEW-1',
      customerId: b,
      storeId: 'S001',
      at: `${LAST_DAY} 12:00`,
      amount: 99.5,
    });
    await database.db.execute(sql`update orders set status = 'refunded' where customer_id = ${c}`);
    await rebuildCustomerSummaryFor(database.db, { customerIds: [a, b, c] });
    const incremental = await storedSummary();
    expect(incremental.has(c)).toBe(false); // no completed order left
    expect(incremental.get(b)?.last).toBe(LAST_DAY);
    await rebuildCustomerSummary(database.db);
    expect(incremental).toEqual(await storedSummary());
    expect(incremental).toEqual(naiveSummary(await rawOrders()));
  });

  it('When orders of one day change and that day is rebuilt, Then the table equals a full rebuild', async () => {
    await database.db.execute(
      sql`update orders set amount = amount + 1 where day = '2025-06-15' and status = 'completed'`,
    );
    await rebuildCustomerSummaryFor(database.db, { days: ['2025-06-15'] });
    const incremental = await storedSummary();
    expect(incremental).toEqual(naiveSummary(await rawOrders()));
    await rebuildDerived(database.db);
    await bumpDataVersion(database.db);
  });

  it('When customers are profiled, Then their R, F and M scores and the histograms match a naive ranking', async () => {
    const summary = [...naiveSummary(await rawOrders()).values()];
    const r = summary.map((s) => daysTo(s.last));
    const f = summary.map((s) => s.orders);
    const m = summary.map((s) => s.cents);
    const step = Math.floor(summary.length / 25);
    for (let i = 0; i < summary.length; i += step) {
      const s = summary[i];
      if (!s) continue;
      const p = await getData<CustomerProfile>(
        server.api,
        `/api/v1/customer360/profile?customer_identifier=${s.id}&identifier_type=customer_id`,
      );
      const want = {
        r: naivePercent(r, daysTo(s.last), false),
        f: naivePercent(f, s.orders, true),
        m: naivePercent(m, s.cents, true),
      };
      expect(p.rfm.population).toBe(summary.length);
      expect(p.rfm.r.score).toBeCloseTo(want.r, 1);
      expect(p.rfm.f.score).toBeCloseTo(want.f, 1);
      expect(p.rfm.m.score).toBeCloseTo(want.m, 1);
      const weighted = RFM_WEIGHTS.r * want.r + RFM_WEIGHTS.f * want.f + RFM_WEIGHTS.m * want.m;
      expect(Math.abs(p.customer_value.rfm_score - weighted)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(p.customer_value.total_spent).toBeCloseTo(s.cents / 100, 2);
      if (i === 0) {
        const hist = (values: number[], mins: readonly number[]) =>
          mins.map((min, k) => values.filter((v) => v >= min && v < (mins[k + 1] ?? Infinity)).length);
        expect(p.rfm.r.histogram).toEqual(hist(r, RFM_BUCKET_MINS.r));
        expect(p.rfm.f.histogram).toEqual(hist(f, RFM_BUCKET_MINS.f));
        expect(p.rfm.m.histogram).toEqual(
          hist(
            m.map((c) => c / 100),
            RFM_BUCKET_MINS.m,
          ),
        );
      }
    }
  });

  it('When the data changes, Then a cached profile stays until the data version moves, then shows the change', async () => {
    const top = await queryRows<{ customer_id: string }>(
      database.db,
      sql`select customer_id from customer_summary order by orders desc, customer_id limit 1`,
    );
    const id = top[0]?.customer_id ?? '';
    const url = `/api/v1/customer360/profile?customer_identifier=${id}&identifier_type=customer_id`;
    const before = await getData<CustomerProfile>(server.api, url);
    await addOrder(database, {
      id: 'X-NEW-2',
      customerId: id,
      storeId: 'S001',
      at: `${LAST_DAY} 21:00`,
      amount: 10,
    });
    await rebuildDerived(database.db);
    const cached = await getData<CustomerProfile>(server.api, url);
    expect(cached.customer_value.total_orders).toBe(before.customer_value.total_orders);
    expect(cached.generated_at).toBe(before.generated_at);
    await bumpDataVersion(database.db);
    const fresh = await getData<CustomerProfile>(server.api, url);
    expect(fresh.customer_value.total_orders).toBe(before.customer_value.total_orders + 1);
    expect(fresh.timeline.map((e) => e.event_id)).toContain('order:X-NEW-2');
  });
});
