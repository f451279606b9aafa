import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Database, Db } from './db/client';
import { createUsersService } from './features/admin/users-service';
import { createSessionService, type SessionSettings } from './features/auth/session-service';
import { createCustomerColumns } from './features/customer-columns/customer-columns-service';
import { createCustomer360Service } from './features/customer360/customer360-service';
import { createPredictionReader } from './features/customer360/predictions';
import { createSegmentCustomersService } from './features/customers/segment-customers';
import { createGeoService } from './features/geo/geo-service';
import { createPathsService } from './features/paths/paths-service';
import { createChurnProvider } from './features/models/churn-provider';
import { createChurnService } from './features/models/churn-service';
import type { Pause } from './features/models/load-histories';
import { createModelService } from './features/models/model-service';
import { createImportService, type ImportSettings } from './features/import/import-service';
import { createLiveVersion } from './features/live/live-version';
import { indexHtmlHandler } from './features/meta/index-html';
import { createPortraitService } from './features/portrait/portrait-service';
import { createPrecomputeService } from './features/precompute/precompute-service';
import { createQualityJob } from './features/quality/quality-job';
import { createQualityService } from './features/quality/quality-service';
import { createScopeResolver } from './features/portrait/scope-resolver';
import { createStoreCatalog } from './features/portrait/store-catalog';
import type { LlmConfig } from './features/suggestions/llm-writer';
import { createSuggestionCustomersService } from './features/suggestions/suggestion-customers';
import { createSuggestionsService } from './features/suggestions/suggestions-service';
import {
  errorHandler,
  loginThrottle,
  requestLogging,
  responseCompression,
  securityHeaders,
} from './http/middleware';
import { AppError } from './lib/errors';
import type { Logger } from './lib/logger';
import { readPrecomputed } from './db/queries/precomputed-results';
import { createResultCache } from './lib/result-cache';
import { adminRoutes } from './routes/admin-routes';
import { authRoutes } from './routes/auth-routes';
import { customer360Routes } from './routes/customer360-routes';
import { customerRoutes } from './routes/customer-routes';
import { geoRoutes } from './routes/geo-routes';
import { importRoutes, qualityRoutes } from './routes/import-routes';
import { liveRoutes } from './routes/live-routes';
import { metaRoutes } from './routes/meta-routes';
import { pathsRoutes } from './routes/paths-routes';
import { modelRoutes } from './routes/model-routes';
import { portraitRoutes } from './routes/portrait-routes';
import { registerRoutes } from './routes/register-routes';
import type { RouteDef } from './routes/route-table';
import { suggestionRoutes } from './routes/suggestion-routes';

export type AppOptions = {
  database: Database;
  /**
   * Where the dashboards read (DATABASE_READ_URL, a replica); default the primary. Sessions, the audit log, imports,
   * models, suggestions and the precompute stay on the primary: they write, and a session must be readable at once.
   */
  reads?: Db;
  logger: Logger;
  resultCache: boolean;
  /** Folder of the built SPA; served with an index.html fallback when present. */
  webDist?: string | undefined;
  sessions: SessionSettings;
  cookieSecure: boolean;
  loginRatePerIp: number;
  trustProxy: number;
  /** The model service's poll interval (ms) and, for tests, a pause between refresh steps. */
  models?: { pollMs?: number; pause?: Pause };
  /** Chat API that rewrites suggestion text; null = rule text only. */
  llm?: LlmConfig | null;
  imports: ImportSettings;
  livePollMs: number;
  /** Compute the preset scopes ahead after each data change (needs the result cache, which reads them). */
  precompute?: { enabled: boolean; pollMs?: number };
  /** Keep the in-memory columnar copy of customer_store_days for the per-customer pass (default on). */
  customerColumns?: boolean;
  /** Where the columns' copy is kept for the next process (PostgreSQL; null or unset: not kept). */
  columnsSnapshotDir?: string | null;
};

