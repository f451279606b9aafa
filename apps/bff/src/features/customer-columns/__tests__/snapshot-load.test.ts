/**
 * The columns' copy through a snapshot (snapshot-load.ts) on PostgreSQL: a database load writes it and the next load
 * reads it back equal to a fresh database load; other code, a cut file or a new data version mean a database load
 * (the older version's file removed); through the service the second process-like load comes from the snapshot
 * and answers exactly as the first. PGlite loads on the main thread and keeps no snapshot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion, getDataVersion } from '../../../db/queries/data-meta';
import { importTexts } from '../../../__tests__/helpers/import-files';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';
import { openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { createCustomerColumns } from '../customer-columns-service';
import { loadCopy } from '../load-copy';
import { loadCopyViaSnapshot, OTHER_CODE_GRACE_MS } from '../snapshot-load';

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;
const snapFiles = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.snap'));

/** A logger whose lines are kept (the load's line says where the copy came from). */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, loaded: () => lines.filter((l) => l.msg === 'customer columns loaded') };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('Customer columns snapshot (PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let dir = '';

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await importTexts(database, CLEAN);
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-load-test-'));
  });
  afterAll(async () => {
    await pool?.end();
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('When a copy is loaded twice, Then the second comes from the snapshot the first wrote, equal to a database load', async () => {
    const first = await loadCopyViaSnapshot(pool, dir, 'code-1');
    expect(first).toMatchObject({ from: 'database', note: 'no file' });
    expect(snapFiles(dir)).toHaveLength(1);
    const second = await loadCopyViaSnapshot(pool, dir, 'code-1');
    expect(second).toMatchObject({ from: 'snapshot', note: null });
    const fresh = await loadCopy(pool);
    // The baskets' read time is the loading run's own measure (a snapshot keeps the first load's), not data.
    if (second.copy.baskets && fresh.baskets) second.copy.baskets.readMs = fresh.baskets.readMs;
    expect(second.copy).toStrictEqual(fresh);
    expect(second.copy.version).toBe(await getDataVersion(database.db));
  });

  it('When the code differs or the file is cut short, Then the copy loads from the database and is written again', async () => {
    expect(await loadCopyViaSnapshot(pool, dir, 'code-2')).toMatchObject({
      from: 'database',
      note: 'no file',
    });
    expect(snapFiles(dir)).toHaveLength(2); // one per code, both of this version
    for (const name of snapFiles(dir)) {
      const full = path.join(dir, name);
      fs.truncateSync(full, Math.floor(fs.statSync(full).size / 2));
    }
    expect(await loadCopyViaSnapshot(pool, dir, 'code-2')).toMatchObject({
      from: 'database',
      note: 'cut short',
    });
    expect(await loadCopyViaSnapshot(pool, dir, 'code-2')).toMatchObject({ from: 'snapshot' });
  });

  it('When the data version changes, Then the next load reads the database and the older version’s snapshots are removed', async () => {
    const before = snapFiles(dir);
    const version = await bumpDataVersion(database.db);
    const next = await loadCopyViaSnapshot(pool, dir, 'code-2');
    expect(next).toMatchObject({ from: 'database', note: 'no file' });
    expect(next.copy.version).toBe(version);
    const after = snapFiles(dir);
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
    expect(after[0]).toContain(`-v${version}-`);
  });

  it('Given another code’s snapshot of this version (a deploy before), When it has gone unused, Then the new code’s write or read removes it', async () => {
    const own = fs.mkdtempSync(path.join(dir, 'deploys-'));
    const age = (name: string) => {
      const at = new Date(Date.now() - OTHER_CODE_GRACE_MS - 60_000);
      fs.utimesSync(path.join(own, name), at, at);
    };
    await loadCopyViaSnapshot(pool, own, 'deploy-1');
    const [first] = snapFiles(own);
    age(first!);
    expect(await loadCopyViaSnapshot(pool, own, 'deploy-2')).toMatchObject({ from: 'database' });
    const [second] = snapFiles(own);
    expect(snapFiles(own)).toEqual([second]); // deploy-1's file went when deploy-2's was written
    // A third deploy writes while the second's file is still in use: both stay; once unused, a read removes it.
    await loadCopyViaSnapshot(pool, own, 'deploy-3');
    expect(snapFiles(own)).toHaveLength(2);
    age(second!);
    expect(await loadCopyViaSnapshot(pool, own, 'deploy-3')).toMatchObject({ from: 'snapshot' });
    expect(snapFiles(own)).toHaveLength(1);
    expect(snapFiles(own)).not.toContain(second);
  });

  it('When a service loads on its worker twice (two processes), Then the second copy comes from the snapshot and answers the same', async () => {
    const own = fs.mkdtempSync(path.join(dir, 'service-'));
    const version = await getDataVersion(database.db);
    const period = { from: '2000-01-01', to: '2030-12-31' };
    const answers = [];
    for (const expected of ['database', 'snapshot']) {
      const log = capturingLogger();
      const columns = createCustomerColumns({
        db: database.db,
        logger: log.logger,
        enabled: true,
        snapshotDir: own,
      });
      expect(await columns.ready(version)).toBe(true);
      expect(log.loaded()[0]).toMatchObject({ from: expected, thread: 'worker', version });
      answers.push({
        figures: columns.figures(version, period, null),
        mix: columns.mixSums(version, period, null),
        firsts: columns.firsts(version, period, null),
        top: columns.topProducts(version, period, null, 'revenue', 10),
      });
      await columns.stop();
    }
    expect(answers[0]?.figures).not.toBeNull();
    expect(answers[1]).toStrictEqual(answers[0]);
  }, 120_000);
});

describe('Customer columns snapshot on PGlite', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await importTexts(database, CLEAN);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When the copy loads on PGlite (main thread), Then no snapshot is kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-pglite-test-'));
    try {
      const columns = createCustomerColumns({
        db: database.db,
        logger: pino({ level: 'silent' }),
        enabled: true,
        snapshotDir: dir,
      });
      expect(await columns.ready(await getDataVersion(database.db))).toBe(true);
      expect(columns.status()?.thread).toBe('main');
      expect(fs.readdirSync(dir)).toEqual([]);
      await columns.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
