import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { buildSync } from 'esbuild';

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
let bundleDir: string | null = null;

function bundleOf(entry: URL): string {
  const known = bundles.get(entry.href);
  if (known) return known;
  if (!bundleDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portrait-workers-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    bundleDir = dir;
  }
  const outfile = path.join(bundleDir, `${bundles.size}-${path.basename(entry.pathname, '.ts')}.mjs`);
  // Everything is bundled (no external packages): the file lives in a temporary folder, where no
  // node_modules would resolve.
  buildSync({
    entryPoints: [fileURLToPath(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // CommonJS packages in the bundle (iconv-lite) require Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  bundles.set(entry.href, outfile);
  return outfile;
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
