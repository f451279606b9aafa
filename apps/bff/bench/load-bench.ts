/**
 * `pnpm bench:load`: one BFF process on loopback against the database of `npm start` (DATABASE_URL, else the
 * PGlite DATA_DIR), signed in as the demo analyst, a warmed mix of preset overview scopes (whole chain, three
 * cities, five stores × 7 / 30 / 90 / 365 days) driven with autocannon. Prints requests/s, p50 / p95 / p99
 * latency, errors and non-2xx. `BENCH_SOAK=600` runs that long instead and samples the server's RSS and live heap
 * every few seconds, printing the trend after warm-up.
 *
 * Environment: BENCH_DURATION (s, default 60), BENCH_CONNECTIONS (default 50), BENCH_SOAK (s, default off),
 * BENCH_SAMPLE_SECONDS (default 5), BENCH_SIZE (demo size to load; default: use the data there, or load
 * `default` into an empty database), BENCH_PORT (default any free port), LOG_LEVEL (server's, default info),
 * BENCH_PROFILE (write the server's CPU profile of the timed run to this .cpuprofile file), BENCH_HEAP_SNAPSHOTS
 * (seconds into the run, e.g. `30,220`: write the server's heap after a full GC to BENCH_HEAP_DIR, default the temp
 * directory; compare two with `tsx bench/heap-diff.ts`), BENCH_SETTLE (minutes to wait, before the timed run, for the
 * background work a new data version starts — precompute and model fit — so the soak measures the warm path alone).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { addDays } from '@portrait/shared/dates';
import type { FiltersMeta } from '@portrait/shared/meta';
import { openDatabase } from '../src/db/client';
import { queryRows } from '../src/db/sql';
import { loadEnv, resolveDataDir } from '../src/lib/env';
import { sql } from 'drizzle-orm';
import { latencyRecorder, memoryTrend, percentile, type MemorySample } from './load-stats';

const env = loadEnv();
const int = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${raw}`);
  return n;
};
const soakSeconds = int('BENCH_SOAK', 0);
const duration = soakSeconds > 0 ? soakSeconds : int('BENCH_DURATION', 60);
const connections = int('BENCH_CONNECTIONS', 50);
const sampleSeconds = Math.max(1, int('BENCH_SAMPLE_SECONDS', 5));
const heapSnapshotsAt = (process.env.BENCH_HEAP_SNAPSHOTS ?? '')
  .split(',')
  .filter(Boolean)
  .map((t) => {
    const n = Number(t);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`BENCH_HEAP_SNAPSHOTS: ${t} is not a number of seconds`);
    return n;
  });
const heapDir = process.env.BENCH_HEAP_DIR ?? os.tmpdir();
const settleMinutes = int('BENCH_SETTLE', 0);

/**
 * The demo settings to start the server with: BENCH_SIZE when given; else the demo already in the database (so
 * nothing reloads), or the default demo into an empty database. The analyst's demo account needs demo mode.
 */
async function demoSettings(): Promise<Record<string, string>> {
  if (process.env.BENCH_SIZE) return { DEMO_SIZE: process.env.BENCH_SIZE };
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolveDataDir(env) },
  );
  try {
    const rows = await queryRows<{ value: string }>(
      database.db,
      sql`select value from data_meta where key = 'demo'`,
    );
    if (!rows[0]) return { DEMO_SIZE: 'default' };
    const demo = JSON.parse(rows[0].value) as { size: string; seed: number; endDate: string };
    return { DEMO_SIZE: demo.size, DEMO_SEED: String(demo.seed), DEMO_END_DATE: demo.endDate };
  } finally {
    await database.close();
  }
}

type ServerMessage =
  | { type: 'ready'; url: string }
  | { type: 'memory'; rss: number; heapUsed: number; heapTotal: number }
  | { type: 'profiling' | 'profiled' }
  | { type: 'heap-snapshot'; file: string }
  | { type: 'background'; panelsDone: boolean; suggestionsDone: boolean; refitting: boolean };

