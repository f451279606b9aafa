/**
 * `pnpm data:online-retail [--source <online_retail.csv.gz>] [--out <folder>] [--no-import]`: converts the UCI
 * Online Retail data into the import format and imports it into the database of DATA_DIR / DATABASE_URL
 * (start that database with DEMO_SIZE=none to see only this data).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../../db/client';
import { loadEnv, resolveFromCaller } from '../../../lib/env';
import { collectFiles, importFiles } from '../import-files';
import { convertOnlineRetail, DEFAULT_SOURCE } from './online-retail';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      source: { type: 'string' },
      out: { type: 'string' },
      'no-import': { type: 'boolean', default: false },
    },
  });
  const env = loadEnv();
  const source = values.source ? resolveFromCaller(env, values.source) : DEFAULT_SOURCE;
  if (!fs.existsSync(source)) {
    console.error(`${source} not found (the shared data folder is not here)`);
    return 2;
  }
  const folder = values.out
    ? resolveFromCaller(env, values.out)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'online-retail-'));
  const began = Date.now();
  const stats = await convertOnlineRetail(source, folder);
  console.log(
    `converted ${stats.lines} lines, ${stats.invoices} invoices, ${stats.customers} customers, ${stats.products} products, ${stats.countries} countries into ${folder} (${((Date.now() - began) / 1000).toFixed(1)} s)`,
  );
  if (values['no-import']) return 0;
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolveFromCaller(env, env.DATA_DIR) },
  );
  try {
    const job = await importFiles(database, collectFiles([folder]), { log: (m) => console.log(m) });
    console.log(
      `job ${job.id} ${job.status}: ${job.rowsRead} rows = ${job.rowsImported} imported + ${job.rowsRejected} rejected`,
    );
    return job.status === 'succeeded' ? 0 : 1;
  } finally {
    await database.close();
    if (!values.out) fs.rmSync(folder, { recursive: true, force: true });
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
