/**
 * Entry points that turn a list of files into a finished job: `importFiles` (CLI, tests, sync) waits for the
 * import lock and runs the job in this process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client';
import { insertJob, updateJob, type ImportJobRow } from '../../db/queries/import-jobs';
import { entityOfFile } from './formats';
import { runImportJob, withImportLock, type ImportFile, type RunOptions } from './run-import';

export type ImportSource = 'upload' | 'cli' | 'sync';

export async function createJob(
  database: Database,
  source: ImportSource,
  createdBy: string | null,
  files: ImportFile[],
): Promise<ImportJobRow> {
  return insertJob(database.db, {
    source,
    createdBy,
    bytesTotal: files.reduce((s, f) => s + f.size, 0),
    files: files.map((f) => ({ name: f.name, entity: entityOfFile(f.name), bytes: f.size })),
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs an existing queued job as soon as the import lock is free (another process may be importing), beating
 * the job's heart while it waits so that nobody takes it for dead.
 */
export async function runWhenFree(
  database: Database,
  job: ImportJobRow,
  files: ImportFile[],
  options: RunOptions & { pollMs?: number; signal?: AbortSignal } = {},
): Promise<ImportJobRow> {
  let announced = false;
  for (;;) {
    const outcome = await withImportLock(database, () => runImportJob(database, job.id, files, options));
    if (!outcome.busy) return outcome.value;
    if (options.signal?.aborted) throw new Error('stopped while waiting for another import');
    if (!announced) options.log?.('another import is running; waiting for it to finish');
    announced = true;
    await updateJob(database.db, job.id, { phase: 'waiting' });
    await sleep(options.pollMs ?? 2000);
  }
}

/** Creates a job for `files` and runs it (waiting for the lock). */
export async function importFiles(
  database: Database,
  files: ImportFile[],
  options: RunOptions & { source?: ImportSource; createdBy?: string | null } = {},
): Promise<ImportJobRow> {
  const job = await createJob(database, options.source ?? 'cli', options.createdBy ?? null, files);
  return runWhenFree(database, job, files, options);
}

/** The import files among `inputs` (files, or folders whose *.csv / *.csv.gz files are taken, sorted). */
export function collectFiles(inputs: string[]): ImportFile[] {
  const out: ImportFile[] = [];
  for (const input of inputs) {
    const full = path.resolve(input);
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      const names = fs
        .readdirSync(full)
        .filter((n) => /\.csv(\.gz)?$/i.test(n))
        .sort();
      for (const name of names) {
        const p = path.join(full, name);
        const s = fs.statSync(p);
        if (s.isFile()) out.push({ path: p, name, size: s.size, mtimeMs: Math.floor(s.mtimeMs) });
      }
    } else
      out.push({ path: full, name: path.basename(full), size: stat.size, mtimeMs: Math.floor(stat.mtimeMs) });
  }
  return out;
}
