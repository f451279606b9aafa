/**
 * The start-up and the columns snapshot on PostgreSQL (server.ts, `snapshotArrival`): a process whose copy is coming
 * from a snapshot listens once the copy is in place, so its first questions are answered from it (on the large demo
 * a custom overview asked 0.3 s after listening took 9 s by SQL while the copy was being read); a process whose copy
 * loads from the database (minutes on a large chain) listens without waiting for it. PGlite keeps no snapshot and
 * loads after listening (snapshot-load.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataVersion } from '../../../db/queries/data-meta';
import { anonymous, login, seedTestUsers } from '../../../__tests__/helpers/http';
import { openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { SNAPSHOT_WAIT_MS, start } from '../../../server';
import { loadDemo } from '../../demo/load-demo';

const END = '2025-06-30';
/** A custom range: never precomputed, so the columns (or the SQL) answer it. */
const CUSTOM = 'from=2025-02-03&to=2025-05-17';
const ENV = {
  PORT: 0,
  HOST: '127.0.0.1',
  DEMO_SIZE: 'none',
  LOG_LEVEL: 'silent',
  PRECOMPUTE: 'off',
  RESULT_CACHE: 'off',
} as const;

type Health = { customerColumns: { version: number } | null };
const health = async (url: string) =>
  (await anonymous(url).request<never>('GET', '/healthz')).body as unknown as Health;

describe.skipIf(!process.env.TEST_DATABASE_URL)('Start-up with a columns snapshot (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let dir = '';

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    await seedTestUsers(database);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-start-test-'));
  }, 240_000);
  afterAll(async () => {
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Given no snapshot and a database load held up, When a process starts, Then it listens without waiting for the copy, which is then written', async () => {
    // Holds the database load at its last table, so it surely outlasts the start.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    let server: Awaited<ReturnType<typeof start>> | null = null;
    try {
      await holder.query('begin');
      await holder.query('lock table customer_store_firsts in access exclusive mode');
      const began = performance.now();
      server = await start({ ...ENV, COLUMNS_SNAPSHOT_DIR: dir }, { database });
      // It did not wait as for a snapshot (it listens at once on an idle machine; the wait's bound is 10 s).
      expect(performance.now() - began).toBeLessThan(SNAPSHOT_WAIT_MS / 2);
      expect((await health(server.url)).customerColumns).toBeNull();
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    try {
      const version = await getDataVersion(database.db);
      for (let i = 0; i < 600 && (await health(server.url)).customerColumns === null; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect((await health(server.url)).customerColumns?.version).toBe(version);
      expect(fs.readdirSync(dir).filter((n) => n.endsWith('.snap'))).toHaveLength(1);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('Given a snapshot, When a process starts, Then its copy is in place as it listens and the first custom question is answered as by the SQL', async () => {
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.snap'))).toHaveLength(1);
    const version = await getDataVersion(database.db);
    const server = await start({ ...ENV, COLUMNS_SNAPSHOT_DIR: dir }, { database });
    const sql = await start({ ...ENV, CUSTOMER_COLUMNS: 'off' }, { database });
    try {
      // Before any request: the copy came from the snapshot before the server listened.
      expect((await health(server.url)).customerColumns?.version).toBe(version);
      const path = `/api/v1/portrait/overview?${CUSTOM}`;
      const first = await (await login(server.url, 'analyst')).request('GET', path);
      const bySql = await (await login(sql.url, 'analyst')).request('GET', path);
      expect(first.status).toBe(200);
      expect(first.text).toBe(bySql.text);
    } finally {
      await server.stop();
      await sql.stop();
    }
  }, 120_000);
});
