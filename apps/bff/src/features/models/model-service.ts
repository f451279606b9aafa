/**
 * Keeps the models in step with the data without ever making a request wait for a fit: it polls the data
 * version and, when the data changed since the newest run, refreshes in the background. Requests read the
 * newest ready run (with its age and whether it is current) or learn that the first fit is still running.
 * A run that failed is not retried until the data changes again.
 */
import type { Db } from '../../db/client';
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

export function createModelService(deps: {
  db: Db;
  logger: Logger;
  pollMs?: number | undefined;
  /** Between the refresh's steps (default: yield to the event loop); tests slow a refresh down with it. */
  pause?: Pause | undefined;
}) {
  const { db, logger, pollMs = 10_000, pause } = deps;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let started: Promise<void> | null = null;

  /** Starts a refresh when the data changed since the newest run; never waits for the fit itself. */
  async function check(): Promise<void> {
    if (running || stopped) return;
    const version = await getDataVersion(db);
    const { newest } = await latestRuns(db);
    if (running || stopped) return;
    if (newest && newest.dataVersion === version && newest.status !== 'fitting') return;
    running = refreshModels(db, {
      dataVersion: version,
      ...(pause ? { pause } : {}),
      shouldStop: () => stopped,
      log: (msg, detail) => logger.info(detail ?? {}, msg),
    })
      .then(() => undefined)
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
      await deleteAbandonedRuns(db).catch((err: unknown) =>
        logger.warn({ err }, 'could not clear old model runs'),
      );
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
      refitting: running !== null,
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
