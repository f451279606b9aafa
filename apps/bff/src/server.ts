import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp, type AppOptions } from './app';
import type { ImportService } from './features/import/import-service';
import { openDatabase, openReadReplica, type Database } from './db/client';
import { bootstrapUsers } from './features/auth/bootstrap-users';
import type { ModelService } from './features/models/model-service';
import type { PrecomputeService } from './features/precompute/precompute-service';
import type { QualityJob } from './features/quality/quality-job';
import { prepareWorkerLoad } from './features/customer-columns/load-on-worker';
import { preparePredictionsWorker } from './features/customer-columns/predictions-on-worker';
import { warmUp, type WarmUpReport } from './features/warm-up/warm-up';
import { llmSettings, loadEnv, resolveDataDir, type Env } from './lib/env';
import { createLogger, type Logger } from './lib/logger';
import type { RouteDef } from './routes/route-table';

export type RunningServer = {
  url: string;
  /** The API route table, with each route's access policy. */
  routes: RouteDef[];
  port: number;
  database: Database;
  logger: Logger;
  /** The predictive models' background refresh (tests wait on `models.idle()`). */
  models: ModelService;
  /** The preset scopes' precompute (tests and the benchmark wait on `precompute.settle()`). */
  precompute: PrecomputeService;
  /** The whole data's quality report, computed in the background (tests wait on `quality.settle()`). */
  quality: QualityJob;
  /** What the start-up warm-up did before the server listened (null: WARM_UP=off or it failed). */
  warmUp: WarmUpReport | null;
  stop: () => Promise<void>;
  imports: ImportService;
};

/** Where the columns' copies are kept (COLUMNS_SNAPSHOT_DIR), or null. */
function columnsSnapshotDir(env: Env): string | null {
  const dir =
    env.COLUMNS_SNAPSHOT_DIR ??
    (env.NODE_ENV === 'test' ? 'off' : path.join(os.tmpdir(), 'portrait-columns'));
  return dir === 'off' ? null : path.resolve(dir);
}

/** Longest the start waits for the warm-up (it takes 0.1–0.3 s; a busy machine's database may take longer). */
const WARM_UP_WAIT_MS = 5000;

/**
 * Longest the start waits for a columns copy being read from its snapshot (1.1 s on the large demo on an idle
 * machine, 3.8 s at load 10): past it the server listens and the SQL answers until the copy is in place.
 */
export const SNAPSHOT_WAIT_MS = 10_000;

const DEFAULT_WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

/**
 * Opens the database (migrating it), loads the demo chain when asked, and listens. Tests call it with port 0
 * and an already opened database.
 */
