/**
 * Reads the served churn model run's predictions for the columns copy ahead of any question: as soon as a copy
 * comes into place (when a run is served), and again when a new run is served; with them the chain-wide figures
 * the passes keep per customer (chain-customers.ts, chain-stake.ts), a slice of rows at a time. The first
 * chain-wide question after a start, a data change or a fit would otherwise wait for the read (≈ 3 s of 862 k
 * predictions on the large demo) and the stake (≈ 600 ms). On PostgreSQL the read runs on a worker thread (churn-columns.ts), so reading
 * ahead does not hold the event loop (on the main thread it held it 100–456 ms at a time for ~3 s after every
 * start); on PGlite it runs here.
 */
import type { Db } from '../../db/client';
import type { Logger } from '../../lib/logger';
import { prepareChainCustomers } from './chain-customers';
import { prepareChainStake } from './chain-stake';
import { churnPredictions } from './churn-columns';
import { epochDay } from './customer-pass';
import type { CustomerColumnsService } from './customer-columns-service';

export type ServedRun = { id: number; asOfDay: string };

export type PredictionsReadAhead = {
  /** The run served now (from the model service's status): read ahead when it is not the one last read ahead. */
  runServed: (run: ServedRun) => void;
  /** The last read ahead that finished (run, copy version, milliseconds with the stake), or null: `/healthz`. */
  status: () => PredictionsReadStatus | null;
};

export type PredictionsReadStatus = { runId: number; version: number; readMs: number };

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function readPredictionsAhead(deps: {
  /** Where the runs are found (the predictions are read with its settings). */
  db: Db;
  service: Pick<CustomerColumnsService, 'customerRows' | 'onLoaded' | 'status'>;
  /** The run served now, or null before the first fit. */
  servedRun: () => Promise<ServedRun | null>;
  logger?: Logger | undefined;
}): PredictionsReadAhead {
  const { db, service, logger } = deps;
  let lastRun: number | null = null;
  let lastRead: PredictionsReadStatus | null = null;

  function read(version: number, run: ServedRun): void {
    const rows = service.customerRows(version);
    if (!rows) return;
    const asOf = epochDay(run.asOfDay);
    // With the chain's stake per customer for the run's as-of day (chain-stake.ts): on PostgreSQL made by the
    // predictions' worker; on PGlite here after, a slice of rows at a time.
    const began = performance.now();
    churnPredictions(db, rows, run.id, asOf)
      .then(() => prepareChainStake(rows, asOf, yieldToLoop))
      .then(() => {
        if (service.customerRows(version) !== rows) return;
        lastRead = { runId: run.id, version, readMs: Math.round(performance.now() - began) };
        logger?.info(lastRead, 'churn columns: predictions read ahead');
      })
      .catch((err: unknown) => {
        // A copy stopped or replaced meanwhile ended its read on purpose (the bench's own server, a stop, a new
        // version): nothing to warn about.
        if (service.customerRows(version) !== rows) return;
        logger?.warn(
          { err, runId: run.id },
          'churn columns: predictions not read ahead; the first question reads them',
        );
      });
  }

  service.onLoaded((version) => {
    // The chain-wide first days and totals (chain-customers.ts), a slice of rows at a time, whether or not a run is.
    const rows = service.customerRows(version);
    if (rows) void prepareChainCustomers(rows, yieldToLoop);
    deps
      .servedRun()
      .then((run) => {
        if (run === null) return;
        lastRun = run.id;
        read(version, run);
      })
      .catch((err: unknown) => logger?.warn({ err }, 'churn columns: no served run to read ahead'));
  });

  return {
    status: () => lastRead,
    runServed: (run) => {
      if (run.id === lastRun) return;
      lastRun = run.id;
      const version = service.status()?.version;
      if (version !== undefined) read(version, run);
    },
  };
}
