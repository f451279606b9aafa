/**
 * Reads the served churn model run's predictions for the columns copy ahead of any question: as soon as a copy
 * comes into place (when a run is served), and again when a new run is served. The first chain-wide question after
 * a start, a data change or a fit would otherwise wait for the read (≈ 3 s of 862 k predictions on the large demo).
 * On PostgreSQL the read runs on a worker thread (churn-columns.ts), so reading ahead does not hold the event loop
 * (on the main thread it held it 100–456 ms at a time for ~3 s after every start); on PGlite it runs here.
 */
import type { Db } from '../../db/client';
import type { Logger } from '../../lib/logger';
import { churnPredictions } from './churn-columns';
import type { CustomerColumnsService } from './customer-columns-service';

export type PredictionsReadAhead = {
  /** The run served now (from the model service's status): read ahead when it is not the one last read ahead. */
  runServed: (runId: number) => void;
};

export function readPredictionsAhead(deps: {
  /** Where the runs are found (the predictions are read with its settings). */
  db: Db;
  service: Pick<CustomerColumnsService, 'customerRows' | 'onLoaded' | 'status'>;
  /** The run served now, or null before the first fit. */
  servedRun: () => Promise<number | null>;
  logger?: Logger | undefined;
}): PredictionsReadAhead {
  const { db, service, logger } = deps;
  let lastRun: number | null = null;

  function read(version: number, runId: number): void {
    const rows = service.customerRows(version);
    if (!rows) return;
    churnPredictions(db, rows, runId).catch((err: unknown) =>
      logger?.warn(
        { err, runId },
        'churn columns: predictions not read ahead; the first question reads them',
      ),
    );
  }

  service.onLoaded((version) => {
    deps
      .servedRun()
      .then((runId) => {
        if (runId === null) return;
        lastRun = runId;
        read(version, runId);
      })
      .catch((err: unknown) => logger?.warn({ err }, 'churn columns: no served run to read ahead'));
  });

  return {
    runServed: (runId) => {
      if (runId === lastRun) return;
      lastRun = runId;
      const version = service.status()?.version;
      if (version !== undefined) read(version, runId);
    },
  };
}
