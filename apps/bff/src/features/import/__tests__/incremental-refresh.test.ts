/**
 * After imports into the small demo chain — new orders on old and new days, orders that change status, store,
 * customer, amount or day, replaced items — the incrementally refreshed derived tables equal a full rebuild,
 * and every panel equals the independent reference computation over raw orders for many scopes.
 */
import { addDays } from '@portrait/shared/dates';
import type { HourRow, Kpis, SegmentRow, TopProductRow } from '@portrait/shared/portrait';
import { SEGMENT_KEYS } from '@portrait/shared/segments';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildCustomerSummary } from '../../../db/queries/customer-summary';
import { rebuildDerived } from '../../../db/queries/derived';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { DERIVED, importTexts, tableSnapshot } from '../../../__tests__/helpers/import-files';
import { readRawItems, readRawOrders, readStoreCities } from '../../../__tests__/helpers/raw-data';
import {
  referenceFigures,
  referenceHourly,
  referenceProductQuantities,
  referenceSegments,
} from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const END = '2025-06-30';
const ORDER_HEADER = 'order_id,customer_id,store_id,ordered_at,channel,order_type,amount,status';

type OrderRow = {
  id: string;
  customer_id: string | null;
  store_id: string;
  at: string;
  channel: string;
  amount: string;
};

