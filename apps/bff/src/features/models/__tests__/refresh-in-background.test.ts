/**
 * Fits never block the dashboard: while a refresh is held at one of its steps (a gate in place of the usual
 * yield to the event loop), every endpoint answers at once — "fitting" before the first fit, the previous fit
 * (flagged not current, refitting) after a data change — and the new run replaces the old one when it is done.
 */
import type { Churn, Clusters, SlippingAway } from '@portrait/shared/models';
import type { Kpis } from '@portrait/shared/portrait';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, login, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { start } from '../../../server';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { bumpDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';

const SCOPE = 'from=2025-04-01&to=2025-06-30';

function gate() {
  let release: () => void = () => undefined;
  let closed: Promise<void> = Promise.resolve();
  let waiting = 0;
  return {
    pause: async () => {
      waiting++;
      await closed;
      waiting--;
    },
    close: () => {
      closed = new Promise<void>((resolve) => (release = resolve));
    },
    open: () => release(),
    /** Resolves once the refresh is parked at the gate. */
    parked: async () => {
      while (waiting === 0) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

describe.each(databaseKinds())('Model refresh runs in the background (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  const g = gate();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    g.close();
    server = await startTestServer(database, {}, { models: { pause: g.pause } });
  });
  afterAll(async () => {
    g.open();
    await server?.stop();
    await database?.dispose();
  });

  it('When the first fit has not finished, Then the endpoints say "fitting" and the rest of the dashboard answers', async () => {
    await g.parked();
    expect(await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}`)).toEqual({
      status: 'fitting',
    });
    expect(await getData<Clusters>(server.api, `/api/v1/portrait/clusters?${SCOPE}`)).toEqual({
      status: 'fitting',
    });
    expect(await getData<SlippingAway>(server.api, `/api/v1/portrait/churn/customers?${SCOPE}`)).toEqual({
      status: 'fitting',
    });
    const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${SCOPE}`);
    expect(kpis.activeCustomers.value).toBeGreaterThan(0);
  });

  it('When the fit completes, Then the figures are served as current', async () => {
    g.open();
    await server.models.idle();
    const churn = await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}`);
    expect(churn.status).toBe('ready');
    if (churn.status === 'ready') expect(churn.model).toMatchObject({ current: true, refitting: false });
  });

  it('When the data changes, Then the old fit keeps answering (not current, refitting) until the new run replaces it', async () => {
    const before = await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}`);
    if (before.status !== 'ready') throw new Error('not ready');
    g.close();
    await bumpDataVersion(database.db);
    await server.models.dataChanged();
    await g.parked();

    const during = await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}`);
    if (during.status !== 'ready') throw new Error('the old fit should still answer');
    expect(during.model).toMatchObject({ runId: before.model.runId, current: false, refitting: true });
    expect(during.figures).toEqual(before.figures);
    const list = await getData<SlippingAway>(
      server.api,
      `/api/v1/portrait/churn/customers?${SCOPE}&pageSize=3`,
    );
    expect(list.status).toBe('ready');

    g.open();
    await server.models.idle();
    const after = await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}`);
    if (after.status !== 'ready') throw new Error('not ready');
    expect(after.model.runId).toBeGreaterThan(before.model.runId);
    expect(after.model).toMatchObject({ current: true, refitting: false });
    // Same data, so the same figures; the old run's rows are gone.
    expect(after.figures).toEqual(before.figures);
    const left = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*) as n from customer_predictions where run_id = ${before.model.runId}`,
    );
    expect(Number(left[0]?.n)).toBe(0);
  });

  it('When the server stops in the middle of a refresh, Then nothing half-written stays and the next start fits that data', async () => {
    g.close();
    await bumpDataVersion(database.db);
    await server.models.dataChanged();
    await g.parked();
    const stopping = server.stop();
    g.open();
    await stopping;
    const runs = await queryRows<{ status: string }>(
      database.db,
      sql`select status from model_runs order by id`,
    );
    expect(runs.map((r) => r.status)).toEqual(['ready']);

    const again = await start(
      { PORT: 0, HOST: '127.0.0.1', DEMO_SIZE: 'none', LOG_LEVEL: 'silent' },
      { database },
    );
    try {
      await again.models.idle();
      const client = await login(again.url, 'analyst');
      const churn = await getData<Churn>(client, `/api/v1/portrait/churn?${SCOPE}`);
      if (churn.status !== 'ready') throw new Error('not ready');
      expect(churn.model).toMatchObject({ current: true, refitting: false });
    } finally {
      await again.stop();
    }
  });
});
