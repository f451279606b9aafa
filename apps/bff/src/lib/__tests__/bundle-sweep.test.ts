import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepStaleBundleDirs } from '../ts-worker';

describe('Worker bundle folders left by killed processes', () => {
  let tmp = '';
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('When a process that made a bundle folder no longer runs, Then the next sweep removes only its folder', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-sweep-'));
    // A real process that has ended: its pid is free (the kernel does not hand it out again at once).
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    expect(ended).toBeGreaterThan(0);
    const folders = {
      ended: `portrait-workers-${ended}-aB3dEf`,
      self: `portrait-workers-${process.pid}-Gh5iJk`,
      parent: `portrait-workers-${process.ppid}-Lm7nOp`,
      unrelated: 'portrait-workers-Qr9sTu',
      other: 'someone-elses-folder',
    };
    for (const name of Object.values(folders)) {
      fs.mkdirSync(path.join(tmp, name));
      fs.writeFileSync(path.join(tmp, name, 'bundle.mjs'), '');
    }

    const removed = sweepStaleBundleDirs(tmp);

    expect(removed).toEqual([folders.ended]);
    expect(fs.readdirSync(tmp).sort()).toEqual(
      [folders.self, folders.parent, folders.unrelated, folders.other].sort(),
    );
  });
});
