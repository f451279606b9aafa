/**
 * The process's columnar copy of `customer_store_days` and its life cycle: loaded at start and again whenever a
 * request names a newer data version than the copy's; a question is answered from the copy only when its data
 * version is exactly the copy's, otherwise `figures` returns null and the caller runs the SQL (meanwhile the copy
 * for the new version loads in the background). The stale copy is dropped as soon as a newer version is seen, so
 * a process holds at most one copy plus the one loading.
 *
 * This is an execution engine, not a result cache: it answers the same question as the SQL, exactly, from the
 * same version's rows, so RESULT_CACHE=off leaves it on; CUSTOMER_COLUMNS=off switches it off.
 */
import type { Db } from '../../db/client';
import { readCustomerStoreDays } from '../../db/queries/customer-columns';
import type { CustomerFigures, Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { Logger } from '../../lib/logger';
import { columnsBuilder, type CustomerColumns } from './columns';
import { columnsCustomerFigures } from './customer-pass';

/** After a failed load, the next attempt waits this long (a broken database is not hammered per request). */
const RETRY_MS = 30_000;

export type CustomerColumnsStatus = {
  version: number;
  rows: number;
  customers: number;
  stores: number;
  bytes: number;
  loadMs: number;
};

export function createCustomerColumns(deps: { db: Db; logger: Logger; enabled: boolean }) {
  const { db, logger, enabled } = deps;
  let current: { version: number; columns: CustomerColumns; loadMs: number } | null = null;
  /** The newest data version a request has named. */
  let wanted = 0;
  let loading: Promise<void> | null = null;
  let failedAt = 0;
  let stopped = false;

  /** The customer pass from the copy, or null (off, not loaded, another version, or beyond exact integers). */
  function figures(version: number, period: Period, stores: StoreFilter): CustomerFigures | null {
    if (!enabled || stopped) return null;
    if (current?.version === version) return columnsCustomerFigures(current.columns, period, stores);
    if (version > wanted) wanted = version;
    if (current && current.version < wanted) current = null;
    if (!current && !loading && Date.now() - failedAt > RETRY_MS) void load();
    return null;
  }

  /** Loads the copy for the version the database holds now (one snapshot); one load at a time. */
  function load(): Promise<void> {
    if (!enabled || stopped) return Promise.resolve();
    loading ??= (async () => {
      const began = performance.now();
      try {
        let builder: ReturnType<typeof columnsBuilder> | null = null;
        const version = await readCustomerStoreDays(db, (head) => (builder = columnsBuilder(head.rows)));
        const columns = (builder as ReturnType<typeof columnsBuilder> | null)?.finish();
        if (!columns || stopped) return;
        if (version > wanted) wanted = version;
        const loadMs = Math.round(performance.now() - began);
        current = { version, columns, loadMs };
        logger.info(
          { ...status(), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) },
          'customer columns loaded',
        );
      } catch (err) {
        failedAt = Date.now();
        if (!stopped) logger.warn({ err }, 'customer columns: load failed; the SQL answers meanwhile');
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  function status(): CustomerColumnsStatus | null {
    if (!current) return null;
    const { version, columns, loadMs } = current;
    return {
      version,
      rows: columns.rows,
      customers: columns.customers,
      stores: columns.storeIndex.size,
      bytes: columns.bytes,
      loadMs,
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

  async function stop(): Promise<void> {
    stopped = true;
    await loading;
    current = null;
  }

  return { enabled, figures, load, ready, status, stop };
}
export type CustomerColumnsService = ReturnType<typeof createCustomerColumns>;
