/**
 * One import job from files to committed data: stage every file (streamed, validated, bad rows kept), then
 * merge, refresh the derived tables incrementally, bump the data version and close the job — all in one
 * transaction, so a reader sees the old data or the new, and a job killed half-way leaves nothing merged.
 * The caller holds the import lock (`withImportLock`): one job at a time, across processes.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import {
  bumpDataVersion,
  getDataVersion,
  getMeta,
  IMPORTED_META_KEY,
  setMeta,
} from '../../db/queries/data-meta';
import { analyzeTables } from '../../db/queries/analyze';
import { stagedQuality } from '../../db/queries/data-quality';
import { DERIVED_REFRESHERS, refreshDerived } from '../../db/queries/derived';
import { clearStages, createTouchedTables, type MergeCounts } from '../../db/queries/import-merge';
import {
  addJobProgress,
  getJob,
  interruptDeadJobs,
  recordSyncFiles,
  rejectsByEntity,
  rejectsByReason,
  updateJob,
  type ImportJobRow,
} from '../../db/queries/import-jobs';
import { queryRows } from '../../db/sql';
import { ENTITIES, ENTITY_SPECS, entityOfFile, type Entity } from './formats';
import { mergeJob, type MergeResult } from './merge-job';
import { stageFile, type FileStats } from './stage-file';

export const IMPORT_LOCK_KEY = 72_070_001;
/** A queued job whose process has not beaten its heart for this long is taken for dead. */
const STALE_SECONDS = 120;
/** Touching more than this share of the store-days rebuilds the derived tables in full (it is faster). */
const FULL_REFRESH_SHARE = 0.5;

export type ImportFile = { path: string; name: string; size: number; mtimeMs?: number };
export type RunOptions = {
  log?: (msg: string) => void;
  /** Files of SYNC_DIR to record as imported when the job commits. */
  syncFiles?: { path: string; size: number; mtimeMs: number }[];
  /** Force the refresh mode (tests and the benchmark); default by FULL_REFRESH_SHARE. */
  refresh?: 'auto' | 'incremental' | 'full';
  /**
   * Fill empty tables by the fast path (one INSERT, indexes built after); default true. Tests set false to
   * compare it with the merge by id.
   */
  bulkLoad?: boolean;
};

/** Runs `fn` holding the import lock, or returns `busy` when another job holds it. */
export async function withImportLock<T>(
  database: Database,
  fn: () => Promise<T>,
): Promise<{ busy: true } | { busy: false; value: T }> {
  const lock = await database.tryLock(IMPORT_LOCK_KEY);
  if (!lock) return { busy: true };
  try {
    return { busy: false, value: await fn() };
  } finally {
    await lock.release();
  }
}

const STAGES = ENTITIES.map((e) => ENTITY_SPECS[e].stage);

/** Empties the staging tables (all of them, or those of `entities`: the ones this job filled). */
async function clearStaging(db: Db, entities?: ReadonlySet<Entity>): Promise<void> {
  const stages = entities ? [...entities].map((e) => ENTITY_SPECS[e].stage) : STAGES;
  if (stages.length > 0) await clearStages(db, stages);
}

