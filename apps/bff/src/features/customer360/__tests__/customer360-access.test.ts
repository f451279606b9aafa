/**
 * PRODUCT §5 for Customer 360 on the small demo chain: executives are refused; a store manager sees only customers
 * who bought in their stores, and only those stores' events and figures; everyone but admin gets masked personal
 * data; every look and every search is in the audit log.
 */
import type { AuditPage } from '@portrait/shared/auth';
import { type CustomerProfile, type TimelinePage } from '@portrait/shared/customer360';
import { customerSearchPageSchema, type CustomerSearchPage } from '@portrait/shared/customer-search';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import {
  getData,
  getJson,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const API = '/api/v1/customer360';

describe.each(databaseKinds())('Who sees which customer in Customer 360 (%s)', (kind) => {
  let server: TestServer;
  let database: Database & { dispose: () => Promise<void> };
  let admin: Client;
  let manager: Client;
  let executive: Client;
  /** A customer who bought both in a manager's store and elsewhere, with their phone. */
  let shared: { id: string; phone: string };
  /** A customer who never bought in the manager's stores. */
  let foreign: { id: string; phone: string };
  let mine: string[];

  const inList = (ids: string[]) =>
    sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database);
    [admin, manager, executive] = await Promise.all([
      server.as('admin'),
      server.as('manager'),
      server.as('executive'),
    ]);
    mine = server.managerStores;
    const both = await queryRows<{ id: string; phone: string }>(
      database.db,
      sql`select c.id, c.phone from customers c
          where exists (select 1 from orders o where o.customer_id = c.id and o.status = 'completed'
                          and o.store_id in (${inList(mine)}))
            and exists (select 1 from orders o where o.customer_id = c.id and o.store_id not in (${inList(mine)}))
          order by c.id limit 1`,
    );
    const none = await queryRows<{ id: string; phone: string }>(
      database.db,
      sql`select c.id, c.phone from customers c
          where exists (select 1 from orders o where o.customer_id = c.id)
            and not exists (select 1 from orders o where o.customer_id = c.id and o.store_id in (${inList(mine)}))
          order by c.id limit 1`,
    );
    if (!both[0] || !none[0]) throw new Error('the demo lacks the customers this test needs');
    shared = both[0];
    foreign = none[0];
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When an executive calls any Customer 360 route, Then 403 and no customer data', async () => {
    for (const path of ['profile', 'timeline', 'value']) {
      const res = await getJson(executive, `${API}/${path}?customer_identifier=${shared.phone}`);
      expect(res.status, path).toBe(403);
      expect(res.text).not.toContain(shared.id);
    }
    expect((await getJson(executive, `${API}/search?query=1381`)).status).toBe(403);
  });

  it('When a manager opens a customer who also buys elsewhere, Then only their stores’ orders and figures show', async () => {
    const p = await getData<CustomerProfile>(manager, `${API}/profile?customer_identifier=${shared.phone}`);
    const timeline = await getData<TimelinePage>(
      manager,
      `${API}/timeline?customer_identifier=${shared.id}&identifier_type=customer_id&limit=200`,
    );
    for (const e of [...p.timeline, ...timeline.timeline]) {
      if (e.event_type === 'membership') expect(e.store_id).toBeNull();
      else expect(mine, e.event_id).toContain(e.store_id);
    }
    const own = await queryRows<{ orders: string; revenue: string; all_events: string }>(
      database.db,
      sql`select count(*) filter (where status = 'completed') as orders,
                 coalesce(sum(amount) filter (where status = 'completed'), 0) as revenue,
                 count(*) as all_events
          from orders where customer_id = ${shared.id} and store_id in (${inList(mine)})`,
    );
    expect(p.customer_value.total_orders).toBe(Number(own[0]?.orders));
    expect(p.customer_value.total_spent).toBeCloseTo(Number(own[0]?.revenue), 2);
    const everywhere = await getData<CustomerProfile>(
      server.api,
      `${API}/profile?customer_identifier=${shared.phone}`,
    );
    expect(everywhere.customer_value.total_orders).toBeGreaterThan(p.customer_value.total_orders);
    expect(timeline.timeline.filter((e) => e.event_type === 'order')).toHaveLength(
      Number(own[0]?.all_events),
    );
    expect(p.favorite_stores.every((s) => mine.includes(s.store_id))).toBe(true);
  });

  it('When a manager asks for a customer of another store by any identifier, Then 404 on every route', async () => {
    for (const query of [
      `customer_identifier=${foreign.phone}`,
      `customer_identifier=${foreign.id}&identifier_type=customer_id`,
    ]) {
      for (const path of ['profile', 'timeline', 'value']) {
        const res = await getJson(manager, `${API}/${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBe(404);
        expect(res.text).not.toContain(foreign.phone);
      }
    }
    const found = await getData<CustomerSearchPage>(manager, `${API}/search?query=${foreign.phone}`);
    expect(found.total).toBe(0);
  });

  it('When a manager names another store, Then every route answers 403', async () => {
    const other = await queryRows<{ id: string }>(
      database.db,
      sql`select id from stores where id not in (${inList(mine)}) order by id limit 1`,
    );
    const store = other[0]?.id ?? '';
    for (const path of [
      `profile?customer_identifier=${shared.phone}&store_id=${store}`,
      `timeline?customer_identifier=${shared.phone}&store_id=${store}`,
      `value?customer_identifier=${shared.phone}&store_id=${store}`,
      `search?query=1381&store_id=${store}`,
    ]) {
      const res = await getJson(manager, `${API}/${path}`);
      expect(res.status, path).toBe(403);
      expect(res.body.error?.message).toBe(`store ${store} is not one of your stores`);
    }
  });

  it('When a manager searches, Then every result bought in their stores, and all such matches are found', async () => {
    const tail = shared.phone.slice(-4);
    const page = customerSearchPageSchema.parse(
      await getData<CustomerSearchPage>(manager, `${API}/search?query=${tail}&limit=50`),
    );
    const reversed = [...tail].reverse().join('');
    const expected = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*) as n from customers c
          where (c.phone like ${`${tail}%`} or reverse(c.phone) like ${`${reversed}%`})
            and exists (select 1 from orders o where o.customer_id = c.id and o.status = 'completed'
                          and o.store_id in (${inList(mine)}))`,
    );
    expect(page.total).toBe(Number(expected[0]?.n));
    expect(page.total).toBeGreaterThan(0);
    const ids = page.customers.map((c) => c.customer_id);
    const bought = await queryRows<{ customer_id: string }>(
      database.db,
      sql`select distinct customer_id from orders
          where status = 'completed' and store_id in (${inList(mine)}) and customer_id in (${inList(ids)})`,
    );
    expect(bought.map((b) => b.customer_id).sort()).toEqual([...ids].sort());
    expect(page.customers.every((c) => c.home_store_id === null || mine.includes(c.home_store_id))).toBe(
      true,
    );
  });

  it('When analyst and manager look, Then phone, email and name are masked everywhere; an admin sees them', async () => {
    const people = await queryRows<{ phone: string; name: string; email: string | null }>(
      database.db,
      sql`select phone, name, email from customers where id = ${shared.id}`,
    );
    const real = people[0];
    if (!real) throw new Error('no customer');
    for (const client of [server.api, manager]) {
      const p = await getData<CustomerProfile>(client, `${API}/profile?customer_identifier=${shared.phone}`);
      const s = await getData<CustomerSearchPage>(client, `${API}/search?query=${shared.phone}`);
      const texts = [JSON.stringify(p), JSON.stringify(s)];
      for (const text of texts) {
        expect(text).not.toContain(real.phone);
        expect(text).not.toContain(real.name);
        if (real.email) expect(text).not.toContain(real.email);
      }
      expect(p.member_info.phone).toBe(`${real.phone.slice(0, 3)}****${real.phone.slice(-4)}`);
      expect(s.customers[0]?.phone).toBe(p.member_info.phone);
      expect(p.member_info.name).toBe(`${[...real.name][0]}${'*'.repeat([...real.name].length - 1)}`);
    }
    const whole = await getData<CustomerProfile>(admin, `${API}/profile?customer_identifier=${shared.phone}`);
    expect(whole.member_info).toMatchObject({ phone: real.phone, name: real.name, email: real.email });
    expect(whole.customer_identifier).toBe(real.phone);
  });

  it('When customers are looked at and searched, Then each is audited with who, which customer and how', async () => {
    await getData(manager, `${API}/profile?customer_identifier=${shared.phone}`);
    await getData(manager, `${API}/value?customer_identifier=${shared.id}&identifier_type=customer_id`);
    await getData(manager, `${API}/timeline?customer_identifier=${shared.id}&identifier_type=customer_id`);
    await getData(manager, `${API}/search?query=${shared.phone.slice(-4)}`);
    const log = await getData<AuditPage>(admin, '/api/v1/admin/audit?username=manager&pageSize=200');
    const views = log.entries.filter((e) => e.action === 'view_customer' && e.target === shared.id);
    expect(views.map((v) => v.detail?.via)).toEqual(expect.arrayContaining(['profile', 'value', 'timeline']));
    expect(views.every((v) => v.role === 'store_manager')).toBe(true);
    const search = log.entries.find((e) => e.action === 'search_customer');
    expect(search?.detail).toMatchObject({ query: shared.phone.slice(-4), matched_by: 'phone' });
    // A refused look leaves no view row.
    const before = log.entries.filter((e) => e.target === foreign.id).length;
    await getJson(manager, `${API}/profile?customer_identifier=${foreign.id}&identifier_type=customer_id`);
    const after = await getData<AuditPage>(admin, '/api/v1/admin/audit?username=manager&pageSize=200');
    expect(after.entries.filter((e) => e.target === foreign.id)).toHaveLength(before);
  });
});
