/**
 * Reads a churn model run's predictions for a columns copy on a worker thread (predictions-worker.ts), so this
 * thread keeps answering requests meanwhile: all it does is hand the worker the copy's keys (one string, copied in
 * one piece) and receive the finished arrays, transferred (moved, not copied). `cancel` ends the worker, and the
 * read rejects.
 */
import type { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { prebuildWorkerBundle, startBundledWorkerAsync } from '../../lib/ts-worker';
import type { CustomerColumns } from './columns';
import type { PredictionArrays } from './predictions-layout';
import type { PredictionsWorkerData, PredictionsWorkerMessage } from './predictions-worker';

/** The worker thread's nice value (Linux), as the columns' load: below requests. */
const WORKER_NICE = 10;

const WORKER_ENTRY = new URL('./predictions-worker.ts', import.meta.url);

/** Builds the worker's bundle ahead, so the first read starts without esbuild. */
export const preparePredictionsWorker = () => prebuildWorkerBundle(WORKER_ENTRY);

export type WorkerRead = {
  predictions: Promise<PredictionArrays & { readMs: number }>;
  cancel: () => Promise<void>;
};

export function readPredictionsOnWorker(
  connection: pg.ClientConfig,
  columns: Pick<CustomerColumns, 'customerKeys' | 'customers'>,
  runId: number,
): WorkerRead {
  let worker: Worker | null = null;
  let cancelled = false;
  const data: PredictionsWorkerData = {
    connection,
    nice: WORKER_NICE,
    runId,
    customerKeys: columns.customerKeys,
    customers: columns.customers,
  };
  const predictions = (async () => {
    const started = await startBundledWorkerAsync(WORKER_ENTRY, { workerData: data });
    worker = started;
    if (cancelled) {
      await started.terminate();
      throw new Error('churn predictions: the read was cancelled');
    }
    return new Promise<PredictionArrays & { readMs: number }>((resolve, reject) => {
      let result: PredictionsWorkerMessage | null = null;
      started.on('message', (m: PredictionsWorkerMessage) => (result = m));
      started.on('error', reject);
      // Settled when the thread has ended (its connection closed), so a finished read leaves nothing running.
      started.on('exit', (code) => {
        worker = null;
        if (result?.type === 'loaded') resolve({ ...result.predictions, readMs: result.readMs });
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
