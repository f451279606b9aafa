/**
 * Demo-chain command line:
 *   pnpm --filter @portrait/bff demo -- --size small --seed 42 --end 2025-06-30 --out <folder>
 *   pnpm --filter @portrait/bff demo -- --size default --db
 * `--out` writes the import files (PRODUCT §2.2); `--db` loads the database named by DATABASE_URL or DATA_DIR.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDay } from '@portrait/shared/dates';
import { openDatabase } from '../../db/client';
import { loadEnv, resolveDataDir } from '../../lib/env';
import { exportDemoCsv } from './export-csv';
import { defaultDemoEndDate, loadDemo } from './load-demo';
import { DEMO_SIZES } from './sizes';
import type { DemoSize } from './types';

const USAGE = `usage: demo [--size small|default|large] [--seed <int>] [--end YYYY-MM-DD] (--out <folder> | --db)`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  // pnpm passes the `--` separator through; it is not an option terminator here.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        size: { type: 'string', default: 'default' },
        seed: { type: 'string' },
        end: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = loadEnv();
  const size = values.size as DemoSize;
  if (!DEMO_SIZES.includes(size)) fail(`--size must be one of ${DEMO_SIZES.join(', ')}`);
  const seed = values.seed === undefined ? env.DEMO_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) fail('--seed must be an integer');
  const endDate = values.end ?? env.DEMO_END_DATE ?? defaultDemoEndDate();
  if (!isIsoDay(endDate)) fail('--end must be a day, YYYY-MM-DD');
  if (Boolean(values.out) === values.db) fail('give exactly one of --out <folder> or --db');

  const began = Date.now();
  if (values.out) {
    const folder = path.resolve(values.out);
    const counts = await exportDemoCsv({ size, seed, endDate }, folder);
    for (const [file, rows] of Object.entries(counts)) console.log(`${file.padEnd(20)} ${rows}`);
    console.log(`wrote ${folder} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    return;
  }
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolveDataDir(env) },
  );
  try {
    await loadDemo(database, { size, seed, endDate }, (msg) => console.log(msg));
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