function startServer(
  demo: Record<string, string>,
  logFile: string,
): Promise<{ child: ChildProcess; url: string }> {
  const out = fs.openSync(logFile, 'w');
  const child = fork(path.join(import.meta.dirname, 'load-server.ts'), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(soakSeconds > 0 || heapSnapshotsAt.length > 0 ? ['--expose-gc'] : []),
      // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server's warm path.
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    env: {
      ...process.env,
      PORT: String(int('BENCH_PORT', 0)),
      HOST: '127.0.0.1',
      ...demo,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}; see ${logFile}`)));
    child.on('message', (msg: ServerMessage) => {
      if (msg.type === 'ready') resolve({ child, url: msg.url });
    });
  });
}

/** Sends the server a request over IPC and waits for its answer of type `answer`. */
function ask<T extends ServerMessage['type']>(
  child: ChildProcess,
  request: unknown,
  answer: T,
): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve) => {
    const onMessage = (msg: ServerMessage) => {
      if (msg.type !== answer) return;
      child.off('message', onMessage);
      resolve(msg as Extract<ServerMessage, { type: T }>);
    };
    child.on('message', onMessage);
    child.send(request as string);
  });
}

async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'analyst', password: env.DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login → ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Whole chain, three cities, five stores spread over the chain, each over the last 7 / 30 / 90 / 365 days. */
function presetMix(meta: FiltersMeta): string[] {
  const last = meta.lastDay;
  if (!last) throw new Error('the database holds no orders');
  const stores = meta.cities.flatMap((c) => c.stores.map((s) => s.id));
  const picked = [0, 1, 2, 3, 4].map((i) => stores[Math.floor((i * stores.length) / 5)]);
  const out: string[] = [];
  for (const days of [7, 30, 90, 365]) {
    const range = `from=${addDays(last, 1 - days)}&to=${last}`;
    out.push(range);
    for (const city of meta.cities.slice(0, 3)) out.push(`${range}&city=${encodeURIComponent(city.name)}`);
    for (const id of picked) if (id) out.push(`${range}&store=${id}`);
  }
  return out.map((q) => `/api/v1/portrait/overview?${q}`);
}

async function warm(baseUrl: string, cookie: string, mix: string[]): Promise<number> {
  const began = performance.now();
  for (const p of mix) {
    const res = await fetch(`${baseUrl}${p}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${p} → ${res.status}`);
  }
  return performance.now() - began;
}

/** CPU seconds a process has used so far (Linux /proc; NaN elsewhere). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const MB = 1024 * 1024;

const demo = await demoSettings();
const logFile = path.join(os.tmpdir(), `portrait-bench-load-${process.pid}.log`);
const { child, url } = await startServer(demo, logFile);
try {
  const cookie = await signIn(url);
  const metaRes = await fetch(`${url}/api/v1/meta/filters`, { headers: { cookie } });
  const meta = ((await metaRes.json()) as { data: FiltersMeta }).data;
  const mix = presetMix(meta);
  const warmMs = await warm(url, cookie, mix);
  await warm(url, cookie, mix); // a second pass: every scope is now a cache hit
  const bg = await ask(
    child,
    settleMinutes > 0 ? { settle: settleMinutes * 60 } : 'background',
    'background',
  );
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${fmt(os.totalmem() / 1024 ** 3, 0)} GB, Node ${process.version}; ` +
      `database ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; server log level ${process.env.LOG_LEVEL ?? 'info'}`,
  );
  console.log(
    `background work at the start of the run${settleMinutes > 0 ? ` (after waiting up to ${settleMinutes} min)` : ''}: ` +
      `precompute ${bg.panelsDone ? 'done' : 'RUNNING'}, suggestions ${bg.suggestionsDone ? 'done' : 'pending'}, ` +
      `churn model ${bg.refitting ? 'FITTING' : 'idle'}`,
  );
  console.log(
    `mix: ${mix.length} preset overview scopes, warmed in ${fmt(warmMs / 1000)} s; ` +
      `${connections} connections for ${duration} s; autocannon (this process) shares the ${cpus.length} cores with the one server process`,
  );

  const latencies = latencyRecorder();
  const samples: MemorySample[] = [];
  const began = performance.now();
  const sample = async () => {
    const m = await ask(child, 'memory', 'memory');
    samples.push({ atSeconds: (performance.now() - began) / 1000, rss: m.rss, heapUsed: m.heapUsed });
  };
  await sample();
  const profile = process.env.BENCH_PROFILE;
  if (profile) await ask(child, 'profile:start', 'profiling');
  const serverCpuBefore = cpuSecondsOf(child.pid);
  const benchCpuBefore = process.cpuUsage();
  const sampler = setInterval(() => void sample(), sampleSeconds * 1000);
  const snapshots = heapSnapshotsAt.map((at) =>
    setTimeout(() => {
      const file = path.join(heapDir, `portrait-load-${process.pid}-${at}s.heapsnapshot`);
      void ask(child, { heapSnapshot: file }, 'heap-snapshot').then(() =>
        console.log(`heap snapshot at ${at} s: ${file}`),
      );
    }, at * 1000),
  );
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        headers: { cookie },
        requests: mix.map((p) => ({ method: 'GET' as const, path: p })),
      },
      (err, res) => (err ? reject(err as Error) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.add(responseTime));
  });
  clearInterval(sampler);
  snapshots.forEach(clearTimeout);
  const serverCpu = cpuSecondsOf(child.pid) - serverCpuBefore;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  if (profile) await ask(child, { profileStop: path.resolve(profile) }, 'profiled');
  await sample();

  const sorted = latencies.sorted();
  const non2xx = result.non2xx;
  console.log(
    `overview under load: ${fmt(result.requests.average, 0)} requests/s (${result.requests.total} in ${result.duration} s), ` +
      `p50 ${fmt(percentile(sorted, 50))} ms, p95 ${fmt(percentile(sorted, 95))} ms, p99 ${fmt(percentile(sorted, 99))} ms, ` +
      `max ${fmt(sorted.at(-1) ?? NaN)} ms, ${fmt(result.throughput.total / Math.max(1, result.requests.total) / 1024)} KB a response; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${non2xx}`,
  );
  const wall = result.duration;
  console.log(
    `CPU during the run: server ${fmt((100 * serverCpu) / wall, 0)} % of a core, autocannon ${fmt((100 * (benchCpu.user + benchCpu.system)) / 1e6 / wall, 0)} % of a core; ` +
      `load average ${os
        .loadavg()
        .map((l) => fmt(l, 1))
        .join(' / ')} (other work on the machine counts too)`,
  );
  console.log(
    `server CPU per request: ${fmt((1000 * serverCpu) / Math.max(1, result.requests.total), 2)} ms ` +
      `(${fmt(serverCpu)} CPU s ÷ ${result.requests.total} requests)`,
  );
  const pass =
    result.requests.average >= 1000 && percentile(sorted, 99) <= 100 && result.errors + non2xx === 0;
  console.log(`target ≥ 1,000 requests/s, p99 ≤ 100 ms, no errors: ${pass ? 'met' : 'NOT met'}`);

  const first = samples[0];
  const last = samples.at(-1);
  if (first && last)
    console.log(
      `server memory: RSS ${fmt(first.rss / MB)} → ${fmt(last.rss / MB)} MB, heap ${fmt(first.heapUsed / MB)} → ${fmt(last.heapUsed / MB)} MB`,
    );
  if (soakSeconds > 0) {
    const warmup = Math.min(60, duration / 5);
    const trend = memoryTrend(samples, warmup);
    const line = (name: string, t: typeof trend.rss) =>
      `${name} mean ${fmt(t.mean)} MB, slope ${fmt(t.perMin, 2)} MB/min (${fmt(t.growth)} MB over the window; ` +
      `second half's slope ${fmt(t.lateGrowth / Math.max(1e-9, trend.windowMin), 2)} MB/min): ${t.verdict}`;
    console.log(
      `soak: ${trend.samples} samples every ${sampleSeconds} s after ${fmt(warmup, 0)} s of warm-up (${fmt(trend.windowMin)} min)`,
    );
    console.log(`  ${line('RSS ', trend.rss)}`);
    console.log(`  ${line('heap', trend.heap)} (live heap, sampled after a full GC)`);
  }
} finally {
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
}
