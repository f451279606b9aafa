/**
 * The start-up warm-up (features/warm-up) over real HTTP on both databases: with the presets precomputed, a fresh
 * process warms up from stored answers before it listens and writes nothing; its answers equal a process with every
 * cache off; after a data change (nothing stored for the new version) and on an empty database it reads nothing,
 * computes nothing, and the server starts and answers as usual.
 */
import { presetRange } from '@portrait/shared/dates';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';
import { start, type RunningServer } from '../../../server';
import { loadDemo } from '../../demo/load-demo';
import { anonymous, login, startTestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const END = '2025-06-30';
const ENV = {
  PORT: 0,
  HOST: '127.0.0.1',
  DEMO_SIZE: 'none',
  LOG_LEVEL: 'silent',
  PRECOMPUTE: 'off',
} as const;
const ENDPOINTS = ['overview', 'geo', 'paths?steps=5&', 'suggestions'];
type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

/** Rows of the tables a warm-up must not write (answers, suggestions, sessions, audit) and its own connections. */
async function footprint(database: TestDatabase) {
  const rows = await queryRows<{
    answers: string;
    runs: string;
    suggestions: string;
    sessions: string;
    audit: string;
  }>(
    database.db,
    sql`select (select count(*) from precomputed_results) as answers,
               (select count(*) from ai_suggestion_runs) as runs,
               (select count(*) from ai_marketing_suggestions) as suggestions,
               (select count(*) from sessions) as sessions,
               (select count(*) from audit_log) as audit`,
  );
  return rows[0];
}

/** Each dashboard endpoint's body for `query`, signed in as the analyst. */
async function bodies(server: RunningServer, query: string) {
  const client = await login(server.url, 'analyst');
  const out: string[] = [];
  for (const e of ENDPOINTS) {
    const path = `/api/v1/portrait/${e}${e.endsWith('&') ? '' : '?'}${query}`;
    const res = await client.request('GET', path);
    out.push(`${e} ${res.status} ${res.text}`);
  }
  return out;
}

describe.each(databaseKinds())('Start-up warm-up (%s)', (kind) => {
  let database: TestDatabase;
  const last365 = presetRange('last365', END);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    const writer = await startTestServer(database, { PRECOMPUTE: 'on' });
    await writer.models.idle();
    expect(await writer.precompute.settle()).toBe(true);
    await writer.stop();
  }, 240_000);
  afterAll(async () => {
    await database?.dispose();
  });

  it('Given the presets are stored, When a process starts, Then it has warmed up from them before listening and written nothing', async () => {
    const before = await footprint(database);
    const fresh = await start({ ...ENV, RESULT_CACHE: 'on' }, { database });
    try {
      expect(fresh.warmUp).toMatchObject({
        connections: kind === 'postgres' ? 6 : 1,
        // The stored whole-chain preset with the earliest start: the last 365 days.
        period: `${last365.from}|${last365.to}`,
        endpoints: ['overview', 'geo', 'paths', 'suggestions'],
        httpRequests: 4,
      });
      expect(await footprint(database)).toEqual(before);
      if (kind === 'postgres') {
        // The kept connections are open (the pool keeps them when idle): at least the warmed ones.
        const open = await queryRows<{ n: string }>(
          database.db,
          sql`select count(*) as n from pg_stat_activity where datname = current_database()`,
        );
        expect(Number(open[0]?.n)).toBeGreaterThanOrEqual(6);
      }
    } finally {
      await fresh.stop();
    }
  });

  it('When a warmed-up process answers the presets, Then the bytes equal a process with every cache off', async () => {
    const warmed = await start({ ...ENV, RESULT_CACHE: 'on' }, { database });
    const off = await start({ ...ENV, RESULT_CACHE: 'off', WARM_UP: 'off' }, { database });
    try {
      expect(off.warmUp).toBeNull();
      for (const preset of ['last365', 'last30', 'today'] as const) {
        const query = new URLSearchParams(presetRange(preset, END)).toString();
        const got = await bodies(warmed, query);
        expect(got.every((b) => / 200 /.test(b))).toBe(true);
        expect(got).toEqual(await bodies(off, query));
      }
    } finally {
      await warmed.stop();
      await off.stop();
    }
  });

  it('Given the data changed since the precompute, When a process starts, Then the warm-up reads and computes nothing, and answers are of the new version', async () => {
    await bumpDataVersion(database.db);
    const before = await footprint(database);
    const fresh = await start({ ...ENV, RESULT_CACHE: 'on' }, { database });
    try {
      expect(fresh.warmUp).toMatchObject({ period: null, endpoints: [], httpRequests: 4 });
      // No answer computed or stored, no suggestions generated by the warm-up.
      expect(await footprint(database)).toEqual(before);
      const client = await login(fresh.url, 'analyst');
      const res = await client.request<{ dataVersion: number }>(
        'GET',
        `/api/v1/portrait/suggestions?${new URLSearchParams(last365).toString()}`,
      );
      const version = await queryRows<{ value: string }>(
        database.db,
        sql`select value from data_meta where key = 'data_version'`,
      );
      expect(res.status).toBe(200);
      expect(res.body.data.dataVersion).toBe(Number(version[0]?.value));
    } finally {
      await fresh.stop();
    }
  });
});

describe.each(databaseKinds())('Start-up warm-up on an empty database (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When a process starts with no data, Then the warm-up finds nothing to read and the server is ready and answers', async () => {
    const server = await start(
      { ...ENV, RESULT_CACHE: 'on', ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'a-long-password-1' },
      { database },
    );
    try {
      expect(server.warmUp).toMatchObject({ period: null, endpoints: [], httpRequests: 4 });
      expect((await anonymous(server.url).request('GET', '/healthz')).status).toBe(200);
      const admin = await login(server.url, 'root', 'a-long-password-1');
      const res = await admin.request('GET', '/api/v1/portrait/overview?from=2025-06-01&to=2025-06-30');
      expect(res.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
