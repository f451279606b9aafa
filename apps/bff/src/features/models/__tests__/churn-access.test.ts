/**
 * PRODUCT §5 for the churn and cluster endpoints: a store manager sees their stores only (a foreign store is a
 * 403), executives get aggregates but never the list, names and phones are masked for all but admin, and each
 * look at the list is audited. Wrong requests are 400s that say what is wrong.
 */
import type { Churn, Clusters, SlippingAway } from '@portrait/shared/models';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getData,
  getJson,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../__tests__/helpers/http';
import { readRawOrders } from '../../../__tests__/helpers/raw-data';
import type { RawOrder } from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { rawActive, rawYear } from './reference-models';

const END = '2025-06-30';
const SCOPE = 'from=2025-01-01&to=2025-06-30';

const ready = <T extends { status: string }>(value: T) => {
  if (value.status !== 'ready') throw new Error('models not ready');
  return value as Extract<T, { status: 'ready' }>;
};

describe.each(databaseKinds())('Churn and clusters respect roles, stores and masking (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  let manager: Client;
  let admin: Client;
  let executive: Client;
  let raw: RawOrder[];
  let foreignStore: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: END });
    server = await startTestServer(database);
    await server.models.idle();
    manager = await server.as('manager');
    admin = await server.as('admin');
    executive = await server.as('executive');
    raw = await readRawOrders(database.db);
    const stores = await queryRows<{ id: string }>(database.db, sql`select id from stores order by id`);
    foreignStore = stores.map((s) => s.id).find((id) => !server.managerStores.includes(id)) ?? '';
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it("When a store manager opens the gauge, Then it equals the analyst's gauge for the manager's stores", async () => {
    const mine = ready(await getData<Churn>(manager, `/api/v1/portrait/churn?${SCOPE}`));
    const stores = server.managerStores.map((s) => `store=${s}`).join('&');
    const theirs = ready(await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}&${stores}`));
    expect(mine.figures).toEqual(theirs.figures);
    const active = rawActive(raw, { from: '2025-01-01', to: END, stores: server.managerStores });
    expect(mine.figures.customers).toBe(active.size);
    const all = ready(await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}`));
    expect(mine.figures.customers).toBeLessThan(all.figures.customers);
    // Fits shown: the chain's, and only cities of their stores.
    expect(mine.fits.every((f) => f.fitScope === 'chain' || f.fitScope.startsWith('city:'))).toBe(true);
  });

  it('When a store manager names another store, Then gauge, list and clusters answer 403', async () => {
    for (const path of [
      '/api/v1/portrait/churn',
      '/api/v1/portrait/churn/customers',
      '/api/v1/portrait/clusters',
    ]) {
      const res = await getJson(manager, `${path}?${SCOPE}&store=${foreignStore}`);
      expect(res.status).toBe(403);
      expect(res.body.error?.message).toContain(foreignStore);
    }
  });

  it('When a store manager reads the slipping-away list, Then only customers of their stores appear, with spends in their stores, masked', async () => {
    const list = ready(
      await getData<SlippingAway>(manager, `/api/v1/portrait/churn/customers?${SCOPE}&pageSize=200`),
    );
    expect(list.total).toBeGreaterThan(0);
    const active = rawActive(raw, { from: '2025-01-01', to: END, stores: server.managerStores });
    const year = rawYear(raw, { asOf: END, stores: server.managerStores });
    for (const c of list.customers) {
      expect(active.has(c.customerId)).toBe(true);
      expect(c.spend12m).toBeCloseTo(year.get(c.customerId)?.spend ?? -1, 2);
      expect(c.name ?? '').toMatch(/^(.\*+)?$/u);
      expect(c.phone ?? '').toMatch(/^(\d{3}\*{4}\d{4})?$/);
    }
  });

  it('When an admin reads the list, Then names and phones are shown in full; the analyst sees them masked', async () => {
    const full = ready(
      await getData<SlippingAway>(admin, `/api/v1/portrait/churn/customers?${SCOPE}&pageSize=5`),
    );
    const masked = ready(
      await getData<SlippingAway>(server.api, `/api/v1/portrait/churn/customers?${SCOPE}&pageSize=5`),
    );
    const first = full.customers[0];
    if (!first) throw new Error('empty list');
    const [person] = await queryRows<{ name: string | null; phone: string | null }>(
      database.db,
      sql`select name, phone from customers where id = ${first.customerId}`,
    );
    expect(first.phone).toBe(person?.phone);
    expect(first.name).toBe(person?.name);
    expect(masked.customers[0]?.customerId).toBe(first.customerId);
    expect(masked.customers[0]?.phone).toBe(`${person?.phone?.slice(0, 3)}****${person?.phone?.slice(-4)}`);
    expect(masked.customers[0]?.name).not.toBe(person?.name);
  });

  it('When an executive asks, Then the gauge and the clusters answer but the list is forbidden', async () => {
    expect((await getJson<Churn>(executive, `/api/v1/portrait/churn?${SCOPE}`)).status).toBe(200);
    expect((await getJson<Clusters>(executive, `/api/v1/portrait/clusters?${SCOPE}`)).status).toBe(200);
    expect((await getJson(executive, `/api/v1/portrait/churn/customers?${SCOPE}`)).status).toBe(403);
  });

  it('When the list is read, Then the look is written to the audit log with the scope', async () => {
    await getData(manager, `/api/v1/portrait/churn/customers?${SCOPE}&page=2&pageSize=3`);
    const rows = await queryRows<{ username: string; target: string; detail: { page?: number } | string }>(
      database.db,
      sql`select username, target, detail from audit_log where action = 'view_customer_list' order by id desc limit 1`,
    );
    const row = rows[0];
    expect(row?.username).toBe('manager');
    expect(row?.target).toBe('churn:slipping_away');
    const detail =
      typeof row?.detail === 'string' ? (JSON.parse(row.detail) as { page?: number }) : row?.detail;
    expect(detail?.page).toBe(2);
  });

  it('When the request is wrong, Then the answer is a 400 that says what is wrong', async () => {
    const cases: [string, string][] = [
      [`/api/v1/portrait/churn/customers?${SCOPE}&pageSize=0`, 'pageSize'],
      ['/api/v1/portrait/churn?to=2025-06-30', 'from'],
      ['/api/v1/portrait/clusters?from=2025-06-30&to=2025-01-01', 'from'],
      [`/api/v1/portrait/churn?${SCOPE}&store=NOPE`, 'unknown store'],
    ];
    for (const [path, words] of cases) {
      const res = await getJson(server.api, path);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toContain(words);
    }
  });
});
