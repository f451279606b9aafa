/**
 * The whole data's quality report is computed in the background once per data version and stored: the page never
 * waits ("computing" until it is stored, with the previous version's report), the stored report equals the one
 * computed directly, another process (or a restart) reads it at once, an import makes a new one, and only one
 * process computes it (the advisory lock).
 */
import type { DataQuality } from '@portrait/shared/imports';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { overallQuality } from '../../../db/queries/data-quality-overall';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import { start, type RunningServer } from '../../../server';
import { loadDemo } from '../../demo/load-demo';
import { createQualityJob } from '../quality-job';
import {
  getData,
  login,
  readyQuality,
  startTestServer,
  upload,
  waitForJob,
  type TestServer,
} from '../../../__tests__/helpers/http';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const storedVersions = async (database: Database) =>
  (
    await queryRows<{ data_version: number }>(
      database.db,
      sql`select data_version from data_quality_reports order by data_version`,
    )
  ).map((r) => Number(r.data_version));

/** The report as stored, without the instant it was computed at. */
const figures = ({ computedAt: _, ...rest }: NonNullable<DataQuality['overall']>) => rest;

describe.each(databaseKinds())('The stored data-quality report (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  let other: RunningServer | undefined;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 7, endDate: '2025-06-30' });
    server = await startTestServer(database);
  }, 240_000);
  afterAll(async () => {
    await other?.stop();
    await server?.stop();
    await database?.dispose();
  });

  it('When the page is first asked, Then it answers "computing" at once, and then the stored report, equal to computing it directly', async () => {
    const version = await getDataVersion(database.db);
    const first = await getData<DataQuality>(server.api, '/api/v1/data-quality');
    expect(first).toMatchObject({ state: 'computing', dataVersion: version, overall: null, previous: null });
    expect(first.context.demo).toBe(true);

    const ready = await readyQuality(server.api);
    expect(ready.previous).toBeNull();
    expect(ready.overall.dataVersion).toBe(version);
    expect(figures(ready.overall)).toEqual({ dataVersion: version, ...(await overallQuality(database.db)) });
    expect(ready.overall.orders.orders).toBeGreaterThan(1000);
    expect(await storedVersions(database)).toEqual([version]);
  });

  it('When another process (or a restart) opens the page, Then it reads the stored report at once, not computing it again', async () => {
    const stored = await readyQuality(server.api);
    other = await start({ PORT: 0, HOST: '127.0.0.1', DEMO_SIZE: 'none', LOG_LEVEL: 'silent' }, { database });
    const seen = await getData<DataQuality>(await login(other.url, 'analyst'), '/api/v1/data-quality');
    expect(seen.state).toBe('ready');
    // The same instant: read from the table, not computed again.
    expect(seen.overall).toEqual(stored.overall);
  });

  it('When an import changes the data, Then the page shows the previous report marked as such while the new one is computed, then the new one', async () => {
    const before = await readyQuality(server.api);
    const admin = await server.as('admin');
    const res = await upload(admin, CLEAN);
    expect((await waitForJob(admin, res.body.data.id)).status).toBe('succeeded');
    const version = await getDataVersion(database.db);
    expect(version).toBeGreaterThan(before.overall.dataVersion);

    const computing = await getData<DataQuality>(server.api, '/api/v1/data-quality');
    expect(computing).toMatchObject({ state: 'computing', dataVersion: version, overall: null });
    expect(computing.previous).toEqual(before.overall);
    expect(computing.context).toEqual({ demo: true, imported: true });

    const after = await readyQuality(server.api);
    expect(after.previous).toBeNull();
    expect(figures(after.overall)).toEqual({ dataVersion: version, ...(await overallQuality(database.db)) });
    // CLEAN brings 4 orders (O1–O4) and one more orphan-free customer set.
    expect(after.overall.orders.orders).toBe(before.overall.orders.orders + 4);
    expect(after.imports[0]?.quality).not.toBeNull();
    // Only the newest report is kept.
    expect(await storedVersions(database)).toEqual([version]);
  });

  it('When another process holds the lock, Then this one does not compute; once it is free, one run stores the report', async () => {
    const logger = createLogger('silent');
    await database.db.execute(sql`delete from data_quality_reports`);
    const job = createQualityJob({ database, reads: database.db, logger });
    const lock = await database.tryLock(7_090_902);
    expect(lock).not.toBeNull();
    await job.check();
    expect(await storedVersions(database)).toEqual([]);
    await lock?.release();
    await Promise.all([job.check(), job.check()]);
    expect(await storedVersions(database)).toEqual([await getDataVersion(database.db)]);
    await job.stop();
  });
});
