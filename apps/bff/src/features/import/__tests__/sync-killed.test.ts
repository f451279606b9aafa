/**
 * A sync process killed half-way (SIGKILL: no chance to clean up) — while staging, or inside the merge
 * transaction — leaves the previous data exactly as it was; the next sync marks the dead job interrupted,
 * imports the same files, and the one after finds nothing new.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { rebuildDerived } from '../../../db/queries/derived';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { syncOnce } from '../sync';
import { DERIVED, tableSnapshot, tempDir, writeImportFolder } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const END = '2025-06-30';
const CLI = path.resolve(import.meta.dirname, '../cli.ts');
const BFF_ROOT = path.resolve(import.meta.dirname, '../../../..');

function syncFolder(): string {
  const orders = ['order_id,customer_id,store_id,ordered_at,channel,amount'];
  const items = ['order_id,product_id,quantity'];
  for (let i = 0; i < 20_000; i++) {
    const id = `K${String(i).padStart(6, '0')}`;
    orders.push(
      `${id},C${String(1 + (i % 2000)).padStart(7, '0')},S00${1 + (i % 8)},2025-06-${String(1 + (i % 30)).padStart(2, '0')} 12:00,pos,${10 + (i % 50)}`,
    );
    items.push(`${id},P0${1 + (i % 9)},${1 + (i % 4)}`);
  }
  return writeImportFolder({
    'orders-2025-06.csv': orders.join('\n'),
    'order_items-2025-06.csv': items.join('\n'),
  });
}

async function state(db: Database['db']) {
  const [counts] = await queryRows<Record<string, string>>(
    db,
    sql`select (select count(*) from orders) as orders, (select sum(amount) from orders) as revenue,
               (select count(*) from order_items) as items, (select count(*) from customers) as customers`,
  );
  return {
    counts,
    version: await getDataVersion(db),
    derived: await Promise.all(DERIVED.map((t) => tableSnapshot(db, t))),
    staged: (await queryRows<{ n: string }>(db, sql`select count(*) as n from import_stage_orders`))[0]?.n,
  };
}

/** Runs the CLI's sync in a child process and SIGKILLs it when its output shows `marker`. */
function runAndKill(env: Record<string, string>, dir: string, marker: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--sync', dir], {
      cwd: BFF_ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let killed = false;
    const onData = (b: Buffer) => {
      out += String(b);
      if (!killed && marker.test(out)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`the sync ended by itself before "${marker}":\n${out}`));
    });
  });
}

describe.each(databaseKinds())('A sync killed half-way (%s)', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  /** PGlite: the demo is loaded once into a folder that each test copies. */
  let template: string | null = null;
  afterAll(() => {
    if (template) fs.rmSync(template, { recursive: true, force: true });
  });

  /** A database with the small demo, plus how a child process reaches it and how to reopen it. */
  async function setUp(): Promise<{ env: Record<string, string>; reopen: () => Promise<Database> }> {
    if (kind === 'pglite') {
      if (!template) {
        template = tempDir('portrait-kill-template-');
        const first = await openDatabase({ dataDir: template });
        await loadDemo(first, { size: 'small', seed: 7, endDate: END });
        await first.close();
      }
      const dataDir = tempDir('portrait-kill-');
      fs.cpSync(template, dataDir, { recursive: true });
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      return { env: { DATA_DIR: dataDir }, reopen: () => openDatabase({ dataDir }) };
    }
    const database = await openTestDatabase('postgres');
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    cleanups.push(database.dispose);
    return {
      env: { DATABASE_URL: database.url! },
      reopen: async () => ({ ...database, close: async () => undefined }),
    };
  }

  for (const [when, marker] of [
    ['staging', /staging order_items/],
    ['merging', /merging in one transaction/],
  ] as const) {
    it(`When the sync is killed while ${when}, Then the old data is intact and the next sync completes it`, async () => {
      const { env, reopen } = await setUp();
      const dir = syncFolder();
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      let database = await reopen();
      const before = await state(database.db);
      if (kind === 'pglite') await database.close();

      await runAndKill(env, dir, marker);

      database = await reopen();
      cleanups.push(() => database.close());
      const afterKill = await state(database.db);
      expect(afterKill.counts).toEqual(before.counts);
      expect(afterKill.version).toBe(before.version);
      afterKill.derived.forEach((rows, i) => expect(rows, DERIVED[i]).toEqual(before.derived[i]));
      const [dead] = await queryRows<{ status: string }>(
        database.db,
        sql`select status from import_jobs order by id`,
      );
      expect(dead?.status).toBe('running');

      const next = await syncOnce(database, dir);
      expect(next.job?.status).toBe('succeeded');
      expect(next.job?.rowsImported).toBe(40_000);
      const jobs = await queryRows<{ status: string }>(
        database.db,
        sql`select status from import_jobs order by id`,
      );
      expect(jobs.map((j) => j.status)).toEqual(['interrupted', 'succeeded']);
      const done = await state(database.db);
      expect(Number(done.counts?.orders)).toBe(Number(before.counts?.orders) + 20_000);
      expect(Number(done.staged)).toBe(0);
      await rebuildDerived(database.db);
      expect(await Promise.all(DERIVED.map((t) => tableSnapshot(database.db, t)))).toEqual(done.derived);

      const again = await syncOnce(database, dir);
      expect(again.job).toBeNull();
      expect(again.message).toMatch(/no new/);
    });
  }
});
