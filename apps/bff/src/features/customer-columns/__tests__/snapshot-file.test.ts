/**
 * The snapshot file (snapshot-file.ts) on its own: every kind of value round-trips exactly; another key, a file cut
 * short anywhere, a flipped byte in the header or in an array, or a file that is no snapshot are refused (never
 * thrown); what cannot be written leaves no file; and writers racing on one file while it is read never let a
 * reader see anything but one writer's whole value, and leave no temporary file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTsWorker } from '../../../lib/ts-worker';
import { readSnapshot, writeSnapshot } from '../snapshot-file';
import { sampleValue } from './snapshot-sample';

const KEY = {
  cluster: '7312',
  database: 16384,
  version: 7,
  versionXmin: '991',
  migration: 'f00',
  code: 'abc',
};

describe('Customer columns snapshot file', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-file-test-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const fileOf = (name: string) => path.join(dir, name);

  it('When a value is written and read back, Then it is equal in every part, its arrays of the same types and each its own', () => {
    const value = sampleValue(3);
    writeSnapshot(fileOf('a.snap'), KEY, value);
    const read = readSnapshot(fileOf('a.snap'), { ...KEY });
    if (!('value' in read)) throw new Error(read.missing);
    expect(read.value).toStrictEqual(value);
    const got = read.value as ReturnType<typeof sampleValue>;
    expect(Object.is(got.odd[1], -0)).toBe(true);
    expect(got.ints).toBeInstanceOf(Int32Array);
    expect(got.arrays.b64).toBeInstanceOf(BigInt64Array);
    // Read into arrays of their own (not views into one file buffer): their buffers hold just them.
    expect(got.ints.buffer.byteLength).toBe(got.ints.byteLength);
    expect(got.storeIndex.get('S002')).toBe(1);
  });

  it('When the key differs in any part, Then the file is not used', () => {
    writeSnapshot(fileOf('b.snap'), KEY, sampleValue(1));
    for (const other of [
      { version: 8 },
      { database: 1 },
      { code: 'abd' },
      { versionXmin: '992' },
      { migration: 'f01' },
    ])
      expect(readSnapshot(fileOf('b.snap'), { ...KEY, ...other })).toEqual({ missing: 'another key' });
    expect(readSnapshot(fileOf('none.snap'), KEY)).toEqual({ missing: 'no file' });
  });

  it('When the file is cut short anywhere, Then it is refused', () => {
    writeSnapshot(fileOf('c.snap'), KEY, sampleValue(2));
    const whole = fs.readFileSync(fileOf('c.snap'));
    for (const length of [0, 5, 15, 40, 500, Math.floor(whole.length / 2), whole.length - 1]) {
      fs.writeFileSync(fileOf('cut.snap'), whole.subarray(0, length));
      const read = readSnapshot(fileOf('cut.snap'), KEY);
      expect('missing' in read, `cut at ${length}`).toBe(true);
    }
  });

  it('When a byte of the header or of an array is flipped, Then it is refused', () => {
    writeSnapshot(fileOf('d.snap'), KEY, sampleValue(4));
    const whole = fs.readFileSync(fileOf('d.snap'));
    const flipped = (at: number) => {
      const copy = Buffer.from(whole);
      copy[at] = copy[at]! ^ 0x20;
      fs.writeFileSync(fileOf('flip.snap'), copy);
      return readSnapshot(fileOf('flip.snap'), KEY);
    };
    expect(flipped(30)).toEqual({ missing: 'header corrupt' });
    // The last bytes belong to the last array written (the 100,000 integers).
    expect(flipped(whole.length - 3)).toEqual({ missing: 'array corrupt' });
    expect(flipped(0)).toEqual({ missing: 'not a snapshot' });
  });

  it('When a value holds what a snapshot cannot (a class instance, a function, a DataView), Then nothing is written', () => {
    class Point {
      x = 1;
    }
    for (const bad of [{ p: new Point() }, { f: () => 1 }, { v: new DataView(new ArrayBuffer(4)) }]) {
      expect(() => writeSnapshot(fileOf('bad.snap'), KEY, bad)).toThrow(/cannot hold/);
      expect(fs.readdirSync(dir).filter((n) => n.startsWith('bad.snap'))).toEqual([]);
    }
  });

  it('When writers race on one file while it is read, Then every read is one whole written value and no temporary file is left', async () => {
    const file = fileOf('race.snap');
    const times = 25;
    const writers = [1, 2, 3].map((writer) =>
      startTsWorker(new URL('./snapshot-writer.worker.ts', import.meta.url), {
        workerData: { file, key: KEY, writer, times },
      }),
    );
    const finished = Promise.all(
      writers.map(
        (w) =>
          new Promise<void>((resolve, reject) => (w.once('exit', () => resolve()), w.once('error', reject))),
      ),
    );
    let running = true;
    void finished.then(() => (running = false));
    let reads = 0;
    while (running || reads === 0) {
      const read = readSnapshot(file, KEY);
      if ('value' in read) {
        const { seed } = read.value as { seed: number };
        expect(read.value).toStrictEqual(sampleValue(seed));
        reads++;
      } else expect(read.missing).toBe('no file');
      await new Promise((r) => setImmediate(r));
    }
    await finished;
    expect(reads).toBeGreaterThan(0);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('race.snap'))).toEqual(['race.snap']);
  }, 60_000);
});