/** Runs job `jobId` over `files`; call with the import lock held. Returns the finished job row. */
export async function runImportJob(
  database: Database,
  jobId: number,
  files: ImportFile[],
  options: RunOptions = {},
): Promise<ImportJobRow> {
  const { db } = database;
  const log = options.log ?? (() => undefined);
  const began = Date.now();
  const interrupted = await interruptDeadJobs(db, STALE_SECONDS, jobId);
  if (interrupted.length > 0) log(`marked interrupted: job ${interrupted.join(', ')}`);
  await clearStaging(db);
  await updateJob(db, jobId, {
    status: 'running',
    phase: 'staging',
    startedAt: new Date().toISOString(),
    error: null,
    finishedAt: null,
  });

  const warnings: string[] = [];
  const plan = files
    .map((f) => ({ ...f, entity: entityOfFile(f.name) }))
    .filter((f): f is ImportFile & { entity: Entity } => {
      if (f.entity) return true;
      warnings.push(
        `${f.name}: ignored, the name is not one of ${ENTITIES.map((e) => `${e}.csv`).join(', ')}`,
      );
      return false;
    })
    .sort((a, b) => ENTITIES.indexOf(a.entity) - ENTITIES.indexOf(b.entity) || a.name.localeCompare(b.name));

  try {
    const fileStats: FileStats[] = [];
    let pending = { bytes: 0, rows: 0 };
    let lastBeat = Date.now();
    for (const [fileNo, f] of plan.entries()) {
      log(`staging ${f.name} (${f.entity})`);
      const stats = await stageFile(
        database,
        { jobId, fileNo, path: f.path, name: f.name, entity: f.entity },
        (d) => {
          pending = { bytes: pending.bytes + d.bytes, rows: pending.rows + d.rows };
          if (Date.now() - lastBeat > 500) {
            lastBeat = Date.now();
            const p = pending;
            pending = { bytes: 0, rows: 0 };
            addJobProgress(db, jobId, p.bytes, p.rows).catch(() => undefined);
          }
        },
        { size: f.size },
      );
      fileStats.push(stats);
      warnings.push(...stats.warnings.map((w) => `${f.name}: ${w}`));
      log(`staged ${f.name}: ${stats.rows} rows, ${stats.rejected} rejected, ${stats.encoding ?? 'empty'}`);
    }
    await addJobProgress(db, jobId, pending.bytes, pending.rows);
    const stagedAt = Date.now();
    await updateJob(db, jobId, { phase: 'merging', files: fileStats, warnings });

    const staged = new Set(fileStats.filter((s) => s.staged > 0).map((s) => s.entity));
    const outcome = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await createTouchedTables(tx);
      log('merging in one transaction');
      const bulkLoad = options.bulkLoad ?? true;
      const merged = await mergeJob(tx, staged, { bulkLoad, refresh: options.refresh ?? 'auto' });
      const mergedAt = Date.now();
      const full = merged.needsFullRefresh || (await chooseFullRefresh(tx, options.refresh ?? 'auto'));
      const refreshed = merged.needsFullRefresh || (await anyTouched(tx));
      if (refreshed) await refreshDerived(tx, full, bulkLoad);
      const refreshedAt = Date.now();
      const quality = await stagedQuality(tx);
      const changes =
        merged.customerStubs +
        merged.citiesCreated +
        Object.values(merged.entities).reduce((s, e) => s + e.inserted + e.updated, 0);
      // Nothing new: the data version (and every cache keyed by it) stays.
      const version = changes > 0 ? await bumpDataVersion(tx) : await getDataVersion(tx);
      if (changes > 0) await markImported(tx, jobId);
      if (options.syncFiles) await recordSyncFiles(tx, jobId, options.syncFiles);
      // Only the stages this job wrote hold rows (the job began by emptying all).
      await clearStaging(tx, new Set(plan.map((f) => f.entity)));
      const finished = await finishJob(tx, jobId, fileStats, merged, {
        quality,
        version,
        full,
        timings: { stage: stagedAt - began, merge: mergedAt - stagedAt, refresh: refreshedAt - mergedAt },
        began,
      });
      // The tables this job wrote: their statistics are refreshed after the commit.
      const written = [
        ...ENTITIES.filter(
          (e) => (merged.entities[e]?.inserted ?? 0) + (merged.entities[e]?.updated ?? 0) > 0,
        ),
        ...(merged.customerStubs > 0 ? (['customers'] as const) : []),
      ].map((e) => ENTITY_SPECS[e].table);
      if (refreshed) written.push(...DERIVED_REFRESHERS.map((r) => r.table));
      return { finished, changes, written: [...new Set(written)] };
    });
    log(`committed: data version ${outcome.finished.dataVersion}`);
    // Planner statistics after a big change, for the tables the job wrote (two connections side by side). A
    // re-import that changed nothing analyses nothing.
    if (outcome.changes > 10_000) await analyzeTables(database, outcome.written);
    return outcome.finished;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`failed: ${message}`);
    await clearStaging(db).catch(() => undefined);
    await updateJob(db, jobId, {
      status: 'failed',
      phase: null,
      error: message.slice(0, 2000),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - began,
    });
    const job = await getJob(db, jobId);
    if (!job) throw err;
    return job;
  }
}

