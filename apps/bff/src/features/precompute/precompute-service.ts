/**
 * Computes the dashboard's answers for the preset scopes ahead, after every data change (demo load, import,
 * sync: each bumps the data version), into precomputed_results, so every BFF process — a freshly started one
 * too — answers a preset from there instead of scanning orders. One process does the work (an advisory lock);
 * a version is marked done in data_meta, so a restart resumes (answers already stored are skipped) and other
 * processes do not repeat it. Once the churn model has fitted the new data, the same scopes' churn gauge and
 * cluster figures (keyed by the run) are stored too, and their suggestions generated (stored per scope already),
 * since all of them depend on the run.
 */
import { PATH_STEPS } from '@portrait/shared/paths';
import type { Database } from '../../db/client';
import { getDataVersion, getMeta, setMeta } from '../../db/queries/data-meta';
import { getDataSpan } from '../../db/queries/meta';
import {
  countPrecomputed,
  deleteOtherVersions,
  readPrecomputed,
  storeManagerStoreSets,
  writePrecomputed,
} from '../../db/queries/precomputed-results';
import type { Logger } from '../../lib/logger';
import { createResultCache } from '../../lib/result-cache';
import type { CustomerColumnsService } from '../customer-columns/customer-columns-service';
import { createGeoService } from '../geo/geo-service';
import { createChurnService } from '../models/churn-service';
import type { ModelService } from '../models/model-service';
import { createPathsService } from '../paths/paths-service';
import { createPortraitService } from '../portrait/portrait-service';
import { createScopeResolver } from '../portrait/scope-resolver';
import type { StoreCatalog } from '../portrait/store-catalog';
import type { SuggestionsService } from '../suggestions/suggestions-service';
import { presetScopes, type PresetScope } from './preset-scopes';

