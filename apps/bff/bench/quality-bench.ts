/**
 * `tsx bench/quality-bench.ts`: times the whole-data quality report's SQL, before (the reference: today's
 * definition, several scans) and after (db/queries/data-quality.ts), statement by statement, on DATABASE_URL
 * (e.g. the large demo) — read-only: a session with default_transaction_read_only, no migrations, nothing stored.
 * Checks that both give the same figures. BENCH_ONLY=before|after runs one; BENCH_ROUNDS (default 1) alternates.
 */
import { openReadReplica } from '../src/db/client';
import type { Db } from '../src/db/client';
import { overallQuality } from '../src/db/queries/data-quality-overall';
import { referenceQuality } from '../src/__tests__/helpers/reference-quality';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';

const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lead_large');
url.searchParams.set('options', '-c default_transaction_read_only=on');
const only = process.env.BENCH_ONLY;
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);

/** The database, logging each statement's time. */
function timed(db: Db, label: string): Db {
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key !== 'execute') return Reflect.get(target, key, receiver) as unknown;
      return async (...args: Parameters<Db['execute']>) => {
        const began = performance.now();
        const result = await target.execute(...args);
        const text = JSON.stringify(args[0]).replace(/\\\\n|\s+/g, ' ');
        const head = /select[^"]{0,90}/.exec(text)?.[0] ?? '';
        console.log(`  ${label} ${(performance.now() - began).toFixed(0).padStart(7)} ms  ${head}`);
        return result;
      };
    },
  });
}

const replica = await openReadReplica(url.toString());
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const results: Record<string, unknown> = {};
for (let round = 0; round < rounds; round++) {
  for (const [label, run] of [
    ['before', (db: Db) => referenceQuality(db)],
    ['after', (db: Db) => overallQuality(db)],
  ] as const) {
    if (only && only !== label) continue;
    console.log(`${label}: round ${round + 1}, load ${load()}`);
    const began = performance.now();
    results[label] = await run(timed(replica.db, label));
    console.log(`${label}: ${((performance.now() - began) / 1000).toFixed(1)} s total, load ${load()}`);
  }
}
if (results.before && results.after)
  console.log(`identical: ${isDeepStrictEqual(results.before, results.after)}`);
console.log(JSON.stringify(results.after ?? results.before));
await replica.close();
