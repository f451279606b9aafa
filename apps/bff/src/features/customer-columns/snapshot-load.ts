/**
 * The columns' copy through a local snapshot (issue 9: a restarted process answered chain-wide custom ranges by SQL,
 * ~11 s each on the large demo, for the minutes its copy took to load). In the loading worker thread: when a
 * snapshot of exactly this data (`dataIdentity`) made by exactly this code (the worker bundle's hash) is in `dir`,
 * it is read back (seconds, not minutes); otherwise the copy loads from the database as before and is then written
 * there for the next process, and this database's snapshots of older versions and of other code are removed
 * (sweepSnapshots). Any problem with a snapshot (missing, partial, corrupt, another key, unwritable folder) only
 * means a database load.
 *
 * Why it is exact: the key names the cluster, the database (oid), the data version and the transaction that set it,
 * and the code; a copy is written only if the data version read after its load is still the copy's own.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { dataIdentity, type DataIdentity } from '../../db/queries/columns-snapshot';
import { loadCopy, type ColumnsCopy } from './load-copy';
import { readSnapshot, writeSnapshot } from './snapshot-file';

export type SnapshotKey = DataIdentity & { code: string };
export type SnapshotOutcome = {
  copy: ColumnsCopy;
  from: 'snapshot' | 'database';
  /** Why no snapshot was read, or why none was written (null: all went as planned). */
  note: string | null;
  /** Time spent reading the snapshot (from a snapshot) or writing it (from the database), in ms. */
  snapshotMs: number;
};

/** Snapshots untouched this long are removed (databases dropped since, code long replaced). */
const UNUSED_MS = 7 * 24 * 3600_000;
/**
 * Another code's snapshot of this database (a deploy before) is removed once unused this long: a reader touches a
 * file before opening it, so one that is about to read it (a process of that code starting during a rolling
 * deploy) is not cut off; one holding it open reads on, as on any POSIX file system.
 */
export const OTHER_CODE_GRACE_MS = 10 * 60_000;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
/** Files of one database share a prefix; the version is in the name so older ones can be told apart. */
const databasePrefix = (k: DataIdentity) => `columns-${sha(`${k.cluster}|${k.database}`).slice(0, 16)}-`;
export const snapshotFile = (dir: string, k: SnapshotKey) =>
  path.join(dir, `${databasePrefix(k)}v${k.version}-${sha(JSON.stringify(k)).slice(0, 16)}.snap`);

/** The hash of the code that lays the copy out: the worker's bundle (null when not running from one). */
export function codeFingerprint(moduleUrl: string): string | null {
  if (!moduleUrl.startsWith('file:') || !moduleUrl.endsWith('.mjs')) return null;
  try {
    return sha(fs.readFileSync(new URL(moduleUrl)).toString('latin1'));
  } catch {
    return null;
  }
}

/**
 * `onSource` hears, before the reading starts, where the copy is about to come from: 'snapshot' when this key's
 * file is there (seconds away), 'database' when it loads from the database (minutes on a large chain; also after a
 * snapshot that turned out unusable). The server waits for a snapshot before it listens, not for a database load.
 */
export async function loadCopyViaSnapshot(
  pool: pg.Pool,
  dir: string,
  code: string,
  onSource: (from: SnapshotOutcome['from']) => void = () => undefined,
): Promise<SnapshotOutcome> {
  let began = performance.now();
  const since = () => Math.round(performance.now() - began);
  const before = await dataIdentity(pool);
  let note: string | null = before ? null : 'no data version';
  if (before) {
    const key: SnapshotKey = { ...before, code };
    const file = snapshotFile(dir, key);
    // Touched before it is opened: a sweep running meanwhile sees it in use (OTHER_CODE_GRACE_MS).
    if (touch(file)) onSource('snapshot');
    const found = readSnapshot(file, key);
    if ('value' in found) {
      const copy = found.value as ColumnsCopy;
      if (copy.version === before.version) {
        sweepQuietly(dir, key);
        return { copy, from: 'snapshot', note: null, snapshotMs: since() };
      }
      note = 'snapshot of another version';
    } else note = found.missing;
  }
  onSource('database');
  const copy = await loadCopy(pool);
  const after = await dataIdentity(pool);
  if (!after || after.version !== copy.version)
    return { copy, from: 'database', note: 'the data changed', snapshotMs: 0 };
  const key: SnapshotKey = { ...after, code };
  began = performance.now();
  try {
    // Only this user: the copy holds the chain's figures (no personal data: customers are ordinals).
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeSnapshot(snapshotFile(dir, key), key, copy);
    sweepSnapshots(dir, key);
  } catch (err) {
    return {
      copy,
      from: 'database',
      note: `not written: ${err instanceof Error ? err.message : String(err)}`,
      snapshotMs: since(),
    };
  }
  return { copy, from: 'database', note, snapshotMs: since() };
}

/** Whether process `pid` runs (signal 0 only checks; EPERM: it runs as another user). Not lib/ts-worker's: this
 * module is in the worker's bundle, which should not carry esbuild. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Marks `file` as in use now (the sweeps read its time); false when there is no such file. */
function touch(file: string): boolean {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
    return true;
  } catch {
    return false;
  }
}

/** After a snapshot read: another code's files go once no process of that code has used them for a while. */
function sweepQuietly(dir: string, keep: SnapshotKey) {
  try {
    sweepSnapshots(dir, keep);
  } catch {
    // Files left only take room until the next sweep.
  }
}

/**
 * Removes, in `dir`: this database's snapshots of older versions, its snapshots of this version made by other code
 * (each deploy's bundle writes its own, ~0.5 GB on the large demo) once unused for OTHER_CODE_GRACE_MS, temporary
 * files of writers that no longer run (a killed writer never renames its file), and any snapshot unused for a week.
 * `keep`'s own file and newer versions are kept (another process may already serve them).
 */
export function sweepSnapshots(dir: string, keep: SnapshotKey): string[] {
  const prefix = databasePrefix(keep);
  const own = path.basename(snapshotFile(dir, keep));
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('columns-')) continue;
    const file = path.join(dir, name);
    const temporary = /\.snap\.(\d+)-\d+-[0-9a-f]+\.tmp$/.exec(name);
    const version = /^columns-[0-9a-f]{16}-v(\d+)-[0-9a-f]{16}\.snap$/.exec(name);
    let remove = false;
    if (temporary) remove = !isRunning(Number(temporary[1]));
    else if (version && name !== own) {
      const ofThisDatabase = name.startsWith(prefix);
      remove = ofThisDatabase && Number(version[1]) < keep.version;
      try {
        const unusedMs = Date.now() - fs.statSync(file).mtimeMs;
        remove ||= ofThisDatabase && Number(version[1]) === keep.version && unusedMs > OTHER_CODE_GRACE_MS;
        remove ||= unusedMs > UNUSED_MS;
      } catch {
        continue;
      }
    }
    if (!remove) continue;
    fs.rmSync(file, { force: true });
    removed.push(name);
  }
  return removed;
}
