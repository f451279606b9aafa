/**
 * `pnpm bench`: times GET /api/v1/portrait/overview over HTTP for a fixed mix of scopes (whole chain, each city,
 * single stores × 7 / 30 / 90 / 365 days), with the result cache off and then on (warmed), and prints p50 / p95.
 * Uses the database of `npm start` (DATA_DIR or DATABASE_URL), loading the default demo if it is not there.
 */
import { addDays } from '@portrait/shared/dates';
import type { FiltersMeta } from '@portrait/shared/meta';
import { openDatabase } from '../src/db/client';
import { loadEnv, resolveDataDir } from '../src/lib/env';
import { start } from '../src/server';

const env = loadEnv();
const database = await openDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolveDataDir(env) },
);

let cookie = '';

/** Signs in as the demo analyst (DEMO_PASSWORD) and keeps the session cookie for the timed requests. */
async function signIn(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'analyst', password: env.DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login → ${res.status} ${await res.text()}`);
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function timed(url: string): Promise<number> {
  const began = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
  return performance.now() - began;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function scopes(meta: FiltersMeta): string[] {
  const last = meta.lastDay;
  if (!last) throw new Error('no data');
  const out: string[] = [];
  const stores = meta.cities.flatMap((c) => c.stores.map((s) => s.id));
  for (const days of [7, 30, 90, 365]) {
    const range = `from=${addDays(last, 1 - days)}&to=${last}`;
    out.push(range);
    for (const city of meta.cities) out.push(`${range}&city=${encodeURIComponent(city.name)}`);
    for (const id of stores.filter((_, i) => i % Math.max(1, Math.floor(stores.length / 10)) === 0))
      out.push(`${range}&store=${id}`);
  }
  return out;
}

async function run(cache: 'on' | 'off') {
  const server = await start(
    { PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'warn', RESULT_CACHE: cache },
    { database },
  );
  await signIn(server.url);
  const metaRes = await fetch(`${server.url}/api/v1/meta/filters`, { headers: { cookie } });
  const meta = ((await metaRes.json()) as { data: FiltersMeta }).data;
  const mix = scopes(meta);
  if (cache === 'on') for (const q of mix) await timed(`${server.url}/api/v1/portrait/overview?${q}`);
  const times: number[] = [];
  const slowest: [number, string][] = [];
  for (const q of mix) {
    const ms = await timed(`${server.url}/api/v1/portrait/overview?${q}`);
    times.push(ms);
    slowest.push([ms, q]);
  }
  await server.stop();
  times.sort((a, b) => a - b);
  slowest.sort((a, b) => b[0] - a[0]);
  console.log(
    `overview, cache ${cache.padEnd(3)} (${database.kind}, ${mix.length} scopes): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms`,
  );
  for (const [ms, q] of slowest.slice(0, 3))
    console.log(`   slowest: ${ms.toFixed(1)} ms  ${decodeURIComponent(q)}`);
}

await start({ PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, { database }).then((s) => s.stop()); // loads the demo if needed
await run('off');
await run('on');
await database.close();
