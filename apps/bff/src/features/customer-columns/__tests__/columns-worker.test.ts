/**
 * On PostgreSQL the customer columns load on a worker thread; a stop during that load ends it: the service stops at
 * once, the process exits by itself (no worker thread left running) and the worker's connection goes away. The
 * load is held mid-way by a lock on one of the tables it reads, so the stop surely comes during it. (That the
 * worker's copy answers exactly as the SQL and as a copy loaded on the main thread: `columns-equal-sql.test.ts`.)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { importTexts } from '../../../__tests__/helpers/import-files';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';
import { openTestDatabase } from '../../../__tests__/helpers/test-databases';

const BFF_DIR = path.resolve(import.meta.dirname, '../../../..');
const CHILD = path.join(import.meta.dirname, 'stop-during-load.child.ts');
/** Long enough for a loaded machine to start tsx and the worker; a leaked worker would hold the child forever. */
const EXIT_WITHIN_MS = 60_000;

function runChild(url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url], {
    cwd: BFF_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('Customer columns on a worker thread (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await importTexts(database, CLEAN);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When the service stops during a load, Then it stops at once, the process exits by itself and the connection ends', async () => {
    const url = database.url ?? '';
    // Holds the load at its last table (a lock its read waits for), after three tables are read.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    let child: Awaited<ReturnType<typeof runChild>>;
    try {
      await holder.query('begin');
      await holder.query('lock table customer_store_firsts in access exclusive mode');
      child = await runChild(url);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    expect(child.code, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
      blocked: boolean;
      stopMs: number;
      status: unknown;
    };
    expect(report.blocked).toBe(true);
    expect(report.status).toBeNull();
    // Terminating the worker does not wait for the database: the stop is immediate.
    expect(report.stopMs).toBeLessThan(5_000);
    // The worker's backend ends once it notices its client is gone (here: when the lock is released).
    let left = 1;
    for (let i = 0; i < 100 && left > 0; i++) {
      const rows = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and application_name = 'portrait customer columns'`,
      );
      left = rows[0]?.n ?? 0;
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(left).toBe(0);
  });
});
