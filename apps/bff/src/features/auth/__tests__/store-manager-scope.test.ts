/**
 * A store manager who edits a URL, an id or a request body never sees another store's numbers or customers
 * (PRODUCT §5). Asking for a foreign store or city is refused with 403; no filter means their own stores.
 */
import type { SegmentCustomersPage } from '@portrait/shared/customers';
import type { FiltersMeta } from '@portrait/shared/meta';
import type { Kpis } from '@portrait/shared/portrait';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { getData, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const RANGE = 'from=2025-04-01&to=2025-06-30';

describe.each(databaseKinds())('A store manager is held to their stores (%s)', (kind) => {
  let server: TestServer;
  let database: Database & { dispose: () => Promise<void> };
  let manager: Client;
  let foreignStore: string;
  let foreignCity: string;
  let ownCity: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database);
    manager = await server.as('manager');
    const stores = await queryRows<{ id: string; city: string }>(
      database.db,
      sql`select id, city from stores order by id`,
    );
    ownCity = stores.find((s) => s.id === server.managerStores[0])?.city ?? '';
    const foreign = stores.find((s) => !server.managerStores.includes(s.id) && s.city !== ownCity);
    foreignStore = foreign?.id ?? '';
    foreignCity = foreign?.city ?? '';
    expect(server.managerStores).toHaveLength(2);
    expect(foreignStore).not.toBe('');
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When the filter bar loads, Then it lists only their stores', async () => {
    const meta = await getData<FiltersMeta>(manager, '/api/v1/meta/filters');
    expect(meta.cities.map((c) => c.name)).toEqual([ownCity]);
    expect(meta.cities.flatMap((c) => c.stores.map((s) => s.id)).sort()).toEqual(
      [...server.managerStores].sort(),
    );
  });

  it('When no store is named, Then the numbers are those of their own stores', async () => {
    const mine = await getData<Kpis>(manager, `/api/v1/portrait/kpis?${RANGE}`);
    const explicit = await getData<Kpis>(
      server.api,
      `/api/v1/portrait/kpis?${RANGE}&${server.managerStores.map((s) => `store=${s}`).join('&')}`,
    );
    const chain = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${RANGE}`);
    expect(mine).toEqual(explicit);
    expect(mine.orders.value).toBeLessThan(chain.orders.value ?? 0);
    // Their own city, named: still only their two stores, even if the city has more.
    const city = await getData<Kpis>(
      manager,
      `/api/v1/portrait/kpis?${RANGE}&city=${encodeURIComponent(ownCity)}`,
    );
    expect(city).toEqual(explicit);
  });

  it('When another store or city is asked for by any route, Then the answer is 403 and no numbers', async () => {
    const tampered = [
      `/api/v1/portrait/kpis?${RANGE}&store=${foreignStore}`,
      `/api/v1/portrait/overview?${RANGE}&store=${server.managerStores[0]}&store=${foreignStore}`,
      `/api/v1/portrait/segments?${RANGE}&store=${server.managerStores[0]},${foreignStore}`,
      `/api/v1/portrait/hourly?${RANGE}&city=${encodeURIComponent(foreignCity)}`,
      `/api/v1/portrait/top-products?${RANGE}&city=${encodeURIComponent(foreignCity)}&by=revenue`,
      `/api/v1/portrait/channels?${RANGE}&store=${foreignStore}`,
      `/api/v1/portrait/segments/important_value/customers?${RANGE}&store=${foreignStore}`,
      `/api/v1/portrait/segments/general_winback/customers.csv?${RANGE}&city=${encodeURIComponent(foreignCity)}`,
    ];
    for (const path of tampered) {
      const res = await manager.request('GET', path);
      expect(res.status, path).toBe(403);
      expect(res.body.error?.message, path).toMatch(/not one of your stores|has none of your stores/);
      expect(res.text).not.toMatch(/"orders"|customerId|客户ID/);
    }
  });

  it('When they write to an admin route with a forged body, Then it is refused', async () => {
    const res = await manager.request('PUT', '/api/v1/admin/users/4', {
      role: 'store_manager',
      stores: [foreignStore],
      disabled: false,
    });
    expect(res.status).toBe(403);
    const users = await queryRows<{ store_id: string }>(
      database.db,
      sql`select store_id from user_stores us join users u on u.id = us.user_id where u.username = 'manager'`,
    );
    expect(users.map((u) => u.store_id).sort()).toEqual([...server.managerStores].sort());
  });

  it('When they list or export a segment, Then every customer bought in their stores in the scope', async () => {
    const mineOnly = await queryRows<{ customer_id: string }>(
      database.db,
      sql`select distinct customer_id from orders where status = 'completed' and customer_id is not null
          and day between '2025-04-01' and '2025-06-30'
          and store_id in (${sql.join(
            server.managerStores.map((s) => sql`${s}`),
            sql`, `,
          )})`,
    );
    const allowed = new Set(mineOnly.map((r) => r.customer_id));
    let seen = 0;
    for (const key of ['important_value', 'general_winback', 'general_development']) {
      const page = await getData<SegmentCustomersPage>(
        manager,
        `/api/v1/portrait/segments/${key}/customers?${RANGE}&pageSize=200`,
      );
      for (const c of page.customers) expect(allowed.has(c.customerId), c.customerId).toBe(true);
      seen += page.customers.length;
      const csv = await manager.request(
        'GET',
        `/api/v1/portrait/segments/${key}/customers.csv?${RANGE}&lang=en`,
      );
      expect(csv.status).toBe(200);
      const ids = csv.text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]);
      expect(ids.length).toBe(page.total);
      for (const id of ids) expect(allowed.has(id ?? ''), id).toBe(true);
    }
    expect(seen).toBeGreaterThan(0);
  });
});
