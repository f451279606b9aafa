/**
 * Streams one import file into its staging table: the shared row loop (`stage-rows.ts`) reads and checks the
 * rows, and each batch is COPYed — staged rows into the entity's staging table, rejects into import_rejects.
 * One batch is COPYed while the next is read and checked. A file of WORKER_MIN_BYTES or more is read and
 * checked on a worker thread (`stage-worker.ts`), so the JavaScript checks and the COPY run on two cores;
 * smaller files stay in this thread (a worker's start costs more than it saves). Memory is bounded by a few
 * batches, whatever the file's size.
 */
import type { Database } from '../../db/client';
import { startBundledWorker } from '../../lib/ts-worker';
import { ENTITY_SPECS, stageColumns } from './formats';
import { stageRows, type FileStats, type StageBatch, type StageInput } from './stage-rows';
import type { WorkerMessage } from './stage-worker';

export { cleanRaw, MAX_RAW_CHARS, rejectLine, type FileStats, type StageInput } from './stage-rows';

export const REJECT_COLUMNS = ['job_id', 'file', 'line', 'entity', 'reason', 'message', 'raw'] as const;
/**
 * Files this large (bytes on disk, about 50,000 orders) are read and checked on a worker thread: about a second
 * of JavaScript, against the worker's start (tens of milliseconds).
 */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

export type StageProgress = (delta: { bytes: number; rows: number }) => void;
export type StageOptions = { size?: number; worker?: boolean };

/** COPYs batches one after another, at most one in flight; `done` waits for the last. */
function batchCopier(database: Database, input: StageInput, progress: StageProgress) {
  const spec = ENTITY_SPECS[input.entity];
  const columns = stageColumns(spec);
  let inFlight: Promise<void> = Promise.resolve();
  return {
    /** Starts the COPY of `batch` once the previous one is done; resolves when it has started. */
    push: async (batch: StageBatch, copied?: () => void): Promise<void> => {
      progress({ bytes: batch.bytes, rows: batch.stagedRows + batch.rejectRows });
      await inFlight;
      inFlight = (async () => {
        if (batch.stagedRows > 0) await database.copyCsv(spec.stage, columns, batch.staged);
        if (batch.rejectRows > 0) await database.copyCsv('import_rejects', REJECT_COLUMNS, batch.rejects);
        copied?.();
      })();
      // Its failure surfaces at the next await of inFlight, not as an unhandled rejection meanwhile.
      inFlight.catch(() => undefined);
    },
    done: () => inFlight,
  };
}

export async function stageFile(
  database: Database,
  input: StageInput,
  progress: StageProgress,
  options: StageOptions = {},
): Promise<FileStats> {
  const useWorker = options.worker ?? (options.size ?? 0) >= WORKER_MIN_BYTES;
  const copier = batchCopier(database, input, progress);
  try {
    const stats = useWorker
      ? await stageOnWorker(input, copier.push)
      : await stageRows(input, (batch) => copier.push(batch));
    await copier.done();
    return stats;
  } finally {
    // A failed read leaves no COPY running behind the caller's back.
    await copier.done().catch(() => undefined);
  }
}

function stageOnWorker(
  input: StageInput,
  push: (batch: StageBatch, copied: () => void) => Promise<void>,
): Promise<FileStats> {
  return new Promise<FileStats>((resolve, reject) => {
    const worker = startBundledWorker(new URL('./stage-worker.ts', import.meta.url), { workerData: input });
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    // Batches are pushed in arrival order; each is acknowledged once COPYed (the worker's credit).
    let queue: Promise<void> = Promise.resolve();
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'batch') {
        const batch = {
          ...m.batch,
          staged: Buffer.from(m.batch.staged.buffer, m.batch.staged.byteOffset, m.batch.staged.byteLength),
        };
        queue = queue.then(() => push(batch, () => worker.postMessage('copied'))).catch(fail);
      } else if (m.type === 'done') {
        queue = queue.then(() => {
          if (settled) return;
          settled = true;
          // Every batch is COPYed: the worker is done (ended here, so it cannot keep the process alive).
          void worker.terminate();
          resolve(m.stats);
        });
      } else fail(new Error(m.message));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      void queue.then(() => {
        if (!settled) fail(new Error(`the staging worker stopped (exit code ${code})`));
      });
    });
  });
}
