/**
 * The worker-thread side of reading a churn model run's predictions for a columns copy on PostgreSQL
 * (predictions-on-worker.ts starts it): on its own connection it streams the run's `COPY`, builds the map from the
 * copy's customer keys to ordinals and lays the predictions out (predictions-layout.ts) — about a million map
 * entries and rows on the large demo, seconds of JavaScript that held the event loop when run on the main thread —
 * and posts back only the typed arrays, transferred. Given the run's as-of day, it also adds up the chain's stake per
 * customer (chain-stake.ts: 200–600 ms of JavaScript on the large demo, paid on the main thread by the first
 * chain-wide question after a start otherwise) from the window's rows the main thread sends, a piece at a time,
 * meanwhile (messages, buffers transferred), and posts it back the same way. The thread runs at a
 * lowered priority, so requests come first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { copyRunPredictions } from '../../db/queries/run-predictions';
import { lowerThreadPriority } from '../../lib/thread-priority';
import { stakeAdder, type ChainStake, type StakeRows } from './chain-stake';
import { layOutPredictions, predictionBuffers, type PredictionArrays } from './predictions-layout';

export type PredictionsWorkerData = {
  connection: pg.ClientConfig;
  nice: number;
  runId: number;
  /** The copy's `customerKeys` and `customers` (columns.ts). */
  customerKeys: string;
  customers: number;
  /** The run's as-of day (epoch day) when the chain's stake is to be made too; its rows come as `StakeMessage`s. */
  stakeAsOf: number | null;
};
/** From the main thread: a piece of the window's rows (in order), then the end. */
export type StakeMessage = { type: 'rows'; piece: StakeRows } | { type: 'end' };
/** `stake`: made from `window` (null inside: beyond exact integers); null when not asked. */
export type WorkerStake = { asOf: number; stake: ChainStake | null };
export type PredictionsWorkerMessage =
  | { type: 'loaded'; predictions: PredictionArrays; readMs: number; stake: WorkerStake | null }
  | { type: 'failed'; message: string };

const { connection, nice, runId, customerKeys, customers, stakeAsOf } = workerData as PredictionsWorkerData;
const port = parentPort!;
const adder = stakeAsOf === null ? null : stakeAdder(customers, stakeAsOf);
const windowRead = new Promise<void>((resolve) => {
  if (!adder) return resolve();
  port.on('message', (m: StakeMessage) => (m.type === 'rows' ? adder.add(m.piece) : resolve()));
});
lowerThreadPriority(nice);
const pool = new pg.Pool({ ...connection, max: 1, application_name: 'portrait churn predictions' });
pool.on('error', () => undefined);
try {
  const began = performance.now();
  const predictions = await layOutPredictions({ customerKeys, customers }, runId, (row) =>
    copyRunPredictions(pool, runId, row),
  );
  const readMs = Math.round(performance.now() - began);
  await windowRead;
  const made = adder ? adder.finish() : null;
  const stake = stakeAsOf === null ? null : { asOf: stakeAsOf, stake: made };
  const message: PredictionsWorkerMessage = { type: 'loaded', predictions, readMs, stake };
  const stakeBuffers = made ? [made.cents.buffer, made.has.buffer] : [];
  port.postMessage(message, [...predictionBuffers(predictions), ...(stakeBuffers as ArrayBuffer[])]);
} catch (err) {
  const message: PredictionsWorkerMessage = {
    type: 'failed',
    message: err instanceof Error ? err.message : String(err),
  };
  port.postMessage(message);
} finally {
  // The listener would keep the thread alive (the main thread waits for its exit).
  port.removeAllListeners('message');
  port.unref();
  await pool.end().catch(() => undefined);
}