async function chooseFullRefresh(tx: Db, mode: 'auto' | 'incremental' | 'full'): Promise<boolean> {
  if (mode !== 'auto') return mode === 'full';
  const [row] = await queryRows<{ touched: string; total: string }>(
    tx,
    sql`select (select count(*) from touched_store_days) as touched,
               (select count(*) from (select distinct day, store_id from store_day_mix) d) as total`,
  );
  const touched = Number(row?.touched ?? 0);
  const total = Number(row?.total ?? 0);
  return total === 0 ? touched > 0 : touched > total * FULL_REFRESH_SHARE;
}

async function anyTouched(tx: Db): Promise<boolean> {
  const [row] = await queryRows<{ any: boolean }>(
    tx,
    sql`select exists (select 1 from touched_store_days) or exists (select 1 from touched_days)
               or exists (select 1 from touched_customers) as any`,
  );
  return Boolean(row?.any);
}

/** The database now holds a chain's own data: the demo loader will not replace it. */
async function markImported(tx: Db, jobId: number): Promise<void> {
  const previous = await getMeta(tx, IMPORTED_META_KEY);
  const first = previous ? (JSON.parse(previous) as { firstJob?: number }).firstJob : undefined;
  await setMeta(tx, IMPORTED_META_KEY, JSON.stringify({ firstJob: first ?? jobId, lastJob: jobId }));
}

async function finishJob(
  tx: Db,
  jobId: number,
  files: FileStats[],
  merged: MergeResult,
  done: {
    quality: Awaited<ReturnType<typeof stagedQuality>>;
    version: number;
    full: boolean;
    timings: Record<string, number>;
    began: number;
  },
): Promise<ImportJobRow> {
  const byEntity = await rejectsByEntity(tx, jobId);
  const byReason = await rejectsByReason(tx, jobId);
  const counts: Record<string, unknown> = {};
  let imported = 0;
  for (const entity of ENTITIES) {
    const read = files.filter((f) => f.entity === entity).reduce((s, f) => s + f.rows, 0);
    if (read === 0) continue;
    const m: MergeCounts = merged.entities[entity] ?? { inserted: 0, updated: 0, unchanged: 0 };
    imported += m.inserted + m.updated + m.unchanged;
    counts[entity] = {
      read,
      inserted: m.inserted,
      updated: m.updated,
      unchanged: m.unchanged,
      rejected: byEntity[entity] ?? 0,
      // bulk: the table was empty and filled in one INSERT; merge: compared by id.
      ...(m.path ? { path: m.path } : {}),
    };
  }
  const rejected = Object.values(byReason).reduce((s, n) => s + n, 0);
  const quality = {
    rejectedByReason: byReason,
    customerStubs: merged.customerStubs,
    citiesCreated: merged.citiesCreated,
    refresh: done.full ? 'full' : 'incremental',
    ...done.quality,
  };
  await updateJob(tx, jobId, {
    status: 'succeeded',
    phase: null,
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - done.began,
    rowsRead: files.reduce((s, f) => s + f.rows, 0),
    rowsImported: imported,
    rowsRejected: rejected,
    counts,
    quality,
    timings: done.timings,
    dataVersion: done.version,
  });
  const job = await getJob(tx, jobId);
  if (!job) throw new Error(`import job ${jobId} vanished`);
  return job;
}
