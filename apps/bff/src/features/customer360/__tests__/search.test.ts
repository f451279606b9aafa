/**
 * Customer search on the small demo: each way of reading a query finds exactly the customers an independent filter
 * over the whole customers table finds; pages neither repeat nor skip; results are masked.
 */
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

const SEARCH = '/api/v1/customer360/search';

type Person = {
  id: string;
  phone: string | null;
  name: string | null;
  email: string | null;
  member_id: string | null;
  last_day: string | null;
};

describe.each(databaseKinds())('Customer search (%s)', (kind) => {
  let server: TestServer;
  let database: Database & { dispose: () => Promise<void> };
  let admin: Client;
  let people: Person[];

  /** Every result of a query, page by page (as admin, so phones are whole). */
  async function everyResult(query: string, limit = 50) {
    const ids: string[] = [];
    let total = -1;
    for (let page = 1; page < 500; page++) {
      const data = customerSearchPageSchema.parse(
        await getData<CustomerSearchPage>(
          admin,
          `${SEARCH}?query=${encodeURIComponent(query)}&limit=${limit}&page=${page}`,
        ),
      );
      if (total >= 0) expect(data.total).toBe(total);
      total = data.total;
      ids.push(...data.customers.map((c) => c.customer_id));
      if (data.customers.length < limit) break;
    }
    return { ids, total };
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database);
    admin = await server.as('admin');
    // Everyone may be found (analyst and admin see the whole chain), with or without orders.
    people = await queryRows<Person>(
      database.db,
      sql`select c.id, c.phone, c.name, c.email, c.member_id,
                 (select max(day)::text from orders o where o.customer_id = c.id and o.status = 'completed') as last_day
          from customers c`,
    );
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  const expectSame = (found: { ids: string[]; total: number }, expected: Person[]) => {
    expect(found.total).toBe(expected.length);
    expect(new Set(found.ids).size).toBe(found.ids.length);
    expect([...found.ids].sort()).toEqual(expected.map((p) => p.id).sort());
  };

  it('When the last four digits of a phone are typed, Then every phone that ends (or starts) with them is found', async () => {
    const tail = people.find((p) => p.phone)?.phone?.slice(-4) ?? '';
    const found = await everyResult(tail, 3);
    expectSame(
      found,
      people.filter((p) => p.phone?.endsWith(tail) || p.phone?.startsWith(tail)),
    );
    expect(found.total).toBeGreaterThan(0);
  });

  it('When the first digits are typed, Then the phones that start with them are found across pages', async () => {
    expectSame(
      await everyResult('1391', 50),
      people.filter((p) => p.phone?.startsWith('1391') || p.phone?.endsWith('1931')),
    );
  });

  it('When a whole phone is typed with +86 and spaces, Then that one customer is found first', async () => {
    const someone = people.find((p) => p.phone && p.last_day);
    const phone = someone?.phone ?? '';
    const typed = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    const data = await getData<CustomerSearchPage>(admin, `${SEARCH}?query=${encodeURIComponent(typed)}`);
    expect(data.matched_by).toBe('phone');
    expect(data.customers[0]?.customer_id).toBe(someone?.id);
  });

  it('When a surname is typed, Then every name starting with it is found, latest buyers first', async () => {
    const surname = [...(people.find((p) => p.name)?.name ?? '')][0] ?? '';
    const found = await everyResult(surname, 50);
    expectSame(
      found,
      people.filter((p) => p.name?.startsWith(surname)),
    );
    const first = await getData<CustomerSearchPage>(
      admin,
      `${SEARCH}?query=${encodeURIComponent(surname)}&limit=50`,
    );
    const days = first.customers.map((c) => c.last_order_day ?? '');
    const withDays = days.filter((d) => d !== '');
    expect(withDays).toEqual([...withDays].sort().reverse());
    expect(days.slice(0, withDays.length)).toEqual(withDays); // customers without orders last
  });

  it('When a member id, an email start or a customer id is typed (any case), Then it is read as such', async () => {
    const member = people.find((p) => p.member_id)?.member_id ?? '';
    const prefix = member.slice(0, 4).toLowerCase();
    expectSame(
      await everyResult(prefix),
      people.filter((p) => p.member_id?.startsWith(prefix.toUpperCase())),
    );
    const email = people.find((p) => p.email)?.email ?? '';
    const start = email.slice(0, 3).toUpperCase();
    const byEmail = await getData<CustomerSearchPage>(admin, `${SEARCH}?query=${start}%40`);
    expect(byEmail.matched_by).toBe('email');
    const exact = await everyResult(email.toUpperCase());
    expectSame(
      exact,
      people.filter((p) => p.email?.toLowerCase() === email.toLowerCase()),
    );
    const byId = await getData<CustomerSearchPage>(admin, `${SEARCH}?query=c0000042`);
    expect(byId.customers.map((c) => c.customer_id)).toEqual(['C0000042']);
  });

  it('When a query holds LIKE wildcards, Then they match only themselves', async () => {
    for (const q of ['%', '_', '张%', '\\']) {
      const data = await getData<CustomerSearchPage>(admin, `${SEARCH}?query=${encodeURIComponent(q)}`);
      expect(data.total, q).toBe(0);
    }
  });

  it('When past the last page, Then no customers but the same total', async () => {
    const data = await getData<CustomerSearchPage>(admin, `${SEARCH}?query=1391&limit=50&page=400`);
    expect(data.customers).toEqual([]);
    expect(data.total).toBe(
      people.filter((p) => p.phone?.startsWith('1391') || p.phone?.endsWith('1931')).length,
    );
  });

  it('When an analyst searches, Then the results and the echoed phone are masked', async () => {
    const phone = people.find((p) => p.phone)?.phone ?? '';
    const data = await getData<CustomerSearchPage>(server.api, `${SEARCH}?query=${phone}`);
    expect(data.query).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(JSON.stringify(data)).not.toContain(phone);
    expect(data.customers[0]?.phone).toBe(data.query);
  });

  it.each([
    ['no query', '', /query is required/],
    ['a blank query', 'query=%20', /query is required/],
    ['three digits', 'query=138', /a phone search needs at least 4 digits/],
    ['a limit over 50', 'query=1381&limit=51', /limit must be at most 50/],
    ['page 0', 'query=1381&page=0', /page must be at least 1/],
    ['a long query', `query=${'x'.repeat(65)}`, /query is longer than 64 characters/],
    ['an unknown store', 'query=1381&store_id=S999', /unknown store: S999/],
  ])('When the search has %s, Then 400 says what is wrong', async (_what, query, message) => {
    const res = await getJson(server.api, `${SEARCH}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(message);
  });
});
