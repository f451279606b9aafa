/**
 * Keeps the models in step with the data without ever making a request wait for a fit: it polls the data
 * version and, when the data changed since the newest run, refreshes in the background. Requests read the
 * newest ready run (with its age and whether it is current) or learn that the first fit is still running.
 * A run that failed is not retried until the data changes again.
 *
 * Several processes may share the database (behind a load balancer): one fits at a time, the holder of an
 * advisory lock. Only the holder clears runs left `fitting`, since while it holds the lock such a run's process
 * is gone (a process that died mid-fit released the lock with its connection). Before the lock, a process
 * starting beside another's fit deleted that run as abandoned and began its own, and so on with each new process.
 */
import type { Database, Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';
import { deleteAbandonedRuns, latestRuns, type ModelRun } from '../../db/queries/model-runs';
import type { Logger } from '../../lib/logger';
import type { Pause } from './load-histories';
import { RefreshStopped, refreshModels } from './refresh-models';

export type ModelStatus = {
  ready: ModelRun | null;
  refitting: boolean;
  dataVersion: number;
  /** Why the newest fit of the current data failed, when nothing is running (not retried until the data changes). */
  failure: string | null;
};

/** The advisory lock a process holds while it fits (the precompute's is 7_090_901). */
const FIT_LOCK_KEY = 7_090_902;

export function createModelService(deps: {
  db: Db;
  logger: Logger;
  /** The database's advisory lock (`Database.tryLock`): one process fits at a time. */
  tryLock: Database['tryLock'];
  pollMs?: number | undefined;
  /** Between the refresh's steps (default: yield to the event loop); tests slow a refresh down with it. */
  pause?: Pause | undefined;
}) {
  const { db, logger, tryLock, pollMs = 10_000, pause } = deps;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let started: Promise<void> | null = null;

  /** Whether the data needs a fit: no run of this version, or only one left `fitting`. */
  async function needsFit(): Promise<number | null> {
    const version = await getDataVersion(db);
    const { newest } = await latestRuns(db);
    return newest && newest.dataVersion === version && newest.status !== 'fitting' ? null : version;
  }

  /** Starts a refresh when the data changed since the newest run; never waits for the fit itself. */
  async function check(): Promise<void> {
    if (running || stopped) return;
    if ((await needsFit()) === null || running || stopped) return;
    running = (async () => {
      const lock = await tryLock(FIT_LOCK_KEY);
      if (!lock) return; // another process is fitting
      try {
        // Holding the lock, a `fitting` run is abandoned; then look again: the other process may have finished.
        await deleteAbandonedRuns(db);
        const version = await needsFit();
        if (version === null || stopped) return;
        await refreshModels(db, {
          dataVersion: version,
          ...(pause ? { pause } : {}),
          shouldStop: () => stopped,
          log: (msg, detail) => logger.info(detail ?? {}, msg),
        });
      } finally {
        await lock.release();
      }
    })()
      .catch((err: unknown) => {
        if (!(err instanceof RefreshStopped)) logger.error({ err }, 'model refresh failed');
      })
      .finally(() => {
        running = null;
      });
  }

  function safeCheck(): Promise<void> {
    return check().catch((err: unknown) => logger.warn({ err }, 'model refresh check failed'));
  }

  function start(): Promise<void> {
    started ??= (async () => {
      await safeCheck();
      if (!stopped) {
        timer = setInterval(() => void safeCheck(), pollMs);
        timer.unref();
      }
    })();
    return started;
  }

  /** What the endpoints serve; also nudges a refresh when the data changed (the poll would, a little later). */
  async function status(): Promise<ModelStatus> {
    await start();
    const dataVersion = await getDataVersion(db);
    const { ready, newest } = await latestRuns(db);
    if (!running && (!newest || newest.dataVersion !== dataVersion)) void safeCheck();
    const failed = !running && newest?.status === 'failed' && newest.dataVersion === dataVersion;
    return {
      ready,
      // This process's fit, or another's (a run of this data still `fitting`).
      refitting: running !== null || (newest?.status === 'fitting' && newest.dataVersion === dataVersion),
      dataVersion,
      failure: failed ? (newest.error ?? 'the fit failed') : null,
    };
  }

  /** Resolves when no refresh is running (tests; data loaders that want fresh models). */
  async function idle(): Promise<void> {
    await start();
    while (running) await running;
  }

  /** Checks now instead of at the next poll (e.g. right after an import), without waiting for the fit. */
  function dataChanged(): Promise<void> {
    return safeCheck();
  }

  async function stop(): Promise<void> {
    stopped = true;
    if (timer) clearInterval(timer);
    await started?.catch(() => undefined);
    while (running) await running;
  }

  return { start, status, idle, dataChanged, stop };
}
export type ModelService = ReturnType<typeof createModelService>;
