/**
 * Reads a churn model run's predictions for a columns copy on a worker thread (predictions-worker.ts), so this
 * thread keeps answering requests meanwhile: all it does is hand the worker the copy's keys (one string, copied in
 * one piece) and receive the finished arrays, transferred (moved, not copied); given an as-of day, also the chain's
 * rows in its 365-day window, copied out a piece at a time between turns of the loop and transferred, from which
 * the worker adds up the chain's stake (chain-stake.ts) while it reads. `cancel` ends the worker, and the read rejects.
 */
import type { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { prebuildWorkerBundle, startBundledWorkerAsync } from '../../lib/ts-worker';
import { stakeWindow } from './chain-stake';
import type { CustomerColumns } from './columns';
import type { PredictionArrays } from './predictions-layout';
import type {
  PredictionsWorkerData,
  PredictionsWorkerMessage,
  StakeMessage,
  WorkerStake,
} from './predictions-worker';

/** The worker thread's nice value (Linux), as the columns' load: below requests. */
const WORKER_NICE = 10;

/** Rows per piece of the stake's window sent to the worker (a couple of milliseconds of copying). */
const ROWS_PER_PIECE = 200_000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Sends the window's rows for `asOf` to `worker`, a piece per turn of the loop, then the end. */
async function sendWindow(worker: Worker, columns: CustomerColumns, asOf: number, stop: () => boolean) {
  for (const piece of stakeWindow(columns, asOf, ROWS_PER_PIECE)) {
    if (stop()) return;
    const message: StakeMessage = { type: 'rows', piece };
    worker.postMessage(message, [piece.customer.buffer, piece.cents.buffer] as ArrayBuffer[]);
    await yieldToLoop();
  }
  const end: StakeMessage = { type: 'end' };
  if (!stop()) worker.postMessage(end);
}

const WORKER_ENTRY = new URL('./predictions-worker.ts', import.meta.url);

/** Builds the worker's bundle ahead, so the first read starts without esbuild. */
export const preparePredictionsWorker = () => prebuildWorkerBundle(WORKER_ENTRY);

export type WorkerPredictions = PredictionArrays & { readMs: number; stake: WorkerStake | null };

export type WorkerRead = {
  predictions: Promise<WorkerPredictions>;
  cancel: () => Promise<void>;
};

export function readPredictionsOnWorker(
  connection: pg.ClientConfig,
  columns: CustomerColumns,
  runId: number,
  /** The run's as-of day (epoch day): make the chain's stake for it too. */
  stakeAsOf: number | null = null,
): WorkerRead {
  let worker: Worker | null = null;
  let cancelled = false;
  const data: PredictionsWorkerData = {
    connection,
    nice: WORKER_NICE,
    runId,
    customerKeys: columns.customerKeys,
    customers: columns.customers,
    stakeAsOf,
  };
  const predictions = (async () => {
    const started = await startBundledWorkerAsync(WORKER_ENTRY, { workerData: data });
    worker = started;
    if (cancelled) {
      await started.terminate();
      throw new Error('churn predictions: the read was cancelled');
    }
    if (stakeAsOf !== null) void sendWindow(started, columns, stakeAsOf, () => worker !== started);
    return new Promise<WorkerPredictions>((resolve, reject) => {
      let result: PredictionsWorkerMessage | null = null;
      started.on('message', (m: PredictionsWorkerMessage) => (result = m));
      started.on('error', reject);
      // Settled when the thread has ended (its connection closed), so a finished read leaves nothing running.
      started.on('exit', (code) => {
        worker = null;
        if (result?.type === 'loaded')
          resolve({ ...result.predictions, readMs: result.readMs, stake: result.stake });
        else if (result?.type === 'failed') reject(new Error(result.message));
        else reject(new Error(`churn predictions: the worker stopped (exit code ${code})`));
      });
    });
  })();
  return {
    predictions,
    cancel: async () => {
      cancelled = true;
      await worker?.terminate();
    },
  };
}
