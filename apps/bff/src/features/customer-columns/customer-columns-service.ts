/**
 * The process's columnar copy of `customer_store_days` (and of `store_day_mix`, `product_store_days` and the
 * customers' first days) and its life cycle: loaded at start and again whenever a
 * request names a newer data version than the copy's; a question is answered from the copy only when its data
 * version is exactly the copy's, otherwise `figures` returns null and the caller runs the SQL (meanwhile the copy
 * for the new version loads in the background). The stale copy is dropped as soon as a newer version is seen, so
 * a process holds at most one copy plus the one loading.
 *
 * This is an execution engine, not a result cache: it answers the same question as the SQL, exactly, from the
 * same version's rows, so RESULT_CACHE=off leaves it on; CUSTOMER_COLUMNS=off switches it off.
 */
import type { Db } from '../../db/client';
import { postgresConnection } from '../../db/queries/customer-columns';
import type {
  CustomerFigures,
  CustomerFirsts,
  MixSums,
  Period,
  TopProducts,
} from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { Logger } from '../../lib/logger';
import type { StoreArea } from '../../db/queries/geo';
import type { AssociationRule, AssociationThresholds } from '../../db/queries/suggestion-aggregates';
import type { CrossSellPair, TargetSummary } from '../../db/queries/suggestion-targets';
import { columnsAreaFigures, type AreaFigures } from './area-figures';
import { dropChurnPredictions } from './churn-columns';
import type { CustomerColumns } from './columns';
import { columnsAssociationRules } from './basket-rules';
import { columnsCrossSell } from './cross-sell-pass';
import { columnsCustomerFigures, heldCustomerFigures } from './customer-pass';
import { columnsCustomerFirsts } from './firsts';
import { copyBytes, loadCopy, type ColumnsCopy } from './load-copy';
import { loadOnWorker, type WorkerLoad } from './load-on-worker';
import { rollupSums } from './rollup-columns';
import {
  columnsSuggestionFigures,
  suggestionScan as scanForSuggestions,
  type SuggestionPassFigures,
  type SuggestionPassParams,
} from './suggestion-pass';
import { columnsTopProducts } from './top-products';

/** After a failed load, the next attempt waits this long (a broken database is not hammered per request). */
const RETRY_MS = 30_000;

export type CustomerColumnsStatus = {
  version: number;
  rows: number;
  mixRows: number;
  productRows: number;
  firstsRows: number;
  customers: number;
  stores: number;
  bytes: number;
  /** Of `bytes`: the `product_store_days` copy, and the first days' (`customer_store_firsts` and per-day counts). */
  productBytes: number;
  firstsBytes: number;
  /** The order baskets: orders, distinct product lines and bytes (null: not usable, the SQL answers). */
  baskets: { orders: number; lines: number; bytes: number } | null;
  loadMs: number;
  /** Of `loadMs`: reading and laying out the baskets (null without them). */
  basketsMs: number | null;
  /** Where the copy was read and laid out: a worker thread (PostgreSQL) or this one (PGlite, or forced). */
  thread: 'worker' | 'main';
};

export type CustomerColumnsDeps = {
  db: Db;
  logger: Logger;
  enabled: boolean;
  /**
   * Where a PostgreSQL copy loads: 'worker' (default) keeps this thread free for requests meanwhile; 'main' is the
   * old path (benchmarks compare them). PGlite always loads here: one in-process instance, and its data is small.
   */
  thread?: 'worker' | 'main';
  /** Where a worker's copy is kept for the next process and read back from (snapshot-load.ts); null: not kept. */
  snapshotDir?: string | null;
};

