/**
 * The churn gauge and clusters routes answer custom ranges from the columns once the run's predictions are read,
 * with the SQL's bytes (but the model's age in seconds): a server with the copy and one without (CUSTOMER_COLUMNS=off) on one database give the same
 * text for the chain, a city, one store and a manager's stores. Then a day of customer_store_days is removed behind
 * the copy's back (no new data version, which no real write does): the SQL's answers change, the copy server's keep
 * being the copy's — the figures it gives come from the copy. No result cache, so every answer is computed.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { listStores } from '../../../db/queries/meta';
import { start, type RunningServer } from '../../../server';
import { loadDemo } from '../../demo/load-demo';

const END = '2025-06-30';
const RANGE = 'from=2025-05-20&to=2025-06-27';
const ENV = { RESULT_CACHE: 'off' as const, LOG_LEVEL: 'silent' as const };

describe.each(databaseKinds())('Churn gauge and clusters routes from the columns (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  let bySql: RunningServer;
  /** [label, path, as whom] */
  const asked: [string, string, 'analyst' | 'manager'][] = [];
  const clients = new Map<string, Client>();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 5, endDate: END });
    server = await startTestServer(database, { ...ENV, CUSTOMER_COLUMNS: 'on' });
    await server.models.idle();
    bySql = await start(
      { ...ENV, PORT: 0, HOST: '127.0.0.1', DEMO_SIZE: 'none', CUSTOMER_COLUMNS: 'off' },
      { database },
    );
    for (let i = 0; i < 600; i++) {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { customerColumns: unknown };
      if (health.customerColumns) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const who of ['analyst', 'manager'] as const) {
      clients.set(`copy ${who}`, await login(server.url, who));
      clients.set(`sql ${who}`, await login(bySql.url, who));
    }
    const stores = await listStores(database.db);
    const city = stores[0]!.city;
    for (const panel of ['churn', 'clusters']) {
      const path = `/api/v1/portrait/${panel}?${RANGE}`;
      asked.push([`${panel}, the chain`, path, 'analyst']);
      asked.push([`${panel}, a city`, `${path}&city=${encodeURIComponent(city)}`, 'analyst']);
      asked.push([`${panel}, one store`, `${path}&store=${encodeURIComponent(stores[1]!.id)}`, 'analyst']);
      asked.push([`${panel}, a manager's stores`, path, 'manager']);
    }
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
    await bySql?.stop();
    await database?.dispose();
  });

  const ask = async (side: 'copy' | 'sql', path: string, who: 'analyst' | 'manager') => {
    const res = await clients.get(`${side} ${who}`)!.request<{ model: unknown }>('GET', path);
    expect(res.status, `${side} ${path}`).toBe(200);
    // The answer's text but the model's age, which moves by the second.
    return res.text.replace(/"ageSeconds":\d+,/, '');
  };

  it('When both servers are asked, Then the copy server gives the SQL’s bytes; after a day is removed behind the copy, only the SQL’s answers change', async () => {
    const before = new Map<string, string>();
    for (const [label, path, who] of asked) {
      const text = await ask('sql', path, who);
      expect(text, label).toContain('"status":"ready"');
      expect(await ask('copy', path, who), label).toBe(text);
      before.set(label, text);
    }
    await database.db.execute(sql`delete from customer_store_days where day = '2025-06-10'`);
    for (const [label, path, who] of asked)
      expect(await ask('sql', path, who), label).not.toBe(before.get(label));
    // The first questions started the predictions' read: until it is in, the SQL answers; then the copy.
    for (const [label, path, who] of asked) {
      let text = await ask('copy', path, who);
      for (let i = 0; i < 100 && text !== before.get(label); i++) {
        await new Promise((r) => setTimeout(r, 200));
        text = await ask('copy', path, who);
      }
      expect(text, label).toBe(before.get(label));
    }
  }, 120_000);
});
