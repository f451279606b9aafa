/**
 * Loads the customer columns' copy on a worker thread (`columns-worker.ts`), so this thread keeps answering
 * requests meanwhile: all it does is start the worker (its bundle built asynchronously) and receive the finished
 * copy, whose typed arrays arrive transferred (moved, not copied); the rest of the message (store maps, product
 * names, keys) is a few thousand values. `cancel` ends the worker, and the load rejects.
 */
import type { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { prebuildWorkerBundle, startBundledWorkerAsync } from '../../lib/ts-worker';
import type { ColumnsWorkerData, ColumnsWorkerMessage } from './columns-worker';
import type { ColumnsCopy } from './load-copy';
import type { SnapshotOutcome } from './snapshot-load';

/** The worker thread's nice value (Linux): below requests, above nothing else in particular. */
const WORKER_NICE = 10;

export type WorkerLoad = {
  copy: Promise<ColumnsCopy>;
  /** Once loaded: whether the copy came from a snapshot or the database, and why no snapshot (snapshot-load.ts). */
  source: Omit<SnapshotOutcome, 'copy'> | null;
  /**
   * Resolves true as soon as the worker says the copy comes from `from` (before reading it): 'snapshot' (seconds
   * away) or 'database' (minutes on a large chain; also after a snapshot that turned out unusable); false when the
   * load ended without saying so, and 'snapshot' false once it says 'database'.
   */
  coming: (from: SnapshotOutcome['from']) => Promise<boolean>;
  cancel: () => Promise<void>;
};

function announcement() {
  let resolve: (said: boolean) => void = () => undefined;
  const promise = new Promise<boolean>((r) => (resolve = r));
  return { promise, resolve };
}

const WORKER_ENTRY = new URL('./columns-worker.ts', import.meta.url);

/** Builds the worker's bundle ahead (the server's start-up warm-up), so the first load starts without esbuild. */
export const prepareWorkerLoad = () => prebuildWorkerBundle(WORKER_ENTRY);

export function loadOnWorker(connection: pg.ClientConfig, snapshotDir: string | null = null): WorkerLoad {
  let worker: Worker | null = null;
  let cancelled = false;
  const data: ColumnsWorkerData = { connection, nice: WORKER_NICE, snapshotDir };
  let source: WorkerLoad['source'] = null;
  // Each announcement resolves its promise true; the load's end resolves both (false when never announced).
  const announced = { snapshot: announcement(), database: announcement() };
  const copy = (async () => {
    const started = await startBundledWorkerAsync(WORKER_ENTRY, { workerData: data });
    worker = started;
    if (cancelled) {
      await started.terminate();
      throw new Error('customer columns: the load was cancelled');
    }
    return new Promise<ColumnsCopy>((resolve, reject) => {
      let result: ColumnsWorkerMessage | null = null;
      started.on('message', (m: ColumnsWorkerMessage) => {
        if (m.type !== 'source') result = m;
        else if (m.from === 'snapshot') announced.snapshot.resolve(true);
        else {
          // From the database: no snapshot is coming (any more: one may have turned out unusable).
          announced.snapshot.resolve(false);
          announced.database.resolve(true);
        }
      });
      started.on('error', reject);
      // Settled when the thread has ended (its connection closed), so a finished load leaves nothing running.
      started.on('exit', (code) => {
        worker = null;
        if (result?.type === 'loaded') {
          source = { from: result.from, note: result.note, snapshotMs: result.snapshotMs };
          resolve(result.copy);
        } else if (result?.type === 'failed') reject(new Error(result.message));
        else reject(new Error(`customer columns: the load's worker stopped (exit code ${code})`));
      });
    });
  })();
  void copy
    .catch(() => undefined)
    .finally(() => {
      announced.snapshot.resolve(false);
      announced.database.resolve(false);
    });
  return {
    copy,
    coming: (from) => announced[from].promise,
    get source() {
      return source;
    },
    cancel: async () => {
      cancelled = true;
      await worker?.terminate();
    },
  };
}
