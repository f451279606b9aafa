/**
 * Dashboards read while an import runs: every answer is the figures from before the import or from after it,
 * never a mix (PostgreSQL: the version check around a panel's queries; PGlite: the import's transaction).
 */
import { addDays } from '@portrait/shared/dates';
import type { HourRow, Kpis } from '@portrait/shared/portrait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../demo/load-demo';
import { getJson, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { importTexts } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const END = '2025-06-30';
const SCOPE = `from=${addDays(END, -29)}&to=${END}`;

/** 15,000 new orders over the scope's 30 days, each with one item. */
function newOrders(): { orders: string; items: string } {
  const orders = ['order_id,customer_id,store_id,ordered_at,channel,order_type,amount'];
  const items = ['order_id,product_id,quantity'];
  for (let i = 0; i < 15_000; i++) {
    const id = `Y${String(i).padStart(6, '0')}`;
    const day = addDays(END, -(i % 30));
    const hour = String(7 + (i % 15)).padStart(2, '0');
    const customer = i % 5 === 0 ? '' : `C${String(1 + (i % 2000)).padStart(7, '0')}`;
    orders.push(`${id},${customer},S00${1 + (i % 8)},${day} ${hour}:10:00,pos,dine_in,${20 + (i % 40)}.50`);
    items.push(`${id},P0${1 + (i % 9)},${1 + (i % 3)}`);
  }
  return { orders: orders.join('\n'), items: items.join('\n') };
}

describe.each(databaseKinds())('Reads during an import (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: TestServer;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    server = await startTestServer(database, { RESULT_CACHE: 'off' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When KPIs and hours are read while an import commits, Then each answer is wholly before or wholly after', async () => {
    const read = async () => {
      const kpis = await getJson<Kpis>(server.api, `/api/v1/portrait/kpis?${SCOPE}`);
      const hourly = await getJson<HourRow[]>(server.api, `/api/v1/portrait/hourly?${SCOPE}`);
      expect(kpis.status).toBe(200);
      expect(hourly.status).toBe(200);
      return { kpis: JSON.stringify(kpis.body.data), hours: JSON.stringify(hourly.body.data) };
    };
    const before = await read();
    const seen: { kpis: string; hours: string }[] = [];
    let importing = true;
    const { orders, items } = newOrders();
    const job = importTexts(database, { 'orders.csv': orders, 'order_items.csv': items }).finally(() => {
      importing = false;
    });
    while (importing) seen.push(await read());
    expect((await job).status).toBe('succeeded');
    const after = await read();
    expect(after.kpis).not.toBe(before.kpis);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect([before.kpis, after.kpis]).toContain(s.kpis);
      expect([before.hours, after.hours]).toContain(s.hours);
    }
    const afterKpis = JSON.parse(after.kpis) as Kpis;
    const beforeKpis = JSON.parse(before.kpis) as Kpis;
    expect(afterKpis.orders.value).toBe((beforeKpis.orders.value ?? 0) + 15_000);
  });
});
