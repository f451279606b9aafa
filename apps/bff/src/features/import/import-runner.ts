/**
 * Runs uploaded imports one after another in this process (each waits for the import lock, which another
 * process may hold), then removes the uploaded files. The job row says how far each got.
 */
import fs from 'node:fs';
import type { Database } from '../../db/client';
import { beatJobs, type ImportJobRow } from '../../db/queries/import-jobs';
import type { Logger } from '../../lib/logger';
import { runWhenFree } from './import-files';
import type { ImportFile } from './run-import';

export type ImportRunner = {
  enqueue: (job: ImportJobRow, files: ImportFile[], dir: string) => void;
  /** Resolves when nothing is queued or running (tests, shutdown). */
  idle: () => Promise<void>;
  stop: () => void;
};

export function createImportRunner(
  database: Database,
  logger: Logger,
  onFinished: (job: ImportJobRow) => void,
): ImportRunner {
  let chain: Promise<void> = Promise.resolve();
  const controller = new AbortController();
  /** Jobs queued here: their heartbeat says this process is alive, so no other takes them for dead. */
  const waiting = new Set<number>();
  const beat = setInterval(() => void beatJobs(database.db, [...waiting]).catch(() => undefined), 30_000);
  beat.unref();
  return {
    enqueue: (job, files, dir) => {
      waiting.add(job.id);
      chain = chain.then(async () => {
        waiting.delete(job.id);
        try {
          const done = await runWhenFree(database, job, files, {
            signal: controller.signal,
            log: (m) => logger.debug({ job: job.id }, m),
          });
          logger.info(
            { job: job.id, status: done.status, rows: done.rowsRead, rejected: done.rowsRejected },
            'import finished',
          );
          onFinished(done);
        } catch (err) {
          logger.error({ err, job: job.id }, 'import could not run');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    },
    idle: () => chain,
    stop: () => {
      controller.abort();
      clearInterval(beat);
    },
  };
}
