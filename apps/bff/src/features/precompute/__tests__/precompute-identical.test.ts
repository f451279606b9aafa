/**
 * The preset scopes' precomputed answers are byte-identical to computing them, for every dashboard endpoint and
 * role (a store manager's effective scope is their stores, so the key is the scope after access control), a
 * freshly started process answers a preset from the table, and a data change makes old answers unreachable.
 */
import { presetRange } from '@portrait/shared/dates';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { bumpDataVersion, getDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';
import { start, type RunningServer } from '../../../server';
import { loadDemo } from '../../demo/load-demo';
import { login, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const END = '2025-06-30';
const ENDPOINTS = ['overview', 'geo', 'paths', 'suggestions', 'churn', 'clusters'] as const;
const ROLES = ['admin', 'analyst', 'executive', 'manager'] as const;
const ENV = { PORT: 0, HOST: '127.0.0.1', DEMO_SIZE: 'none', LOG_LEVEL: 'silent' } as const;

describe.each(databaseKinds())('Precomputed preset scopes (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let writer: TestServer;
  /** Entries the precompute's own cache held once its run was over. */
  let heldAfterRun = -1;
  let computing: RunningServer;
  let fresh: RunningServer;
  let city = '';
  let store = '';

  async function bodies(server: RunningServer, role: (typeof ROLES)[number], query: string) {
    const client: Client = await login(server.url, role);
    const out: Record<string, string> = {};
    for (const e of ENDPOINTS) {
      const res = await client.request('GET', `/api/v1/portrait/${e}?${query}`);
      // The model's age is the request's own (seconds since the fit), not part of a stored answer.
      out[e] = `${res.status} ${res.text.replace(/"ageSeconds":\d+/g, '"ageSeconds":-')}`;
    }
    return out;
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    writer = await startTestServer(database, { PRECOMPUTE: 'on' });
    await writer.models.idle();
    expect(await writer.precompute.settle()).toBe(true);
    heldAfterRun = writer.precompute.cached();
    await writer.stop();
    computing = await start({ ...ENV, RESULT_CACHE: 'off' }, { database });
    fresh = await start({ ...ENV, RESULT_CACHE: 'on', PRECOMPUTE: 'off' }, { database });
    const stores = await queryRows<{ id: string; city: string }>(
      database.db,
      sql`select id, city from stores order by id`,
    );
    store = stores.at(-1)?.id ?? '';
    city = stores.find((s) => !writer.managerStores.includes(s.id))?.city ?? '';
  }, 240_000);
  afterAll(async () => {
    await fresh?.stop();
    await computing?.stop();
    await database?.dispose();
  });

  it('When the data is loaded, Then every preset scope has its answers stored for the current version', async () => {
    const version = await getDataVersion(database.db);
    const rows = await queryRows<{ endpoint: string; n: string }>(
      database.db,
      sql`select endpoint, count(*) as n from precomputed_results where data_version = ${version} group by endpoint`,
    );
    const counts = Object.fromEntries(rows.map((r) => [r.endpoint, Number(r.n)]));
    const [run] = await queryRows<{ id: number }>(
      database.db,
      sql`select id from model_runs where status = 'ready'`,
    );
    const model = [`churn:${run?.id}`, `clusters:${run?.id}`];
    for (const e of [
      'kpis',
      'segments',
      'hourly',
      'top-products:quantity',
      'channels',
      'geo',
      'paths:5',
      ...model,
    ])
      expect(counts[e], e).toBeGreaterThan(20);
  });

  it('When the precompute has finished, Then its own cache is empty (nothing it computed stays in the heap)', () => {
    expect(heldAfterRun).toBe(0);
  });

  it('When a fresh process answers presets for each role, Then the bytes equal computing them', async () => {
    const scopes = [
      presetRange('last30', END),
      { ...presetRange('today', END) },
      { ...presetRange('last365', END), city },
      { ...presetRange('last7', END), store },
      { ...presetRange('lastMonth', END), city },
    ];
    for (const s of scopes) {
      const query = new URLSearchParams(s as Record<string, string>).toString();
      for (const role of ROLES) {
        const expected = await bodies(computing, role, query);
        const actual = await bodies(fresh, role, query);
        expect(actual, `${role} ${query}`).toEqual(expected);
      }
    }
  }, 120_000);

  it('When an answer is in the table, Then a fresh process serves it from there and not from its own computing', async () => {
    const version = await getDataVersion(database.db);
    const range = presetRange('last90', END);
    const key = `${range.from}|${range.to}|${store}`;
    const rows = await database.db.execute(
      sql`update precomputed_results set body = '[{"marker":1}]'
          where data_version = ${version} and endpoint = 'channels' and scope_key = ${key}`,
    );
    expect((rows as unknown as { affectedRows?: number; rowCount?: number }).affectedRows ?? 1).toBe(1);
    const reader = await start({ ...ENV, RESULT_CACHE: 'on', PRECOMPUTE: 'off' }, { database });
    try {
      const client = await login(reader.url, 'analyst');
      const res = await client.request<{ channels: unknown }>(
        'GET',
        `/api/v1/portrait/overview?from=${range.from}&to=${range.to}&store=${store}`,
      );
      expect(res.body.data.channels).toEqual([{ marker: 1 }]);
      // A data change makes the stored answers unreachable: the same request now computes.
      await bumpDataVersion(database.db);
      const after = await client.request<{ channels: unknown }>(
        'GET',
        `/api/v1/portrait/overview?from=${range.from}&to=${range.to}&store=${store}`,
      );
      expect(after.body.data.channels).not.toEqual([{ marker: 1 }]);
      const truth = await (
        await login(computing.url, 'analyst')
      ).request('GET', `/api/v1/portrait/overview?from=${range.from}&to=${range.to}&store=${store}`);
      expect(after.text).toBe(truth.text);
    } finally {
      await reader.stop();
    }
  }, 60_000);
});
