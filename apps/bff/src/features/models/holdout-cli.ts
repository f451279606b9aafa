/**
 * Prints the hold-out report for the database of `npm start` (DATA_DIR or DATABASE_URL):
 *   pnpm --filter @portrait/bff holdout
 */
import { openDatabase } from '../../db/client';
import { loadEnv, resolveDataDir } from '../../lib/env';
import { evaluateHoldout, holdoutMarkdown } from './holdout';

const env = loadEnv();
const database = await openDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolveDataDir(env) },
);
try {
  const report = await evaluateHoldout(database.db, 90);
  console.log(report ? holdoutMarkdown(report) : 'no orders: nothing to evaluate');
} finally {
  await database.close();
}
