/**
 * A chain that has imported only its first day has no repeat buyer, so Gamma-Gamma cannot be fitted: the model
 * endpoints must say the fit failed and why, not "fitting" for ever, and a data change must start a new attempt.
 */
import type { Churn, Clusters, SlippingAway } from '@portrait/shared/models';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { loadFixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { bumpDataVersion, getDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';

const SCOPE = 'from=2025-06-30&to=2025-06-30';

const FIRST_DAY = {
  cities: [{ name: '上海', province: '上海' }],
  stores: [{ id: 'S1', name: '人民广场店', city: '上海' }],
  products: [],
  orders: ['C1', 'C2', 'C3'].map((customerId, i) => ({
    id: `O${i}`,
    customerId,
    storeId: 'S1',
    at: `2025-06-30 1${i}:15`,
    amount: 30 + i,
  })),
};

describe.each(databaseKinds())('Model endpoints on an empty database (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;

  const runs = () =>
    queryRows<{ data_version: number; status: string }>(
      database.db,
      sql`select data_version, status from model_runs order by id`,
    );

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, FIRST_DAY);
    server = await startTestServer(database, {}, { models: { pollMs: 3_600_000 } });
    await server.models.idle();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When the fit failed (no repeat buyer yet), Then churn, slipping-away and clusters answer "failed" with the reason', async () => {
    expect((await runs()).map((r) => r.status)).toEqual(['failed']);
    for (const path of ['churn', 'churn/customers', 'clusters']) {
      const answer = await getData<Churn | SlippingAway | Clusters>(
        server.api,
        `/api/v1/portrait/${path}?${SCOPE}`,
      );
      expect(answer.status).toBe('failed');
      if (answer.status === 'failed') expect(answer.error).toMatch(/repeat buyer/);
    }
  });

  it('When the data changes, Then a new fit is attempted for the new version', async () => {
    await bumpDataVersion(database.db);
    await server.models.dataChanged();
    await server.models.idle();
    const version = await getDataVersion(database.db);
    const after = await runs();
    expect(after.at(-1)).toMatchObject({ data_version: version, status: 'failed' });
    const churn = await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}`);
    expect(churn.status).toBe('failed');
  });
});
