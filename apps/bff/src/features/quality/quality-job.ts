/**
 * Computes the whole data's quality report once per data version, in the background, into data_quality_reports,
 * so every BFF process — a freshly started one too — answers the page at once from there (on the large demo the
 * report's SQL takes minutes). One process does the work (an advisory lock); the others find the stored report.
 * It runs after every data change (import, sync: `check()` from the import service; a demo load or another
 * process: the poll) when started, and whenever the page finds no report of the current version.
 */
import type { OverallQuality } from '@portrait/shared/imports';
import type { Database, Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';
import { overallQuality } from '../../db/queries/data-quality-overall';
import { latestQualityReport, storeQualityReport } from '../../db/queries/quality-reports';
import type { Logger } from '../../lib/logger';

/** pg_try_advisory_lock key of this job (any constant unique in this code base; the precompute has 7_090_901). */
const LOCK_KEY = 7_090_902;

export function createQualityJob(deps: {
  database: Database;
  /** Where the report's SQL reads (a replica when set): the report is of the data the dashboards show. */
  reads: Db;
  logger: Logger;
  pollMs?: number;
}) {
  const { database, reads, logger, pollMs = 10_000 } = deps;
  const db = database.db;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const storedFor = async (version: number) =>
    (await latestQualityReport(db, version))?.dataVersion === version;

  async function runOnce(): Promise<void> {
    const version = await getDataVersion(reads);
    if (await storedFor(version)) return;
    const lock = await database.tryLock(LOCK_KEY);
    if (!lock) return; // another process is on it
    try {
      if (await storedFor(version)) return; // it finished while we looked
      const began = Date.now();
      const figures = await overallQuality(reads);
      // Every data change bumps the version in its own transaction: the same version after the statements means
      // they all read that version's data. Otherwise the next check computes the new one.
      if (stopped || (await getDataVersion(reads)) !== version) return;
      const report: OverallQuality = {
        dataVersion: version,
        computedAt: new Date().toISOString(),
        ...figures,
      };
      await storeQualityReport(db, version, JSON.stringify(report));
      logger.info({ version, ms: Date.now() - began }, 'data-quality report stored');
    } finally {
      await lock.release();
    }
  }

  /** Starts a run unless one is going; never waits for it. */
  function check(): Promise<void> {
    if (stopped) return Promise.resolve();
    running ??= runOnce()
      .catch((err: unknown) => logger.warn({ err }, 'data-quality report failed'))
      .finally(() => (running = null));
    return running;
  }

  /** Computes ahead: now and after every data change (the poll sees changes made by other processes). */
  function start(): void {
    if (timer || stopped) return;
    void check();
    timer = setInterval(() => void check(), pollMs);
    timer.unref();
  }

  async function stop(): Promise<void> {
    stopped = true;
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  }

  /** Waits until the current version's report is stored (tests). False when `timeoutMs` passed first. */
  async function settle(timeoutMs = 60_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() <= until) {
      if (await storedFor(await getDataVersion(reads))) return true;
      await Promise.race([check(), new Promise((r) => setTimeout(r, 200))]);
    }
    return false;
  }

  return { start, stop, check, settle };
}
export type QualityJob = ReturnType<typeof createQualityJob>;
