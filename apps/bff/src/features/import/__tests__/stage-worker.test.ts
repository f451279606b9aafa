/**
 * A large file is read and checked on a worker thread: it must stage exactly the rows and rejects the
 * importing thread stages (same bytes through COPY, same figures), across several batches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectsOf, tableSnapshot, tempDir } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { BATCH_ROWS } from '../stage-rows';
import { stageFile } from '../stage-file';

const HEADER =
  'order_id,customer_id,store_id,ordered_at,channel,order_type,amount,discount,payment_method,status';

/** 2.5 batches of orders with every kind of row: quoted commas and quotes, Chinese text, bad values, bad CSV. */
function dirtyOrders(): string {
  const lines = [HEADER];
  for (let n = 0; n < BATCH_ROWS * 2.5; n++) {
    const kind = n % 10;
    if (kind === 3) lines.push(`O${n},C${n % 97},S1,not a time,pos,dine_in,10,,,completed`);
    else if (kind === 5) lines.push(`O${n},"C,${n}","S""2",2025-06-01 10:00,"小程序",pickup,12.5,,"微信",`);
    else if (kind === 7) lines.push(`O${n},C1,S1,2025-06-01 10:00,pos`);
    else if (kind === 8 && n % 40 === 8) lines.push(`O${n},"bad"x,S1,2025-06-01 10:00,pos,,1,,,`);
    else if (kind === 9)
      lines.push(`O${n},,S3,2025-06-0${1 + (n % 9)}T08:00:00Z,pos,delivery,-3,1,cash,cancelled`);
    else
      lines.push(
        `O${n},C${n % 97},S${1 + (n % 5)},2025-06-02 12:${String(n % 60).padStart(2, '0')},pos,,${n % 50}.25,,,`,
      );
  }
  return lines.join('\r\n') + '\n';
}

const REASONS = ['bad_csv', 'bad_field_count', 'bad_timestamp'];

describe.each(databaseKinds())('staging on a worker thread (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let dir: string;
  let file: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    dir = tempDir();
    file = path.join(dir, 'orders.csv');
    fs.writeFileSync(file, dirtyOrders());
  });
  afterAll(async () => {
    await database.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function stage(jobId: number, worker: boolean) {
    const progress = { bytes: 0, rows: 0 };
    const stats = await stageFile(
      database,
      { jobId, fileNo: 0, path: file, name: 'orders.csv', entity: 'orders' },
      (d) => {
        progress.bytes += d.bytes;
        progress.rows += d.rows;
      },
      { worker },
    );
    // Every staged column but the job id, which differs between the two runs.
    const rows = (await tableSnapshot(database.db, 'import_stage_orders')).map((r) =>
      r.replace(`"job_id":${jobId},`, ''),
    );
    await database.db.execute(sql`truncate import_stage_orders`);
    const rejects = await rejectsOf(database.db, jobId);
    return { stats, rows, rejects, progress };
  }

  it('When one file is staged in this thread and on a worker, Then rows, rejects and figures are the same', async () => {
    const here = await stage(1, false);
    const there = await stage(2, true);
    await database.db.execute(sql`delete from import_rejects`);
    expect(here.stats.rows).toBe(BATCH_ROWS * 2.5);
    expect(here.stats.staged).toBeGreaterThan(BATCH_ROWS);
    expect(here.stats.rejected).toBeGreaterThan(1000);
    expect([...new Set(here.rejects.map((r) => r.reason))].sort()).toEqual(REASONS);
    expect(there.stats).toEqual(here.stats);
    expect(there.rows).toEqual(here.rows);
    expect(there.rejects).toEqual(here.rejects);
    expect(there.progress).toEqual(here.progress);
    expect(here.progress).toEqual({ bytes: fs.statSync(file).size, rows: BATCH_ROWS * 2.5 });
  });

  it('When the worker cannot read the file, Then staging fails with its reason', async () => {
    await expect(
      stageFile(
        database,
        { jobId: 2, fileNo: 0, path: path.join(dir, 'missing.csv'), name: 'orders.csv', entity: 'orders' },
        () => undefined,
        { worker: true },
      ),
    ).rejects.toThrow(/ENOENT/);
  });
});
