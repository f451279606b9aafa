/**
 * Several BFF processes share one database (behind a load balancer), so one fits the models at a time: a process
 * that starts while another fits must neither delete that run as abandoned nor start a fit of its own, and it
 * serves the run once it is done. A run left `fitting` by a process that died is still cleared and refitted.
 * The "processes" are two servers with their own connection pools on one PostgreSQL database (advisory locks
 * are per connection); PGlite is one process's database, so only the dead-process case runs on it.
 */
import type { Churn } from '@portrait/shared/models';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, login, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { start, type RunningServer } from '../../../server';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { openDatabase, type Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';

const SCOPE = 'from=2025-04-01&to=2025-06-30';

type Run = { id: number; status: string };
const runsOf = (database: Database) =>
  queryRows<Run>(database.db, sql`select id, status from model_runs order by id`).then((rows) =>
    rows.map((r) => ({ id: Number(r.id), status: r.status })),
  );

/** A pause that holds a refresh at its first step until opened. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let parked = false;
  return {
    pause: async () => {
      parked = true;
      await opened;
    },
    open: () => open(),
    parked: async () => {
      while (!parked) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('Model fits across two processes on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let second: Database;
  let a: TestServer;
  let b: RunningServer;
  const g = gate();

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await loadDemo(database, { size: 'small', seed: 5, endDate: '2025-06-30' });
    second = await openDatabase({ url: database.url ?? '' });
  });
  afterAll(async () => {
    g.open();
    await Promise.all([a?.stop(), b?.stop()]);
    await second?.close();
    await database?.dispose();
  });

  it('When B starts while A fits, Then B leaves A’s run alone, fits nothing itself, says "fitting", and serves A’s run once done', async () => {
    a = await startTestServer(database, {}, { models: { pause: g.pause } });
    await g.parked();
    const [fitting] = await runsOf(database);
    expect(fitting?.status).toBe('fitting');

    // B: the users are there already (A seeded them).
    b = await start(
      { PORT: 0, HOST: '127.0.0.1', DEMO_SIZE: 'none', LOG_LEVEL: 'silent' },
      { database: second, models: { pollMs: 50 } },
    );
    const onB = await login(b.url, 'analyst');
    await b.models.idle();
    // Several of B's polls have passed: still A's one run, untouched.
    await new Promise((r) => setTimeout(r, 300));
    expect(await runsOf(database)).toEqual([fitting]);
    expect(await getData<Churn>(onB, `/api/v1/portrait/churn?${SCOPE}`)).toEqual({ status: 'fitting' });

    g.open();
    await a.models.idle();
    expect(await runsOf(database)).toEqual([{ id: fitting!.id, status: 'ready' }]);
    const churn = await getData<Churn>(onB, `/api/v1/portrait/churn?${SCOPE}`);
    if (churn.status !== 'ready') throw new Error(`B: ${churn.status}`);
    expect(churn.model).toMatchObject({ runId: fitting!.id, current: true, refitting: false });
  });
});

describe.each(databaseKinds())('A run left fitting by a process that died (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: TestServer;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 5, endDate: '2025-06-30' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When a process starts, Then it clears that run and fits the data', async () => {
    const version = await getDataVersion(database.db);
    const left = await queryRows<{ id: number }>(
      database.db,
      sql`insert into model_runs (data_version, status, started_at) values (${version}, 'fitting', now())
          returning id`,
    );
    server = await startTestServer(database);
    await server.models.idle();
    const runs = await runsOf(database);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('ready');
    expect(runs[0]!.id).toBeGreaterThan(Number(left[0]!.id));
  });

  it("Then the planner's statistics count the new run's predictions (analysed after the fit, not left to autovacuum)", async () => {
    const [stats] = await queryRows<{ estimated: number; actual: string }>(
      database.db,
      sql`select (select reltuples from pg_class where relname = 'customer_predictions') as estimated,
                 (select count(*) from customer_predictions) as actual`,
    );
    expect(Number(stats!.actual)).toBeGreaterThan(0);
    expect(Number(stats!.estimated)).toBe(Number(stats!.actual));
  });
});