export function createApp(options: AppOptions) {
  const { database, logger } = options;
  const db = database.db;
  // A replica replays the primary's commits in order, so a data version read there names exactly the data it holds:
  // every cache key, the stores and the figures of one answer come from the same side.
  const reads = options.reads ?? db;
  const catalog = createStoreCatalog(reads);
  // In-process LRU first, then the answers precomputed for the current data version, then compute.
  const cache = createResultCache({
    enabled: options.resultCache,
    persisted: { read: (key) => readPrecomputed(reads, key) },
  });
  const concurrent = database.kind === 'postgres';
  // One scope resolver (data version + the viewer's stores) for every scoped service, on the side it reads.
  const scopes = createScopeResolver(reads, catalog);
  // The per-customer pass from an in-memory copy of customer_store_days (one data version; loaded from the side the
  // dashboards read). Not a result cache: RESULT_CACHE=off leaves it on. The server starts its load once listening
  // (on PostgreSQL on a worker thread); a request or the precompute naming a data version starts it otherwise.
  const columns = createCustomerColumns({
    db: reads,
    logger,
    enabled: options.customerColumns ?? true,
    snapshotDir: options.columnsSnapshotDir ?? null,
  });
  const portrait = createPortraitService({ db: reads, scopes, cache, concurrent, columns });
  // What is written from figures (stored suggestions, precomputed answers) is computed on the primary, so it is
  // stored under the version its figures came from. The cache is shared: its keys carry that version.
  const primaryCatalog = reads === db ? catalog : createStoreCatalog(db);
  const primaryScopes = reads === db ? scopes : createScopeResolver(db, primaryCatalog);
  const primaryPortrait =
    reads === db
      ? portrait
      : createPortraitService({ db, scopes: primaryScopes, cache, concurrent, columns });
  const sessions = createSessionService(db, options.sessions);
  const models = createModelService({ db, logger, tryLock: database.tryLock, ...options.models });
  const customer360 = createCustomer360Service({
    db: reads,
    primary: db,
    catalog,
    profileCache: createResultCache({ enabled: options.resultCache, maxEntries: 5000, ttlMs: 30 * 60_000 }),
    referenceCache: createResultCache({ enabled: options.resultCache, maxEntries: 200 }),
    predictions: createPredictionReader(reads, models),
    columnRows: columns.customerRows,
  });
  const churnProvider = createChurnProvider(db, models, { service: columns, logger });
  const suggestions = createSuggestionsService({
    db,
    portrait: primaryPortrait,
    scopes: primaryScopes,
    llm: options.llm ?? null,
    logger,
    churn: churnProvider,
    columns,
  });
  const live = createLiveVersion(reads, options.livePollMs);
  const precompute = createPrecomputeService({
    database,
    catalog: primaryCatalog,
    logger,
    suggestions,
    models,
    columns,
    ...(options.precompute?.pollMs ? { pollMs: options.precompute.pollMs } : {}),
  });
  if (options.resultCache && options.precompute?.enabled) precompute.start();
  // The whole data's quality report: computed ahead where the presets are; elsewhere when the page asks.
  const quality = createQualityJob({ database, reads, logger });
  const qualityAhead = options.precompute?.enabled ?? false;
  if (qualityAhead) quality.start();
  const imports = createImportService({
    database,
    logger,
    live,
    settings: options.imports,
    // The models refit and the presets are computed right after an import commits, not at their next poll.
    onDataChanged: () => {
      void models.dataChanged();
      void precompute.check();
      if (qualityAhead) void quality.check();
    },
  });
  const routes: RouteDef[] = [
    ...authRoutes(sessions, { secure: options.cookieSecure }),
    ...metaRoutes(reads, catalog),
    ...portraitRoutes(portrait),
    ...customerRoutes(createSegmentCustomersService(reads, scopes, db, { service: columns, logger })),
    ...modelRoutes(
      createChurnService({
        db: reads,
        primary: db,
        models,
        scopes,
        cache,
        columns: { service: columns, logger },
      }),
    ),
    ...adminRoutes(db, createUsersService(db, sessions.forgetAll)),
    ...geoRoutes(createGeoService({ db: reads, scopes, cache, columns })),
    ...pathsRoutes(createPathsService({ db: reads, scopes, cache })),
    ...customer360Routes(customer360),
    ...suggestionRoutes(
      suggestions,
      createSuggestionCustomersService(reads, suggestions, db, { service: columns, logger }),
    ),
    ...importRoutes(imports),
    ...qualityRoutes(createQualityService({ db, reads, job: quality })),
    ...liveRoutes(db, live, options.sessions.idleMinutes),
  ];
  // The chain's R/F/M population is built once per data version: build it now, not in the first look-up.
  customer360.warm().catch((err: unknown) => logger.warn({ err }, 'customer 360 warm-up failed'));

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy);
  app.use(securityHeaders());
  app.use(requestLogging(logger));
  app.use(responseCompression());

  app.get('/healthz', async (_req, res) => {
    await database.db.execute('select 1' as never);
    // Which data version the customer columns hold (the benchmark waits for it); no business figures here.
    const c = columns.status();
    res.json({
      status: 'ok',
      database: database.kind,
      customerColumns: c && { version: c.version, loadMs: c.loadMs, bytes: c.bytes },
      // The served run's predictions read ahead for the copy (the benchmark waits for them too).
      predictionsRead: churnProvider.predictionsRead(),
    });
  });

  app.use(cookieParser());
  app.use(express.json({ limit: '100kb' }));
  app.use('/api/v1/auth/login', loginThrottle(db, options.loginRatePerIp));
  registerRoutes(app, routes, sessions);

  app.use('/api', (req, _res, next) => {
    next(new AppError('not_found', `no API route ${req.method} ${req.originalUrl.split('?')[0]}`));
  });

  if (options.webDist && fs.existsSync(path.join(options.webDist, 'index.html'))) {
    const dist = options.webDist;
    // Vite names built files by content hash: they never change, so browsers keep them for a year.
    app.use(
      '/assets',
      express.static(path.join(dist, 'assets'), { index: false, immutable: true, maxAge: '365d' }),
    );
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, indexHtmlHandler({ dist, reads, scopes, sessions, portrait, logger }));
  }

  app.use(errorHandler(logger));
  /** What the start-up warm-up (features/warm-up) runs through: the dashboards' read side. */
  const warmUpDeps = { app, reads, scopes, suggestions, concurrent };
  return { app, routes, cache, models, imports, live, precompute, quality, columns, warmUpDeps };
}
