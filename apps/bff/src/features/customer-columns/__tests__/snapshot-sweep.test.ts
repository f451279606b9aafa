/**
 * The snapshot folder's sweep (snapshot-load.ts `sweepSnapshots`), on real files: each deploy's code writes its own
 * snapshot of the same data (~0.5 GB on the large demo), so another code's file of this database goes once it has
 * been unused for a while; the current file, newer versions and other databases' files stay, and so does another
 * code's file that a reader has just touched (a process of that code about to open it). A reader that already holds
 * the file open reads it whole after the sweep.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '../snapshot-file';
import { OTHER_CODE_GRACE_MS, snapshotFile, sweepSnapshots, type SnapshotKey } from '../snapshot-load';

const KEY: SnapshotKey = {
  cluster: '7300000000000000001',
  database: 16384,
  version: 5,
  versionXmin: '901',
  migration: 'abc',
  code: 'bundle-new',
};
const OTHER_DATABASE = { ...KEY, database: 16999 };

describe('Snapshot sweep', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-sweep-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Writes a snapshot of `key` last used `agoMs` ago; returns its file name. */
  function written(key: SnapshotKey, agoMs: number): string {
    const file = snapshotFile(dir, key);
    writeSnapshot(file, key, { version: key.version, rows: Int32Array.of(key.version, 1, 2) });
    const at = new Date(Date.now() - agoMs);
    fs.utimesSync(file, at, at);
    return path.basename(file);
  }

  it('When a new code’s snapshot is written, Then another code’s unused snapshot of the same data goes; the current one, newer versions and other databases stay', () => {
    const current = written(KEY, 0);
    const oldCode = written({ ...KEY, code: 'bundle-old' }, OTHER_CODE_GRACE_MS + 60_000);
    const olderCodeOlderVersion = written({ ...KEY, code: 'bundle-older', version: 4 }, 1000);
    const newerVersion = written({ ...KEY, code: 'bundle-old', version: 6 }, OTHER_CODE_GRACE_MS + 60_000);
    const otherDatabase = written({ ...OTHER_DATABASE, code: 'bundle-old' }, OTHER_CODE_GRACE_MS + 60_000);

    expect(sweepSnapshots(dir, KEY).sort()).toEqual([oldCode, olderCodeOlderVersion].sort());
    expect(fs.readdirSync(dir).sort()).toEqual([current, newerVersion, otherDatabase].sort());
  });

  it('Given another code’s snapshot was just touched by a reader about to open it, When the sweep runs, Then it stays until unused for the grace period', () => {
    written(KEY, 0);
    const inUse = written({ ...KEY, code: 'bundle-old' }, 0);
    expect(sweepSnapshots(dir, KEY)).toEqual([]);
    expect(fs.readdirSync(dir)).toContain(inUse);
    const file = path.join(dir, inUse);
    const at = new Date(Date.now() - OTHER_CODE_GRACE_MS - 1000);
    fs.utimesSync(file, at, at);
    expect(sweepSnapshots(dir, KEY)).toEqual([inUse]);
  });

  it('Given a reader holds another code’s snapshot open, When the sweep removes it, Then the reader still reads it whole', () => {
    written(KEY, 0);
    const oldKey = { ...KEY, code: 'bundle-old' };
    const old = path.join(dir, written(oldKey, OTHER_CODE_GRACE_MS + 60_000));
    const fd = fs.openSync(old, 'r');
    try {
      expect(sweepSnapshots(dir, KEY)).toEqual([path.basename(old)]);
      expect(fs.existsSync(old)).toBe(false);
      // The open descriptor still reads the unlinked file's bytes; its copy at another path reads back whole.
      const copyPath = path.join(dir, 'held-open.snap');
      fs.writeFileSync(copyPath, fs.readFileSync(fd));
      const back = readSnapshot(copyPath, oldKey);
      expect(back).toEqual({ value: { version: 5, rows: Int32Array.of(5, 1, 2) } });
    } finally {
      fs.closeSync(fd);
    }
  });
});
