/**
 * The generator and the CSV formatting in a worker thread: on PostgreSQL the next batches are made on one core
 * while the database takes the current ones on the other (the main thread only hands the text to COPY). At most
 * `AHEAD` batches wait for the main thread, so memory stays bounded.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startTsWorker } from '../../lib/ts-worker';
import { batchToDbCsv } from './db-columns';
import { generateDemo } from './generate';
import type { DemoOptions, DemoTable } from './types';

export type CsvBatch = { table: DemoTable; rows: number; csv: string };
type Message = { batch: CsvBatch } | { done: true } | { error: string };
type Data = { demoGenerator: true; options: DemoOptions; waiting: Int32Array };

const AHEAD = 4;

/** The batches in the calling thread (PGlite, which runs in this thread anyway). */
export function* generateCsv(options: DemoOptions): Generator<CsvBatch> {
  for (const batch of generateDemo(options))
    yield { table: batch.table, rows: batch.rows.length, csv: batchToDbCsv(batch) };
}

/** The same batches, made in a worker thread. */
export async function* generateCsvInThread(options: DemoOptions): AsyncGenerator<CsvBatch> {
  const waiting = new Int32Array(new SharedArrayBuffer(4));
  const worker = startTsWorker(new URL(import.meta.url), {
    workerData: { demoGenerator: true, options, waiting } satisfies Data,
  });
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  const push = (message: Message) => {
    queue.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (err) => push({ error: err.message }));
  worker.on('exit', (code) =>
    push(code === 0 ? { done: true } : { error: `generator thread exited (${code})` }),
  );
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift()!;
      if ('error' in message) throw new Error(`demo generator: ${message.error}`);
      if ('done' in message) return;
      Atomics.sub(waiting, 0, 1);
      Atomics.notify(waiting, 0);
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}

function produce({ options, waiting }: Data): void {
  try {
    for (const batch of generateCsv(options)) {
      let n;
      while ((n = Atomics.load(waiting, 0)) >= AHEAD) Atomics.wait(waiting, 0, n);
      Atomics.add(waiting, 0, 1);
      parentPort!.postMessage({ batch } satisfies Message);
    }
    parentPort!.postMessage({ done: true } satisfies Message);
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies Message);
  }
}

if (!isMainThread && (workerData as Partial<Data> | null)?.demoGenerator === true)
  produce(workerData as Data);
