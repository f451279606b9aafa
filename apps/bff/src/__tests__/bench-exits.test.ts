/**
 * `pnpm bench` (bench/overview-bench.ts) exits by itself once it has printed its results: it was left running after
 * them, held by its wait for the models' fit (a 24.8-day timer without --precompute-wait). Run as a process, as
 * `pnpm bench` runs it, on a small demo (the quickest phases: the custom ranges' overview, no plain SQL).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from './helpers/test-databases';

const BFF_DIR = path.resolve(import.meta.dirname, '../..');
/** The last result the run prints before it ends. */
const LAST_RESULT = 'server RSS after the custom ranges';
/** Time given to exit once the results are printed (closing a pool and a server takes well under a second). */
const EXIT_WITHIN_MS = 20_000;

type Run = { code: number | null; exitedAfterResults: boolean; output: string };

function runBench(env: Record<string, string>): Promise<Run> {
  // The bench's database is the one given here only.
  const { DATABASE_URL: _url, DATABASE_READ_URL: _replica, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/overview-bench.ts', '--size', 'small', '--custom-only', '--skip-bi'],
    { cwd: BFF_DIR, env: { ...inherited, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let timer: NodeJS.Timeout | undefined;
  const hear = (chunk: Buffer) => {
    output += chunk.toString();
    if (!timer && output.includes(LAST_RESULT))
      timer = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
  };
  child.stdout.on('data', hear);
  child.stderr.on('data', hear);
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, exitedAfterResults: signal === null && output.includes(LAST_RESULT), output });
    });
  });
}

describe.each(databaseKinds())('pnpm bench (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  let dataDir = '';
  beforeAll(async () => {
    // PostgreSQL: an empty database of our own (the bench loads the demo); PGlite: a fresh data folder.
    if (kind === 'postgres') database = await openTestDatabase('postgres');
    else dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-exits-test-'));
  });
  afterAll(async () => {
    await database?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('When the bench has printed its results, Then its process exits by itself', async () => {
    const run = await runBench(database?.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir });
    expect(run.exitedAfterResults, run.output.slice(-2000)).toBe(true);
    expect(run.code).toBe(0);
  }, 600_000);
});
