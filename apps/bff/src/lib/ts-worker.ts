import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the TypeScript module `entry` (a URL beside the caller: `new URL('./x.ts',
 * import.meta.url)`), the way the BFF itself runs (tsx), whatever started this thread. No node flags are passed
 * on: the boot registers tsx itself.
 */
export function startTsWorker(
  entry: URL,
  options: Omit<WorkerOptions, 'argv' | 'execArgv' | 'eval'>,
): Worker {
  return new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), {
    ...options,
    argv: [entry.href],
    execArgv: [],
  });
}
