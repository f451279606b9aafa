/** A wrong request gets a 4xx that says what was wrong — never a 500, never a stack trace (PRODUCT §6). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadFixtureChain } from '../../__tests__/helpers/fixture-chain';
import { getJson, startTestServer, type TestServer } from '../../__tests__/helpers/http';
import { openTestDatabase } from '../../__tests__/helpers/test-databases';

const PANELS = ['overview', 'kpis', 'segments', 'hourly', 'top-products', 'channels'];

describe('Bad requests to the portrait API', () => {
  let server: TestServer;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const database = await openTestDatabase('pglite');
    dispose = database.dispose;
    await loadFixtureChain(database, {
      cities: [
        { name: '上海', province: '上海市' },
        { name: '北京', province: '北京市' },
      ],
      stores: [
        { id: 'S1', name: '上海人民广场店', city: '上海' },
        { id: 'S2', name: '北京王府井店', city: '北京' },
      ],
      products: [{ id: 'P1', name: '经典热狗', category: '热狗' }],
      orders: [{ id: 'o1', customerId: 'c1', storeId: 'S1', at: '2025-03-01 12:00', amount: 20 }],
    });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  const cases: [string, string, RegExp][] = [
    ['a missing from', 'to=2025-03-01', /from is required/],
    ['a malformed date', 'from=2025-3-1&to=2025-03-10', /from must be a real calendar date/],
    ['an impossible date', 'from=2025-02-30&to=2025-03-10', /from must be a real calendar date/],
    ['from after to', 'from=2025-03-10&to=2025-03-01', /from \(2025-03-10\) is after to \(2025-03-01\)/],
    ['a range over three years', 'from=2020-01-01&to=2025-03-01', /longer than 1096 days/],
    ['an unknown city', 'from=2025-03-01&to=2025-03-10&city=火星', /unknown city: 火星/],
    ['an unknown store', 'from=2025-03-01&to=2025-03-10&store=S1,S999', /unknown store: S999/],
    [
      'a store outside the chosen city',
      'from=2025-03-01&to=2025-03-10&city=上海&store=S2',
      /store S2 is not in the chosen cities \(上海\)/,
    ],
    ['a nested parameter', 'from[a]=1&to=2025-03-10', /from is required/],
    ['an SQL-looking city', "from=2025-03-01&to=2025-03-10&city=x'%20or%201=1--", /unknown city/],
    [
      'a very long value',
      `from=2025-03-01&to=2025-03-10&store=${'x'.repeat(100)}`,
      /longer than 64 characters/,
    ],
    ['a broken percent-encoding', 'from=2025-03-01&to=2025-03-10&city=%E0%A4%A', /unknown city/],
  ];

  it.each(cases)(
    'When the query has %s, Then every panel answers 400 with a message that says so',
    async (_name, qs, message) => {
      for (const panel of PANELS) {
        const { status, body } = await getJson(server.api, `/api/v1/portrait/${panel}?${qs}`);
        expect(status, panel).toBe(400);
        expect(body.success).toBe(false);
        expect(body.error?.code).toBe('bad_request');
        expect(body.error?.message).toMatch(message);
        expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      }
    },
  );

  it('When top products are ranked by an unknown measure, Then the answer is 400', async () => {
    const { status, body } = await getJson(
      server.api,
      '/api/v1/portrait/top-products?from=2025-03-01&to=2025-03-10&by=price',
    );
    expect(status).toBe(400);
    expect(body.error?.message).toMatch(/by must be quantity or revenue/);
  });

  it('When a route does not exist, Then the answer is a 404 envelope', async () => {
    const { status, body } = await getJson(server.api, '/api/v1/portrait/nothing-here');
    expect(status).toBe(404);
    expect(body).toEqual({
      success: false,
      error: { code: 'not_found', message: 'no API route GET /api/v1/portrait/nothing-here' },
    });
  });

  it("When health is checked, Then it reports the database kind and the columns' version, no business figures", async () => {
    type Health = { status: string; database: string; customerColumns: unknown; predictionsRead: unknown };
    const health = async () => {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      return (await res.json()) as Health;
    };
    // The columns load in the background after the start; the answer names them once they hold a version.
    let body = await health();
    for (let i = 0; i < 100 && body.customerColumns === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      body = await health();
    }
    expect(body).toEqual({
      status: 'ok',
      database: 'pglite',
      customerColumns: { version: expect.any(Number), loadMs: expect.any(Number), bytes: expect.any(Number) },
      // The served churn run's predictions, once read ahead for the copy (none before the first fit): ids and times.
      predictionsRead:
        body.predictionsRead === null
          ? null
          : { runId: expect.any(Number), version: expect.any(Number), readMs: expect.any(Number) },
    });
  });

  it('When a request id is sent, Then it is echoed back for tracing', async () => {
    const res = await fetch(`${server.url}/api/v1/meta/filters`, {
      headers: { 'x-request-id': 'trace-123', cookie: server.api.cookie },
    });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    const body = (await res.json()) as { data: { cities: unknown[]; lastDay: string } };
    expect(body.data.cities).toEqual([
      { name: '北京', nameEn: 'Beijing', province: '北京市', stores: [{ id: 'S2', name: '北京王府井店' }] },
      {
        name: '上海',
        nameEn: 'Shanghai',
        province: '上海市',
        stores: [{ id: 'S1', name: '上海人民广场店' }],
      },
    ]);
    expect(body.data.lastDay).toBe('2025-03-01');
  });
});
