/**
 * The start-up warm-up: what the first dashboard requests of a fresh process would otherwise pay once, done before
 * the server listens (issue 9: a fresh process's first overview took 2–9× its later ones). Measured on PostgreSQL
 * (bench/first-request-bench.ts), the first request paid for
 *  - opening pool connections (the overview reads its five panels side by side) and each new backend's first reads;
 *  - the first run of the request path's JavaScript (~10 ms of CPU: parsing and compiling it, first use of the
 *    session lookup, the result cache, the services, JSON);
 *  - esbuild bundling the customer columns' worker, and the worker thread starting (its 1 MB bundle parsed before
 *    it lowers its priority), which ran right after the server listened.
 * So, in order: the worker bundle is built (from the start of `start()`, side by side with the rest) and, on
 * PostgreSQL, the worker's load starts before the warm-up, and a copy read from a snapshot is waited for beside it
 * (server.ts: read after listening, it took the CPU from the first requests; the large demo's first chain
 * suggestions request, 129 ms, ran while it arrived, the suggestions' read path itself being warmed by `peek`);
 * the pool's kept connections are opened and each runs the request path's reads; the read path of one whole-chain
 * preset runs
 * through throwaway services that may only read stored answers (a cache whose stored-answer read fails on a miss,
 * so nothing is ever computed, and nothing is kept); and the HTTP stack answers each dashboard route once on a
 * private loopback listener, with an unknown session (401: the session lookup runs, nothing is served).
 * Nothing is written and no answer is cached (only the store list of the data version, as any request would), so
 * nothing stale can be served. Failures are only
 * logged: the warm-up never stops a start.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PATH_STEPS } from '@portrait/shared/paths';
import type { Express, Request } from 'express';
import type { Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';
import { readPrecomputed, storedChainPeriod } from '../../db/queries/precomputed-results';
import { findLiveSession } from '../../db/queries/sessions';
import { createResultCache } from '../../lib/result-cache';
import { scopeOf } from '../../routes/portrait-routes';
import { SESSION_COOKIE } from '../../routes/register-routes';
import { createGeoService } from '../geo/geo-service';
import { createPathsService } from '../paths/paths-service';
import { createPortraitService } from '../portrait/portrait-service';
import type { ScopeResolver } from '../portrait/scope-resolver';
import type { SuggestionsService } from '../suggestions/suggestions-service';

/** The dashboard routes a fresh process is asked first. */
const DASHBOARD_PATHS = ['overview', 'geo', `paths?steps=${PATH_STEPS.default}&`, 'suggestions'];

export type WarmUpDeps = {
  app: Express;
  /** The pools to warm: the primary (sessions) and, when set, the replica the dashboards read. */
  pools: { warmConnections: (fn: (db: Db) => Promise<void>) => Promise<number> }[];
  reads: Db;
  scopes: ScopeResolver;
  suggestions: Pick<SuggestionsService, 'peek'>;
  concurrent: boolean;
  /** The customer columns' worker bundle being built (PostgreSQL), or null. */
  bundling: Promise<void> | null;
};

export type WarmUpReport = {
  ms: number;
  /** When the connections and the read path were done, and when the worker bundle was (0: none), in ms. */
  readMs: number;
  bundleWaitMs: number;
  /** Connections opened and warmed, over all pools. */
  connections: number;
  /** The stored whole-chain preset whose read path ran (`from|to`), or null (none stored for this version). */
  period: string | null;
  /** Endpoints whose read path ran from stored answers (a missing answer stops the rest). */
  endpoints: string[];
  /** Dashboard routes answered over the loopback listener (401 each). */
  httpRequests: number;
};

/** A stored answer that is missing: the warm-up stops rather than compute. */
class NotStored extends Error {}

export async function warmUp(deps: WarmUpDeps): Promise<WarmUpReport> {
  const began = performance.now();
  const since = () => Math.round(performance.now() - began);
  const pooled = warmPools(deps);
  let readMs = 0;
  const [connections, read, bundleWaitMs, httpRequests] = await Promise.all([
    pooled,
    // The read path and the HTTP stack once the connections are open (they would otherwise open more).
    pooled.then(() => warmReadPath(deps)).finally(() => (readMs = since())),
    deps.bundling?.then(since) ?? 0,
    pooled.then(() => warmHttp(deps.app)),
  ]);
  return { ms: since(), readMs, bundleWaitMs, connections, ...read, httpRequests };
}

/** Opens each pool's kept connections; each reads a session, the data version and a stored answer. */
async function warmPools(deps: WarmUpDeps): Promise<number> {
  const version = await getDataVersion(deps.reads);
  const period = await storedChainPeriod(deps.reads, version);
  const key = { dataVersion: version, endpoint: 'kpis', scopeKey: `${period?.from}|${period?.to}|*` };
  const unknownToken = randomBytes(32).toString('hex');
  let n = 0;
  for (const pool of deps.pools)
    n += await pool.warmConnections(async (db) => {
      await findLiveSession(db, unknownToken, 1);
      await getDataVersion(db);
      await readPrecomputed(db, key);
    });
  return n;
}

/** The read path of one stored whole-chain preset, through services that can only read stored answers. */
async function warmReadPath(deps: WarmUpDeps): Promise<Pick<WarmUpReport, 'period' | 'endpoints'>> {
  const { reads: db, scopes, concurrent } = deps;
  const version = await scopes.dataVersion();
  const period = await storedChainPeriod(db, version);
  if (!period) return { period: null, endpoints: [] };
  const cache = createResultCache({
    enabled: true,
    persisted: {
      read: async (key) => {
        const body = await readPrecomputed(db, key);
        if (body === null) throw new NotStored(`${key.endpoint} ${key.scopeKey} is not stored`);
        return body;
      },
    },
  });
  const portrait = createPortraitService({ db, scopes, cache, concurrent });
  const geo = createGeoService({ db, scopes, cache });
  const paths = createPathsService({ db, scopes, cache });
  const scope = scopeOf({ query: { ...period } } as unknown as Request);
  const steps: [string, () => Promise<unknown>][] = [
    ['overview', () => portrait.overviewJson(scope, null)],
    ['geo', () => geo.geo(scope, null)],
    ['paths', () => paths.paths(scope, null, PATH_STEPS.default)],
    ['suggestions', () => deps.suggestions.peek(scope, null)],
  ];
  const endpoints: string[] = [];
  for (const [name, run] of steps) {
    try {
      const data = await run();
      if (data === null) break; // suggestions not generated for this version yet
      JSON.stringify({ success: true, data });
      endpoints.push(name);
    } catch (err) {
      if (err instanceof NotStored) break;
      throw err;
    }
  }
  return { period: `${period.from}|${period.to}`, endpoints };
}

/**
 * Each dashboard route once through the whole HTTP stack (helmet, logging, compression, cookies, routing, the
 * session lookup, the error envelope) on a listener of its own on loopback, closed afterwards. The session cookie
 * is random, so every answer is 401 and nothing is served.
 */
async function warmHttp(app: Express): Promise<number> {
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const cookie = `${SESSION_COOKIE}=${randomBytes(32).toString('base64url')}`;
  let n = 0;
  try {
    for (const p of DASHBOARD_PATHS) {
      const sep = p.endsWith('&') ? '' : '?';
      const res = await fetch(
        `http://127.0.0.1:${port}/api/v1/portrait/${p}${sep}from=2000-01-01&to=2000-01-01`,
        {
          headers: { cookie, 'x-request-id': 'warm-up', 'accept-encoding': 'gzip' },
        },
      );
      await res.arrayBuffer();
      n++;
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return n;
}
