/**
 * `pnpm data:import [--rejects <out.csv>] <files or folders>…` imports files in the import format (PRODUCT §2.2)
 * into the database that DATABASE_URL or DATA_DIR names (paths resolve against the folder pnpm ran in), then
 * prints what each entity did and why rows were rejected. `--sync [folder]` runs one sync of SYNC_DIR (or the
 * folder) instead: only new or changed files. Exit code 0 when the job succeeded (rejected rows included) or
 * there was nothing to sync, 1 when it failed or another import is running, 2 on bad usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client';
import type { ImportJobRow } from '../../db/queries/import-jobs';
import { loadEnv, resolveFromCaller, type Env } from '../../lib/env';
import { ENTITIES } from './formats';
import { collectFiles, importFiles } from './import-files';
import { writeRejectsCsv } from './rejects-csv';
import { syncOnce } from './sync';

const USAGE = 'usage: data:import [--rejects <out.csv>] (<files or folders>… | --sync [folder])';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        rejects: { type: 'string' },
        sync: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    fail((err as Error).message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const env = loadEnv();
  if (parsed.values.sync) return runSync(env, parsed.positionals[0]);
  if (parsed.positionals.length === 0) fail('name at least one file or folder');
  const inputs = parsed.positionals.map((p) => resolveFromCaller(env, p));
  for (const input of inputs) if (!fs.existsSync(input)) fail(`${input} does not exist`);
  const files = collectFiles(inputs);
  if (files.length === 0) fail('no .csv or .csv.gz files found');

  const dataDir = resolveFromCaller(env, env.DATA_DIR);
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
  console.log(`importing ${files.length} file(s) into ${env.DATABASE_URL ? 'PostgreSQL' : dataDir}`);
  try {
    const job = await importFiles(database, files, { source: 'cli', log: (m) => console.log(m) });
    report(job);
    if (parsed.values.rejects && job.rowsRejected > 0) {
      const out = resolveFromCaller(env, parsed.values.rejects);
      await writeRejectsCsv(database.db, job.id, fs.createWriteStream(out));
      console.log(`rejected rows written to ${out}`);
    }
    return job.status === 'succeeded' ? 0 : 1;
  } finally {
    await database.close();
  }
}

function report(job: ImportJobRow): void {
  console.log(`job ${job.id}: ${job.status} in ${((job.durationMs ?? 0) / 1000).toFixed(1)} s`);
  for (const w of job.warnings as string[]) console.log(`warning: ${w}`);
  const counts = job.counts as Record<string, Record<string, number>>;
  for (const entity of ENTITIES) {
    const c = counts[entity];
    if (c)
      console.log(
        `${entity.padEnd(16)} read ${c.read}, new ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}`,
      );
  }
  console.log(`rows: ${job.rowsRead} read = ${job.rowsImported} imported + ${job.rowsRejected} rejected`);
  if (job.error) console.error(`error: ${job.error}`);
}

async function runSync(env: Env, folder: string | undefined): Promise<number> {
  const dir = folder
    ? resolveFromCaller(env, folder)
    : env.SYNC_DIR
      ? resolveFromCaller(env, env.SYNC_DIR)
      : null;
  if (!dir) fail('--sync needs a folder or SYNC_DIR');
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolveFromCaller(env, env.DATA_DIR) },
  );
  try {
    const outcome = await syncOnce(database, dir, { log: (m) => console.log(m) });
    console.log(outcome.message);
    if (outcome.job) report(outcome.job);
    return outcome.busy || (outcome.job && outcome.job.status !== 'succeeded') ? 1 : 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
