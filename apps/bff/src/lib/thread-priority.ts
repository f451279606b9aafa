import fs from 'node:fs';
import os from 'node:os';

/**
 * Lowers this thread's scheduling priority to `nice` (a worker thread doing background work, so requests come
 * first on a busy machine). On Linux a nice value belongs to a thread: `setpriority` given a thread id (here from
 * /proc/thread-self) lowers this thread only, not the process; raising one's own nice value needs no privilege.
 * Elsewhere, or when not permitted: nothing.
 */
export function lowerThreadPriority(nice: number): void {
  if (process.platform !== 'linux' || nice <= 0) return;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(tid) && tid > 0) os.setPriority(tid, nice);
  } catch {
    // No /proc or not permitted: the thread runs at the process's priority.
  }
}
