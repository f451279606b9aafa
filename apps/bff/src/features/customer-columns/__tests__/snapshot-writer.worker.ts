/**
 * A writer thread of `snapshot-file.test.ts`: writes the same file under the same key `times` times, each value
 * marked with its writer and round, as fast as it can, while other writers and a reader use the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeSnapshot } from '../snapshot-file';
import { sampleValue } from './snapshot-sample';

const { file, key, writer, times } = workerData as {
  file: string;
  key: unknown;
  writer: number;
  times: number;
};
for (let round = 0; round < times; round++) writeSnapshot(file, key, sampleValue(writer * 1000 + round));
parentPort?.postMessage('done');
