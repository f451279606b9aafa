/**
 * The worker-thread side of loading the customer columns on PostgreSQL (`load-on-worker.ts` starts it): opens its
 * own connection (the settings of the main thread's pool), reads and lays out the copy (`loadCopy`: the COPY
 * parsing and the layout of millions of rows, seconds of JavaScript that would otherwise hold the event loop), and
 * posts it back with its buffers transferred. Before a database load the thread lowers its own scheduling priority
 * (Linux), so on a busy machine requests come first and the load takes the spare CPU; a snapshot is read at normal
 * priority, as the server waits for it before it listens (no request to give way to yet).
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { lowerThreadPriority } from '../../lib/thread-priority';
import { copyBuffers, loadCopy } from './load-copy';
import { codeFingerprint, loadCopyViaSnapshot, type SnapshotOutcome } from './snapshot-load';

/** `snapshotDir`: where copies are kept for the next process (snapshot-load.ts); null: none. */
export type ColumnsWorkerData = { connection: pg.ClientConfig; nice: number; snapshotDir: string | null };
export type ColumnsWorkerMessage =
  | ({ type: 'loaded' } & SnapshotOutcome)
  | { type: 'failed'; message: string }
  /** Where the copy is about to come from (snapshot-load.ts), before it is read. */
  | { type: 'source'; from: SnapshotOutcome['from'] };

const { connection, nice, snapshotDir } = workerData as ColumnsWorkerData;
// A snapshot is keyed by the code that made it: this bundle (none when run from sources, without a bundle).
const code = snapshotDir ? codeFingerprint(import.meta.url) : null;
const port = parentPort!;
const pool = new pg.Pool({ ...connection, max: 1, application_name: 'portrait customer columns' });
pool.on('error', () => undefined);
/** Tells the main thread where the copy is about to come from (the server waits before listening for a snapshot). */
const announce = (from: SnapshotOutcome['from']) => {
  if (from === 'database') lowerThreadPriority(nice);
  const message: ColumnsWorkerMessage = { type: 'source', from };
  port.postMessage(message);
};
try {
  let loaded: SnapshotOutcome;
  if (snapshotDir && code) loaded = await loadCopyViaSnapshot(pool, snapshotDir, code, announce);
  else {
    announce('database');
    loaded = {
      copy: await loadCopy(pool),
      from: 'database',
      note: snapshotDir ? 'not a bundle' : null,
      snapshotMs: 0,
    };
  }
  const { copy } = loaded;
  const message: ColumnsWorkerMessage = { type: 'loaded', ...loaded };
  port.postMessage(message, copyBuffers(copy));
} catch (err) {
  const message: ColumnsWorkerMessage = {
    type: 'failed',
    message: err instanceof Error ? err.message : String(err),
  };
  port.postMessage(message);
} finally {
  await pool.end().catch(() => undefined);
}