const PANELS_DONE_KEY = 'precomputed_version';
/** The model-dependent answers' mark (was 'precomputed_suggestions' before churn and clusters joined them). */
const MODEL_ANSWERS_DONE_KEY = 'precomputed_model_answers';
/** pg_try_advisory_lock key of the precompute (any constant unique in this code base). */
const LOCK_KEY = 7_090_901;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createPrecomputeService(deps: {
  database: Database;
  catalog: StoreCatalog;
  logger: Logger;
  suggestions: Pick<SuggestionsService, 'prepare' | 'modelState'>;
  /** The churn model, whose gauge and cluster figures are stored with the suggestions; none: not stored. */
  models?: ModelService;
  pollMs?: number;
  /** The in-memory customer columns (the per-customer pass of each scope when they hold its version). */
  columns?: Pick<
    CustomerColumnsService,
    'figures' | 'mixSums' | 'topProducts' | 'firsts' | 'geo' | 'ready' | 'customerRows'
  >;
}) {
  const { database, catalog, logger, suggestions, pollMs = 10_000, columns } = deps;
  const db = database.db;
  // Its own services over a cache that writes what it computes to the table (request caches only read it). It
  // only shares work within one scope (an overview's panels and their customer passes), so it holds a few scopes
  // and is emptied after each run: nothing it computed stays in this process's heap.
  const cache = createResultCache({
    enabled: true,
    maxEntries: 64,
    persisted: { read: (k) => readPrecomputed(db, k), write: (k, body) => writePrecomputed(db, k, body) },
  });
  const scopes = createScopeResolver(db, catalog);
  const portrait = createPortraitService({ db, scopes, cache, ...(columns ? { columns } : {}) });
  const geo = createGeoService({ db, scopes, cache, ...(columns ? { columns } : {}) });
  const paths = createPathsService({ db, scopes, cache });
  // The gauge and cluster figures from the copy and the run's predictions when both are in place (identical).
  const churn =
    deps.models &&
    createChurnService({
      db,
      models: deps.models,
      scopes,
      cache,
      ...(columns ? { columns: { service: columns, logger } } : {}),
    });

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function computePanels(s: PresetScope): Promise<void> {
    await portrait.overview(s.scope, s.allowed);
    await geo.geo(s.scope, s.allowed);
    await paths.paths(s.scope, s.allowed, PATH_STEPS.default);
  }

  /** Runs `each` over the scopes while the data stays at `version`; false when it changed or we stop. */
  async function over(version: number, scopes: PresetScope[], each: (s: PresetScope) => Promise<void>) {
    for (const [i, s] of scopes.entries()) {
      if (stopped) return false;
      if (i % 50 === 0 && (await getDataVersion(db)) !== version) return false;
      if (i > 0 && i % 500 === 0) logger.info({ version, done: i, of: scopes.length }, 'precomputing');
      await each(s);
      await yieldToEventLoop();
    }
    return true;
  }

  /** What is done for the current data: the panels, and the suggestions (of the current churn-model run). */
  async function status() {
    const version = await getDataVersion(db);
    const panelsDone = (await getMeta(db, PANELS_DONE_KEY)) === String(version);
    const model = await suggestions.modelState();
    const suggestionsMark = `${version}|${model.run?.id ?? '-'}`;
    const suggestionsDone = (await getMeta(db, MODEL_ANSWERS_DONE_KEY)) === suggestionsMark;
    return { version, panelsDone, suggestionsDone, refitting: model.refitting, suggestionsMark };
  }

  async function runOnce(): Promise<void> {
    const { version, panelsDone, refitting, suggestionsMark, ...s } = await status();
    // Suggestions wait for the churn model's fit of this data (they would be regenerated after it).
    const suggestionsDone = s.suggestionsDone || refitting;
    if (panelsDone && suggestionsDone) return;
    const lock = await database.tryLock(LOCK_KEY);
    if (!lock) return; // another process is on it
    try {
      const { lastDay } = await getDataSpan(db);
      if (!lastDay) return;
      const scopes = presetScopes(await catalog.stores(version), lastDay, await storeManagerStoreSets(db));
      if (!panelsDone) {
        const began = Date.now();
        await deleteOtherVersions(db, version);
        // The columns of this version first: the whole chain's and the big cities' presets come first and
        // take minutes each in SQL on 10 M orders, against a load of 1–4 minutes (once) and seconds from them.
        if (columns) await columns.ready(version);
        if (!(await over(version, scopes, computePanels))) return;
        await setMeta(db, PANELS_DONE_KEY, String(version));
        const answers = await countPrecomputed(db, version);
        logger.info(
          { version, scopes: scopes.length, answers, ms: Date.now() - began },
          'preset scopes precomputed',
        );
      }
      if (!suggestionsDone) {
        const began = Date.now();
        const prepare = async (s: PresetScope) => {
          await churn?.churn(s.scope, s.allowed);
          await churn?.clusters(s.scope, s.allowed);
          await suggestions.prepare(s.scope, s.allowed);
        };
        if (!(await over(version, scopes, prepare))) return;
        await setMeta(db, MODEL_ANSWERS_DONE_KEY, suggestionsMark);
        logger.info(
          { version, scopes: scopes.length, ms: Date.now() - began },
          'preset churn, clusters and suggestions stored',
        );
      }
    } finally {
      await lock.release();
    }
  }

  /** Starts a run unless one is going; never waits for it. */
  function check(): Promise<void> {
    if (stopped) return Promise.resolve();
    running ??= runOnce()
      .catch((err: unknown) => logger.warn({ err }, 'precompute failed'))
      .finally(() => {
        cache.clear();
        running = null;
      });
    return running;
  }

  function start(): void {
    if (timer || stopped) return;
    void check();
    timer = setInterval(() => void check(), pollMs);
    timer.unref();
  }

  async function stop(): Promise<void> {
    stopped = true;
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  }

  /**
   * Waits until everything for the current data is stored — by this process or another holding the lock —
   * and the churn model is not fitting (tests, the benchmark). False when `timeoutMs` passed first.
   */
  async function settle(timeoutMs = Infinity): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      // A run in progress may take long: wait for it only as long as the timeout allows.
      while (running && Date.now() <= until)
        await Promise.race([running, new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())))]);
      const s = await status();
      if (s.panelsDone && s.suggestionsDone && !s.refitting) return true;
      if (Date.now() > until || stopped) return false;
      // Started, not awaited: a run (every scope's suggestions) can outlast the timeout; the loop above waits
      // for it only as long as the timeout allows.
      void check();
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Entries its own cache holds (none between runs). */
  const cached = () => cache.size();

  return { start, stop, check, settle, status, cached };
}
export type PrecomputeService = ReturnType<typeof createPrecomputeService>;