export async function start(
  overrides: Partial<Env> = {},
  opts: { database?: Database; models?: AppOptions['models'] } = {},
): Promise<RunningServer> {
  const env = { ...loadEnv(), ...overrides };
  if (env.DATABASE_READ_URL && !env.DATABASE_URL && !opts.database)
    throw new Error(
      'DATABASE_READ_URL names a replica of DATABASE_URL, which is not set (PGlite has no replicas)',
    );
  const llm = llmSettings(env);
  const logger = createLogger(env.LOG_LEVEL);
  const warm = env.WARM_UP === 'on';
  const postgres = opts.database ? opts.database.kind === 'postgres' : Boolean(env.DATABASE_URL);
  // The customer columns' and the churn predictions' worker bundles are built from now on, side by side with the rest of the start-up, not by
  // the first load after listening (esbuild would take the CPU while the first requests are answered).
  const bundling =
    warm && postgres && env.CUSTOMER_COLUMNS === 'on'
      ? Promise.all([prepareWorkerLoad(), preparePredictionsWorker()]).then(() => undefined)
      : null;
  const database =
    opts.database ??
    (await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolveDataDir(env) }));

  // Opened first so that a wrong replica URL stops the start before any work.
  const replica = env.DATABASE_READ_URL ? await openReadReplica(env.DATABASE_READ_URL) : null;

  if (env.DEMO_SIZE !== 'none') {
    const began = Date.now();
    // Loaded only when needed: the generator is not part of serving requests.
    const { ensureDemoData } = await import('./features/demo/load-demo');
    const result = await ensureDemoData(
      database,
      {
        size: env.DEMO_SIZE,
        seed: env.DEMO_SEED,
        ...(env.DEMO_END_DATE ? { endDate: env.DEMO_END_DATE } : {}),
      },
      (msg) => logger.info(msg),
    );
    if (result.loaded) logger.info({ ms: Date.now() - began, size: env.DEMO_SIZE }, 'demo chain loaded');
    if (result.refused) logger.warn(`DEMO_SIZE=${env.DEMO_SIZE}: ${result.refused}`);
  }

  const created = await bootstrapUsers(database.db, {
    demoMode: env.DEMO_SIZE !== 'none',
    demoPassword: env.DEMO_PASSWORD,
    adminUsername: env.ADMIN_USERNAME,
    adminPassword: env.ADMIN_PASSWORD,
  });
  if (created.length > 0) logger.info({ users: created }, 'created users');

  // Computing ahead pays on PostgreSQL (chain scale, a connection pool). PGlite has one connection, so the job's
  // queries would queue in front of the one user's requests: there the request cache alone serves repeats.
  const precompute =
    (env.PRECOMPUTE ?? (env.NODE_ENV === 'test' || database.kind === 'pglite' ? 'off' : 'on')) === 'on';
  const {
    app,
    routes,
    models,
    imports,
    live,
    precompute: precomputeService,
    quality,
    columns,
    warmUpDeps,
  } = createApp({
    database,
    ...(replica ? { reads: replica.db } : {}),
    logger,
    resultCache: env.RESULT_CACHE === 'on',
    webDist: env.WEB_DIST ?? DEFAULT_WEB_DIST,
    sessions: {
      idleMinutes: env.SESSION_IDLE_MINUTES,
      lockAfter: env.LOGIN_LOCK_AFTER,
      lockMinutes: env.LOGIN_LOCK_MINUTES,
      cacheMs: env.SESSION_CACHE_MS,
    },
    cookieSecure: env.COOKIE_SECURE === 'true',
    loginRatePerIp: env.LOGIN_RATE_PER_IP,
    trustProxy: env.TRUST_PROXY,
    ...(opts.models ? { models: opts.models } : {}),
    llm,
    imports: {
      uploadsDir: path.join(resolveDataDir(env), 'uploads'),
      maxUploadBytes: env.IMPORT_MAX_UPLOAD_MB * 1024 * 1024,
      syncDir: env.SYNC_DIR ? path.resolve(env.SYNC_DIR) : null,
      syncCron: env.SYNC_CRON,
    },
    livePollMs: env.LIVE_POLL_MS,
    precompute: { enabled: precompute },
    customerColumns: env.CUSTOMER_COLUMNS === 'on',
    columnsSnapshotDir: columnsSnapshotDir(env),
  });
  // Fits run in the background: the server answers from the last fit (or says "fitting") meanwhile.
  void models.start();
  // On PostgreSQL the copy loads on a worker thread: started now, the thread's start (its 1 MB bundle parsed at
  // normal priority, before it lowers its own) overlaps the warm-up instead of the first requests, and a copy read
  // from a snapshot is waited for below.
  if (postgres) void columns.load();
  const warming = warm ? warmUpBeforeListening() : Promise.resolve(null);
  // A copy coming from a snapshot (1–4 s on the large demo) is waited for, so the first questions are answered
  // from it and not by the SQL (a chain-wide custom overview took 9 s by SQL, 0.3 s after listening); one loading
  // from the database (minutes) is not.
  const [warmed] = await Promise.all([warming, columns.snapshotArrival(SNAPSHOT_WAIT_MS)]);
  const server = app.listen(env.PORT, env.HOST);
  // Idle keep-alive connections outlive a load balancer's (60 s on most), so the server never closes a socket the
  // balancer or a client is about to reuse (that race shows as ECONNRESET); Node's default is 5 s.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // PGlite's copy loads on this thread, so after listening (on PostgreSQL it is loaded or loading already).
  if (!postgres) void columns.load();
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  logger.info(
    { url: `http://localhost:${port}`, database: database.kind, readReplica: replica !== null },
    'customer portrait is listening',
  );

  /** The warm-up, or null when it failed or outlasted WARM_UP_WAIT_MS (the server listens; it goes on). */
  async function warmUpBeforeListening(): Promise<WarmUpReport | null> {
    const warming = warmUp({
      ...warmUpDeps,
      pools: replica ? [database, replica] : [database],
      bundling,
    }).then(
      (report) => {
        logger.info(report, 'warmed up');
        return report;
      },
      (err: unknown) => {
        logger.warn({ err }, 'warm-up failed; serving without it');
        return null;
      },
    );
    // A database too slow to warm up in time does not hold the start: the server listens, the warm-up goes on.
    let timer: NodeJS.Timeout | undefined;
    const given = await Promise.race([
      warming,
      new Promise<null>((r) => (timer = setTimeout(() => r(null), WARM_UP_WAIT_MS))),
    ]);
    clearTimeout(timer);
    return given;
  }

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await models.stop();
      await precomputeService.stop();
      await quality.stop();
      await columns.stop();
      imports.stop();
      live.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests get a moment to finish, then the rest are cut.
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      });
      // An upload still importing finishes first (a process killed instead leaves it interrupted, nothing merged).
      await imports.idle();
      if (!opts.database) await database.close();
      await replica?.close();
    })();
    return stopping;
  };
  return {
    url,
    routes,
    port,
    database,
    logger,
    models,
    precompute: precomputeService,
    quality,
    warmUp: warmed,
    stop,
    imports,
  };
}
