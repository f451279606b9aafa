/**
 * The watched folder (SYNC_DIR). A sync imports the folder's import files that are new or changed since the
 * last successful sync (by name, size and modification time, recorded in the job's commit), so a daily drop
 * of `orders-2025-07-01.csv` imports just that file, and a sync killed half-way imports its files again next
 * time. One sync (one import) at a time, across processes: the import lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import type { Database } from '../../db/client';
import { listSyncFiles, type ImportJobRow } from '../../db/queries/import-jobs';
import type { Logger } from '../../lib/logger';
import { entityOfFile } from './formats';
import { collectFiles, createJob } from './import-files';
import { runImportJob, withImportLock, type ImportFile } from './run-import';

export type SyncOutcome = { job: ImportJobRow | null; busy: boolean; message: string };

/** Import files of `dir` not yet imported in their current size and modification time. */
export async function pendingSyncFiles(database: Database, dir: string): Promise<ImportFile[]> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new Error(`SYNC_DIR ${dir} is not a folder`);
  const files = collectFiles([dir]).filter((f) => entityOfFile(f.name) !== null);
  const done = new Map(
    (
      await listSyncFiles(
        database.db,
        files.map((f) => f.path),
      )
    ).map((r) => [r.path, r]),
  );
  return files.filter((f) => {
    const seen = done.get(f.path);
    return !seen || seen.size !== f.size || seen.mtimeMs !== f.mtimeMs;
  });
}

/**
 * Runs one sync if no import is running. `onJob` hears about the job as soon as it exists (the web's "sync
 * now" answers then, while the import goes on).
 */
export async function syncOnce(
  database: Database,
  dir: string,
  options: {
    createdBy?: string | null;
    log?: (msg: string) => void;
    onJob?: (job: ImportJobRow) => void;
  } = {},
): Promise<SyncOutcome> {
  const outcome = await withImportLock(database, async (): Promise<SyncOutcome> => {
    const files = await pendingSyncFiles(database, dir);
    if (files.length === 0)
      return { job: null, busy: false, message: 'no new or changed files in the sync folder' };
    const job = await createJob(database, 'sync', options.createdBy ?? null, files);
    options.onJob?.(job);
    const finished = await runImportJob(database, job.id, files, {
      ...(options.log ? { log: options.log } : {}),
      syncFiles: files.map((f) => ({ path: f.path, size: f.size, mtimeMs: f.mtimeMs ?? 0 })),
    });
    return { job: finished, busy: false, message: `imported ${files.length} file(s)` };
  });
  return outcome.busy ? { job: null, busy: true, message: 'another import is running' } : outcome.value;
}

export type SyncScheduler = { nextRunAt: () => Date | null; stop: () => void };

/** Syncs `dir` on `cron` (Asia/Shanghai). Every process may schedule it: the lock lets one run. */
export function scheduleSync(
  database: Database,
  dir: string,
  cron: string,
  logger: Logger,
  onJob: () => void = () => undefined,
): SyncScheduler {
  const job = new Cron(cron, { timezone: 'Asia/Shanghai', protect: true }, async () => {
    try {
      const outcome = await syncOnce(database, path.resolve(dir), { log: (m) => logger.debug(m) });
      if (outcome.job) onJob();
      logger.info(
        { job: outcome.job?.id ?? null, status: outcome.job?.status },
        `scheduled sync: ${outcome.message}`,
      );
    } catch (err) {
      logger.error({ err }, 'scheduled sync failed');
    }
  });
  return { nextRunAt: () => job.nextRun(), stop: () => job.stop() };
}
