/**
 * The slipping-away route answers from the columns once the run's predictions are read: after the copy is in, a
 * customer's rows are removed from the database behind its back (no new data version, which no real write does),
 * so the SQL's list changes while the copy's does not — the route keeps giving the copy's list.
 */
import type { SlippingAway } from '@portrait/shared/models';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { slippingAway } from '../../../db/queries/slipping-away';
import { loadDemo } from '../../demo/load-demo';

const END = '2025-06-30';
const PATH = '/api/v1/portrait/churn/customers?from=2025-06-01&to=2025-06-30&pageSize=6';

describe.each(databaseKinds())('Slipping-away route from the columns (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 5, endDate: END });
    server = await startTestServer(database, { CUSTOMER_COLUMNS: 'on' });
    await server.models.idle();
    for (let i = 0; i < 600; i++) {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { customerColumns: unknown };
      if (health.customerColumns) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When the database changes behind the copy, Then the route still gives the copy’s list', async () => {
    const list = async () => {
      const answer = await getData<SlippingAway>(server.api, PATH);
      if (answer.status !== 'ready') throw new Error('not ready');
      return { total: answer.total, ids: answer.customers.map((c) => c.customerId) };
    };
    const before = await list();
    expect(before.total).toBeGreaterThan(6);
    const top = before.ids[0]!;
    await database.db.execute(sql`delete from customer_store_days where customer_id = ${top}`);
    const run = (await server.models.status()).ready!;
    const bySql = await slippingAway(database.db, {
      runId: run.id,
      period: { from: '2025-06-01', to: '2025-06-30' },
      stores: null,
      asOfDay: run.asOfDay!,
      limit: 6,
      offset: 0,
    });
    expect(bySql.rows[0]?.customerId).not.toBe(top);
    // The route answers by SQL until the predictions' read that the first request started is in, then by the copy.
    let after = await list();
    for (let i = 0; i < 100 && after.ids[0] !== top; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await list();
    }
    expect(after).toEqual(before);
  }, 60_000);
});