describe.each(databaseKinds())('Incremental refresh after imports (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: TestServer;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  async function someOrders(where: string, limit: number): Promise<OrderRow[]> {
    return queryRows<OrderRow>(
      database.db,
      sql.raw(`select id, customer_id, store_id, to_char(ordered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as at,
                 channel, amount::text as amount from orders where ${where} order by id limit ${limit}`),
    );
  }

  it('When orders are added, changed and moved, and items replaced, Then the import refreshes incrementally', async () => {
    const recent = await someOrders(
      `day between '2025-06-20' and '${END}' and customer_id is not null and status = 'completed'`,
      12,
    );
    const line = (o: OrderRow, patch: Partial<OrderRow & { status: string }> = {}) => {
      const r = { ...o, status: 'completed', ...patch };
      return `${r.id},${r.customer_id ?? ''},${r.store_id},${r.at},${r.channel},dine_in,${r.amount},${r.status}`;
    };
    const [a, b, c, d, e, f, g] = recent as [
      OrderRow,
      OrderRow,
      OrderRow,
      OrderRow,
      OrderRow,
      OrderRow,
      OrderRow,
    ];
    const orders = [
      ORDER_HEADER,
      line(a, { status: 'refunded' }),
      line(b, { store_id: b.store_id === 'S001' ? 'S005' : 'S001' }),
      line(c, { customer_id: 'C0000001' }),
      line(d, { amount: '999.00' }),
      line(e, { at: '2025-05-02 08:15:00' }),
      line(f, { customer_id: null }),
      // New orders: an old day, a new customer (a stub), a guest, and a day after the data's end.
      `X1,C0000002,S003,2025-06-25 12:00:00,pos,dine_in,30.00,completed`,
      `X2,NEW-1,S004,2025-06-26 19:30:00,meituan,delivery,55.50,completed`,
      `X3,,S002,2025-06-26 07:45:00,eleme,delivery,18.00,completed`,
      `X4,C0000003,S001,2025-07-01 11:00:00+08:00,mini_program,pickup,42.00,completed`,
      `X5,NEW-1,S001,2025-07-01T04:30:00Z,pos,dine_in,26.00,completed`,
    ].join('\n');
    const items = [
      'order_id,product_id,quantity,unit_price,amount',
      `${g.id},P01,5,,`,
      'X1,P02,2,,',
      'X2,P01,1,,',
      'X2,P14,3,,',
      'X4,P31,4,9.00,36.00',
      'X5,P01,2,,',
    ].join('\n');
    const job = await importTexts(
      database,
      { 'orders.csv': orders, 'order_items.csv': items },
      { refresh: 'incremental' },
    );
    expect(job.status).toBe('succeeded');
    expect(job.rowsRejected).toBe(0);
    expect((job.quality as { refresh: string }).refresh).toBe('incremental');
    const counts = job.counts as Record<string, { inserted: number; updated: number }>;
    expect(counts.orders).toMatchObject({ inserted: 5, updated: 6 });
  });

  it('When panels are read after the import, Then every panel equals the reference for every scope', async () => {
    const orders = await readRawOrders(database.db);
    const items = await readRawItems(database.db);
    const storeCities = await readStoreCities(database.db);
    const to = '2025-07-01';
    const scopes = [
      { from: to, to, stores: null },
      { from: addDays(to, -6), to, stores: null },
      { from: addDays(to, -29), to, stores: null },
      { from: '2025-05-01', to: '2025-05-31', stores: null },
      {
        from: addDays(to, -89),
        to,
        stores: storeCities.filter((s) => s.city === storeCities[0]!.city).map((s) => s.id),
      },
      { from: addDays(to, -29), to, stores: ['S001', 'S004'] },
      { from: '2025-06-20', to: END, stores: ['S003'] },
    ];
    for (const s of scopes) {
      const p = new URLSearchParams({ from: s.from, to: s.to });
      s.stores?.forEach((id) => p.append('store', id));
      const q = p.toString();
      const stores = s.stores ? new Set(s.stores) : null;
      const label = q;
      const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${q}`);
      const want = referenceFigures(orders, stores, s.from, s.to);
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        if (want[key] === null) expect(kpis[key].value, `${label} ${key}`).toBeNull();
        else expect(kpis[key].value, `${label} ${key}`).toBeCloseTo(want[key], 6);
      }
      const segments = await getData<SegmentRow[]>(server.api, `/api/v1/portrait/segments?${q}`);
      const refSegments = referenceSegments(orders, stores, s.from, s.to);
      for (const key of SEGMENT_KEYS)
        expect(segments.find((r) => r.key === key)?.count, `${label} ${key}`).toBe(
          refSegments.get(key)?.count ?? 0,
        );
      const hourly = await getData<HourRow[]>(server.api, `/api/v1/portrait/hourly?${q}`);
      expect(
        hourly.map((h) => [h.orders, h.customers]),
        label,
      ).toEqual(referenceHourly(orders, stores, s.from, s.to).map((h) => [h.orders, h.customers]));
      const top = await getData<TopProductRow[]>(server.api, `/api/v1/portrait/top-products?${q}`);
      const refTop = [...referenceProductQuantities(orders, items, stores, s.from, s.to).entries()]
        .sort((x, y) => y[1].quantity - x[1].quantity || x[0].localeCompare(y[0]))
        .slice(0, 10);
      expect(
        top.map((t) => [t.productId, t.quantity]),
        label,
      ).toEqual(refTop.map(([id, v]) => [id, v.quantity]));
    }
    const meta = await getData<{ lastDay: string }>(server.api, '/api/v1/meta/filters');
    expect(meta.lastDay).toBe('2025-07-01');
  });
  it('When the incrementally refreshed tables are compared with a full rebuild, Then they are identical', async () => {
    const tables = [...DERIVED, 'customer_summary', 'session_paths'];
    const incremental = await Promise.all(tables.map((t) => tableSnapshot(database.db, t)));
    await rebuildDerived(database.db);
    const full = await Promise.all(tables.map((t) => tableSnapshot(database.db, t)));
    tables.forEach((t, i) => expect(incremental[i], t).toEqual(full[i]));
    // The full rebuild reads customer_store_days; straight from the orders gives the same rows.
    await rebuildCustomerSummary(database.db);
    expect(await tableSnapshot(database.db, 'customer_summary')).toEqual(
      full[tables.indexOf('customer_summary')],
    );
  });
});
