/**
 * The worker-thread side of staging a large file (`stage-file.ts` starts it): runs the shared row loop and
 * posts each COPY-ready batch to the importing thread (its bytes transferred, not copied), which COPYs it while
 * this thread reads and checks the next rows — the checks and the COPY run on two cores. At most
 * MAX_UNACKED batches wait for their COPY, so memory stays bounded whatever the file's size.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { stageRows, type FileStats, type StageBatch, type StageInput } from './stage-rows';

export type WorkerMessage =
  | { type: 'batch'; batch: StageBatch }
  | { type: 'done'; stats: FileStats }
  | { type: 'failed'; message: string };

const MAX_UNACKED = 2;

const port = parentPort!;
let unacked = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  unacked--;
  wake?.();
  wake = null;
});

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

try {
  const stats = await stageRows(workerData as StageInput, async (batch) => {
    while (unacked >= MAX_UNACKED) await new Promise<void>((resolve) => (wake = resolve));
    unacked++;
    post({ type: 'batch', batch }, [batch.staged.buffer as ArrayBuffer]);
  });
  post({ type: 'done', stats });
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
