/** Writes import files into a fresh temporary folder and reads back what an import left. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { collectFiles, importFiles } from '../../features/import/import-files';
import type { RunOptions } from '../../features/import/run-import';

export function tempDir(prefix = 'portrait-import-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `files` (name → text or bytes) into a new folder and returns it. */
export function writeImportFolder(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Imports every file of a new folder holding `files`. */
export async function importTexts(
  database: Database,
  files: Record<string, string | Buffer>,
  options: RunOptions = {},
) {
  const dir = writeImportFolder(files);
  try {
    return await importFiles(database, collectFiles([dir]), options);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const DERIVED = [
  'customer_store_days',
  'customer_store_firsts',
  'customer_month_snapshots',
  'store_day_mix',
  'product_store_days',
];

/** Every row of a table as sorted JSON lines (for exact comparisons). */
export async function tableSnapshot(db: Db, table: string): Promise<string[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql.raw(`select * from ${table}`));
  return rows.map((r) => JSON.stringify(r)).sort();
}

export async function rejectsOf(db: Db, jobId: number) {
  return queryRows<{
    file: string;
    line: number;
    entity: string;
    reason: string;
    message: string;
    raw: string;
  }>(
    db,
    sql`select file, line, entity, reason, message, raw from import_rejects where job_id = ${jobId} order by file, line`,
  );
}