export function createCustomerColumns(deps: CustomerColumnsDeps) {
  const { db, logger, enabled } = deps;
  const connection = deps.thread === 'main' ? null : postgresConnection(db);
  let current: (ColumnsCopy & { loadMs: number; thread: 'worker' | 'main' }) | null = null;
  /** The newest data version a request has named. */
  let wanted = 0;
  let loading: Promise<void> | null = null;
  /** Called with each copy's version once it is in place (the churn predictions' read-ahead). */
  const loadedListeners: ((version: number) => void)[] = [];
  /** The load running on a worker thread, if any (`stop` ends it). */
  let onWorker: WorkerLoad | null = null;
  let failedAt = 0;
  let stopped = false;

  /** The copy when it holds `version`; otherwise null, and the copy of a newer version starts loading. */
  function copyOf(version: number) {
    if (!enabled || stopped) return null;
    if (current?.version === version) return current;
    if (version > wanted) wanted = version;
    if (current && current.version < wanted) current = null;
    if (!current && !loading && Date.now() - failedAt > RETRY_MS) void load();
    return null;
  }

  /**
   * The customer pass from the copy (or the suggestions' held scan of the scope), or null (off, not loaded,
   * another version, or beyond exact integers).
   */
  function figures(version: number, period: Period, stores: StoreFilter): CustomerFigures | null {
    const copy = copyOf(version);
    const held = copy && heldCustomerFigures(copy.columns, period, stores);
    return held ? held.figures : copy && columnsCustomerFigures(copy.columns, period, stores);
  }

  /** `store_day_mix` of the period and stores summed per (hour, channel, order type), or null (as `figures`). */
  function mixSums(version: number, period: Period, stores: StoreFilter): MixSums | null {
    const copy = copyOf(version);
    const sums = copy && rollupSums(copy.mix, period, stores);
    if (!copy || !sums) return null;
    const out: MixSums = [];
    copy.mix.keys.forEach(([hour = '', channel = '', orderType = ''], k) => {
      if (sums.rows[k]! > 0)
        out.push({ hour: Number(hour), channel, orderType, orders: sums.count[k]!, cents: sums.cents[k]! });
    });
    return out;
  }

  /** The top `limit` products by `by` with the scope's totals (as `topProducts`), or null (as `figures`). */
  function topProducts(
    version: number,
    period: Period,
    stores: StoreFilter,
    by: 'quantity' | 'revenue',
    limit: number,
  ): TopProducts | null {
    const copy = copyOf(version);
    return copy && columnsTopProducts(copy.products, period, stores, by, limit);
  }

  /** New and total customers of the period and stores (as `customerFirsts`), or null (as `figures`). */
  function firsts(version: number, period: Period, stores: StoreFilter): CustomerFirsts | null {
    const copy = copyOf(version);
    return copy && columnsCustomerFirsts(copy.firsts, period, stores);
  }

  /** The geographic heatmap's store sales and area customers (as `storeSales`, `areaCustomers`), or null. */
  function geo(version: number, period: Period, areas: readonly StoreArea[]): AreaFigures | null {
    const copy = copyOf(version);
    return copy && columnsAreaFigures(copy.columns, copy.mix, period, areas);
  }

  /** The suggestions' scan of a scope, asked before the overview so both read it (suggestion-pass.ts). */
  function suggestionScan(version: number, period: Period, stores: StoreFilter): boolean {
    const copy = copyOf(version);
    return copy !== null && (scanForSuggestions(copy.columns, period, stores), true);
  }

  /** The suggestion engine's per-customer figures (suggestion-pass.ts), or null (as `figures`). */
  function suggestionFigures(
    version: number,
    period: Period,
    stores: StoreFilter,
    params: SuggestionPassParams,
  ): SuggestionPassFigures | null {
    const copy = copyOf(version);
    return copy && columnsSuggestionFigures(copy.columns, period, stores, params);
  }

  /** The copy's customer rows when it holds `version` (the churn pass, churn-columns.ts), or null (as `figures`). */
  function customerRows(version: number): CustomerColumns | null {
    return copyOf(version)?.columns ?? null;
  }

  /** `associationRules` from the order baskets (basket-rules.ts), or null (as `figures`, or no baskets). */
  function associationRules(
    version: number,
    period: Period,
    stores: StoreFilter,
    t: AssociationThresholds,
    limit: number,
  ): AssociationRule[] | null {
    const copy = copyOf(version);
    return copy?.baskets
      ? columnsAssociationRules(copy.baskets, copy.products, period, stores, t, limit)
      : null;
  }

  /** `crossSellSummaries` from the baskets and the customer rows (cross-sell-pass.ts), or null (as above). */
  function crossSell(
    version: number,
    period: Period,
    stores: StoreFilter,
    pairs: readonly CrossSellPair[],
  ): TargetSummary[] | null {
    const copy = copyOf(version);
    return copy?.baskets
      ? columnsCrossSell(copy.columns, copy.baskets, copy.products, period, stores, pairs)
      : null;
  }

  /** Loads the copy for the version the database holds now (one snapshot); one load at a time. */
  function load(): Promise<void> {
    if (!enabled || stopped) return Promise.resolve();
    loading ??= (async () => {
      const began = performance.now();
      try {
        let copy: ColumnsCopy;
        let source: WorkerLoad['source'] = null;
        if (connection) {
          onWorker = loadOnWorker(connection, deps.snapshotDir ?? null);
          copy = await onWorker.copy;
          source = onWorker.source;
        } else copy = await loadCopy(db);
        if (stopped) return;
        if (copy.version > wanted) wanted = copy.version;
        const loadMs = Math.round(performance.now() - began);
        current = { ...copy, loadMs, thread: connection ? 'worker' : 'main' };
        logger.info(
          { ...status(), ...source, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) },
          'customer columns loaded',
        );
        for (const listener of loadedListeners) listener(copy.version);
      } catch (err) {
        failedAt = Date.now();
        if (!stopped) logger.warn({ err }, 'customer columns: load failed; the SQL answers meanwhile');
      } finally {
        onWorker = null;
        loading = null;
      }
    })();
    return loading;
  }

  function status(): CustomerColumnsStatus | null {
    if (!current) return null;
    const { version, columns, mix, products, firsts: f, baskets: b, loadMs, thread } = current;
    return {
      version,
      rows: columns.rows,
      mixRows: mix.rows,
      productRows: products.sums.rows,
      firstsRows: f.rows,
      customers: columns.customers,
      stores: columns.storeIndex.size,
      bytes: copyBytes(current),
      productBytes: products.sums.bytes,
      firstsBytes: f.bytes,
      baskets: b && { orders: b.orders, lines: b.lines, bytes: b.bytes },
      loadMs,
      basketsMs: b?.readMs ?? null,
      thread,
    };
  }

  /**
   * Resolves once the copy holds `version` (or a newer one), loading as needed; false when off or the load
   * failed. For the benchmark and tests; requests never wait.
   */
  async function ready(version: number): Promise<boolean> {
    if (!enabled) return false;
    if (version > wanted) wanted = version;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (current && current.version >= version) return true;
      if (current && current.version < wanted) current = null;
      await (loading ?? load());
    }
    return current !== null && current.version >= version;
  }

  /**
   * Waits, at most `maxMs`, for a load that is reading a snapshot (seconds), never for one reading the database
   * (minutes): the server calls it before it listens, so its first questions find the copy instead of the SQL.
   * True when a copy is in place afterwards.
   */
  async function snapshotArrival(maxMs: number): Promise<boolean> {
    const pending = loading;
    const load = onWorker;
    if (pending && load) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<false>((r) => (timer = setTimeout(() => r(false), maxMs)));
      try {
        if (await Promise.race([load.coming('snapshot'), expired]))
          await Promise.race([pending, load.coming('database'), expired]);
      } finally {
        clearTimeout(timer);
      }
    }
    return current !== null;
  }

  /** `listener` is called with the version of every copy that comes into place (synchronously: keep it short). */
  function onLoaded(listener: (version: number) => void): void {
    loadedListeners.push(listener);
  }

  /** Stops loading (a worker's load is ended at once) and drops the copy (and the predictions read for it). */
  async function stop(): Promise<void> {
    stopped = true;
    await onWorker?.cancel();
    await loading;
    if (current) await dropChurnPredictions(current.columns);
    current = null;
  }

  return {
    enabled,
    figures,
    mixSums,
    topProducts,
    firsts,
    geo,
    suggestionScan,
    suggestionFigures,
    customerRows,
    associationRules,
    crossSell,
    load,
    onLoaded,
    ready,
    snapshotArrival,
    status,
    stop,
  };
}
export type CustomerColumnsService = ReturnType<typeof createCustomerColumns>;
