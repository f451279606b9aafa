import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { build, buildSync, type BuildOptions } from 'esbuild';

type StartOptions = Omit<WorkerOptions, 'argv' | 'execArgv' | 'eval'>;

/**
 * A worker thread running the TypeScript module `entry` (a URL beside the caller: `new URL('./x.ts',
 * import.meta.url)`), the way the BFF itself runs (tsx), whatever started this thread. No node flags are passed
 * on: the boot registers tsx itself.
 */
export function startTsWorker(entry: URL, options: StartOptions): Worker {
  return new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), {
    ...options,
    argv: [entry.href],
    execArgv: [],
  });
}

/** Bundles of this process, by entry: built once, removed when the process exits. */
const bundles = new Map<string, string>();
const building = new Map<string, Promise<string>>();
let bundleDir: string | null = null;
let bundled = 0;

const BUNDLE_DIR_PREFIX = 'portrait-workers-';

/** Whether process `pid` is still running (signal 0 only checks; EPERM means it runs as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the bundle folders in `tmp` left by processes that no longer run: a process killed (SIGKILL, a test
 * runner ending its workers) never runs its exit hook. Folders are named `portrait-workers-<pid>-…`.
 */
export function sweepStaleBundleDirs(tmp: string = os.tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(tmp)) {
    const pid = Number(/^portrait-workers-(\d+)-/.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Where the bundle of `entry` goes, and how esbuild makes it. */
function bundleTarget(entry: URL): { outfile: string; options: BuildOptions } {
  if (!bundleDir) {
    try {
      sweepStaleBundleDirs();
    } catch {
      // A temporary folder that cannot be listed only means old bundles stay.
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${BUNDLE_DIR_PREFIX}${process.pid}-`));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    bundleDir = dir;
  }
  const outfile = path.join(bundleDir, `${bundled++}-${path.basename(entry.pathname, '.ts')}.mjs`);
  // Everything is bundled (no external packages): the file lives in a temporary folder, where no
  // node_modules would resolve.
  const options: BuildOptions = {
    entryPoints: [fileURLToPath(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // CommonJS packages in the bundle (iconv-lite, pg) require Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  };
  return { outfile, options };
}

function bundleOf(entry: URL): string {
  const known = bundles.get(entry.href);
  if (known) return known;
  const { outfile, options } = bundleTarget(entry);
  buildSync(options);
  bundles.set(entry.href, outfile);
  return outfile;
}

/** `bundleOf` without holding this thread: esbuild builds in its own process meanwhile. */
function bundleOfAsync(entry: URL): Promise<string> {
  const known = bundles.get(entry.href);
  if (known) return Promise.resolve(known);
  let pending = building.get(entry.href);
  if (!pending) {
    const { outfile, options } = bundleTarget(entry);
    pending = build(options)
      .then(() => {
        bundles.set(entry.href, outfile);
        return outfile;
      })
      .finally(() => building.delete(entry.href));
    building.set(entry.href, pending);
  }
  return pending;
}

/**
 * Builds the bundle of `entry` now (asynchronously, once per process), so a later `startBundledWorkerAsync` starts
 * at once: the server builds it before it listens, instead of esbuild taking the CPU while the first requests are
 * answered. A failed build is left to the start's fallback.
 */
export async function prebuildWorkerBundle(entry: URL): Promise<void> {
  await bundleOfAsync(entry).catch(() => undefined);
}

/**
 * Like `startTsWorker`, for a worker whose start is on the clock (a staging worker starts per imported file):
 * the module and its imports are bundled to one JavaScript file once per process (esbuild, ~0.1 s), so each
 * start loads plain JavaScript instead of registering tsx and compiling the module graph again (0.25–0.4 s
 * measured). Falls back to the tsx boot when bundling fails.
 */
export function startBundledWorker(entry: URL, options: StartOptions): Worker {
  let file: string;
  try {
    file = bundleOf(entry);
  } catch {
    return startTsWorker(entry, options);
  }
  return new Worker(file, { ...options, argv: [], execArgv: [] });
}

/**
 * `startBundledWorker` for a worker started while requests are served (the customer columns' load): the bundle
 * is built asynchronously (a synchronous build would hold the event loop ~0.1–0.3 s). Falls back to the tsx boot
 * when bundling fails.
 */
export async function startBundledWorkerAsync(entry: URL, options: StartOptions): Promise<Worker> {
  let file: string;
  try {
    file = await bundleOfAsync(entry);
  } catch {
    return startTsWorker(entry, options);
  }
  return new Worker(file, { ...options, argv: [], execArgv: [] });
}
