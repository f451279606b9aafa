/**
 * What the import routes do: take uploads (streamed to disk, then queued), list jobs and their rejected rows,
 * stream the rejected rows as CSV, report and start the folder sync. Every upload, sync and download of
 * rejected rows (raw rows may hold personal data) is audited.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  importJobSchema,
  rejectedRowSchema,
  type ImportJob,
  type ImportJobPage,
  type RejectedPage,
  type SyncStart,
  type SyncStatus,
} from '@portrait/shared/imports';
import type { Request, Response } from 'express';
import type { Database } from '../../db/client';
import { getMeta, IMPORTED_META_KEY } from '../../db/queries/data-meta';
import {
  countRejects,
  getJob,
  lastJobOfSource,
  listJobs,
  listRejects,
  type ImportJobRow,
} from '../../db/queries/import-jobs';
import { AppError, notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { audit } from '../auth/audit-service';
import type { Viewer } from '../auth/viewer';
import type { LiveVersion } from '../live/live-version';
import { createJob } from './import-files';
import { createImportRunner } from './import-runner';
import { IMPORT_LOCK_KEY } from './run-import';
import { receiveUpload } from './receive-upload';
import { writeRejectsCsv } from './rejects-csv';
import { scheduleSync, syncOnce, type SyncScheduler } from './sync';

export type ImportSettings = {
  /** Where uploads wait for their job (one folder per upload, removed after the job). */
  uploadsDir: string;
  maxUploadBytes: number;
  syncDir: string | null;
  syncCron: string;
};

/** A job row as the shared contract has it (validated: a mismatch is a bug, not a user's error). */
export function toImportJob(row: ImportJobRow): ImportJob {
  return importJobSchema.parse({
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    startedAt: row.startedAt ? new Date(row.startedAt).toISOString() : null,
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
  });
}

export function createImportService(deps: {
  database: Database;
  logger: Logger;
  live: LiveVersion;
  settings: ImportSettings;
  /** Called after every import or sync job this process ran (e.g. the models refit now, not at their next poll). */
  onDataChanged?: () => void;
}) {
  const { database, logger, live, settings } = deps;
  const { db } = database;
  const changed = () => {
    live.poke();
    deps.onDataChanged?.();
  };
  const runner = createImportRunner(database, logger, changed);
  let scheduler: SyncScheduler | null = null;
  if (settings.syncDir) {
    try {
      scheduler = scheduleSync(database, settings.syncDir, settings.syncCron, logger, changed);
    } catch (err) {
      throw new Error(`Invalid configuration: SYNC_CRON "${settings.syncCron}": ${(err as Error).message}`);
    }
  }
  let syncing = false;

  async function upload(viewer: Viewer, req: Request): Promise<ImportJob> {
    const dir = path.join(settings.uploadsDir, randomUUID());
    const files = await receiveUpload(req, dir, settings.maxUploadBytes);
    const job = await createJob(database, 'upload', viewer.user.username, files);
    await audit(db, viewer, 'data_import', `import:${job.id}`, {
      files: files.map((f) => f.name),
      bytes: job.bytesTotal,
    });
    runner.enqueue(job, files, dir);
    return toImportJob(job);
  }

  async function jobs(page: number, pageSize: number): Promise<ImportJobPage> {
    const result = await listJobs(db, pageSize, (page - 1) * pageSize);
    return { total: result.total, jobs: result.jobs.map(toImportJob) };
  }

  async function job(id: number): Promise<ImportJob> {
    const row = await getJob(db, id);
    if (!row) throw notFound(`no import job ${id}`);
    return toImportJob(row);
  }

  async function rejects(id: number, page: number, pageSize: number): Promise<RejectedPage> {
    await job(id);
    const rows = await listRejects(db, id, pageSize, (page - 1) * pageSize);
    return { total: await countRejects(db, id), rows: rows.map((r) => rejectedRowSchema.parse(r)) };
  }

  async function rejectsCsv(viewer: Viewer, id: number, res: Response): Promise<void> {
    await job(id);
    await audit(db, viewer, 'export', `import-rejects:${id}`, { rows: await countRejects(db, id) });
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    const filename = `import-${id}-rejected.csv`;
    res.setHeader('content-disposition', `attachment; filename="${filename}"`);
    await writeRejectsCsv(db, id, res);
  }

  async function syncStatus(): Promise<SyncStatus> {
    const last = await lastJobOfSource(db, 'sync');
    const running = await database.tryLock(IMPORT_LOCK_KEY);
    if (running) await running.release();
    return {
      configured: settings.syncDir !== null,
      cron: settings.syncCron,
      nextRunAt: scheduler?.nextRunAt()?.toISOString() ?? null,
      lastJob: last ? toImportJob(last) : null,
      busy: running === null || syncing,
    };
  }

  /** Starts a sync and answers as soon as its job exists (or there is nothing to do). */
  async function syncNow(viewer: Viewer): Promise<SyncStart> {
    const dir = settings.syncDir;
    if (!dir) throw new AppError('bad_request', 'no sync folder: set SYNC_DIR and restart');
    if (syncing) throw new AppError('conflict', 'a sync is already running');
    syncing = true;
    let announce: (job: ImportJobRow) => void = () => undefined;
    const started = new Promise<ImportJobRow>((resolve) => (announce = resolve));
    const run = syncOnce(database, dir, { createdBy: viewer.user.username, onJob: announce })
      .then((outcome) => {
        if (outcome.job) changed();
        return outcome;
      })
      .finally(() => (syncing = false));
    const first = await Promise.race([
      started.then((job) => ({ job })),
      run.then((outcome) => ({ outcome })),
    ]);
    if ('outcome' in first) {
      if (first.outcome.busy)
        throw new AppError('conflict', 'another import is running; try again when it ends');
      await audit(db, viewer, 'data_sync', 'sync', { result: first.outcome.message });
      return {
        job: first.outcome.job ? toImportJob(first.outcome.job) : null,
        message: first.outcome.message,
      };
    }
    run.catch((err: unknown) => logger.error({ err }, 'sync failed'));
    await audit(db, viewer, 'data_sync', `import:${first.job.id}`, null);
    return { job: toImportJob(first.job), message: 'sync started' };
  }

  async function context(): Promise<{ demo: boolean; imported: boolean }> {
    return {
      demo: (await getMeta(db, 'demo')) !== null,
      imported: (await getMeta(db, IMPORTED_META_KEY)) !== null,
    };
  }

  return {
    upload,
    jobs,
    job,
    rejects,
    rejectsCsv,
    syncStatus,
    syncNow,
    context,
    idle: () => runner.idle(),
    stop: () => {
      runner.stop();
      scheduler?.stop();
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
