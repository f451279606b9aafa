/**
 * The worker-thread side of reading a churn model run's predictions for a columns copy on PostgreSQL
 * (predictions-on-worker.ts starts it): on its own connection it streams the run's `COPY`, builds the map from the
 * copy's customer keys to ordinals and lays the predictions out (predictions-layout.ts) — about a million map
 * entries and rows on the large demo, seconds of JavaScript that held the event loop when run on the main thread —
 * and posts back only the typed arrays, transferred. The thread runs at a lowered priority, so requests come first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { copyRunPredictions } from '../../db/queries/run-predictions';
import { lowerThreadPriority } from '../../lib/thread-priority';
import { layOutPredictions, predictionBuffers, type PredictionArrays } from './predictions-layout';

export type PredictionsWorkerData = {
  connection: pg.ClientConfig;
  nice: number;
  runId: number;
  /** The copy's `customerKeys` and `customers` (columns.ts). */
  customerKeys: string;
  customers: number;
};
export type PredictionsWorkerMessage =
  { type: 'loaded'; predictions: PredictionArrays; readMs: number } | { type: 'failed'; message: string };

const { connection, nice, runId, customerKeys, customers } = workerData as PredictionsWorkerData;
const port = parentPort!;
lowerThreadPriority(nice);
const pool = new pg.Pool({ ...connection, max: 1, application_name: 'portrait churn predictions' });
pool.on('error', () => undefined);
try {
  const began = performance.now();
  const predictions = await layOutPredictions({ customerKeys, customers }, runId, (row) =>
    copyRunPredictions(pool, runId, row),
  );
  const message: PredictionsWorkerMessage = {
    type: 'loaded',
    predictions,
    readMs: Math.round(performance.now() - began),
  };
  port.postMessage(message, predictionBuffers(predictions));
} catch (err) {
  const message: PredictionsWorkerMessage = {
    type: 'failed',
    message: err instanceof Error ? err.message : String(err),
  };
  port.postMessage(message);
} finally {
  await pool.end().catch(() => undefined);
}
