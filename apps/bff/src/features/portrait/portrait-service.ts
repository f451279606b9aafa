import type { Overview, TopProductsBy } from '@portrait/shared/portrait';
import { previousScope, type Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { customerFigures, type CustomerFigures, type Period } from '../../db/queries/portrait';
import { AppError } from '../../lib/errors';
import type { CustomerColumnsService } from '../customer-columns/customer-columns-service';
import { JsonText } from '../../lib/json-text';
import { scopeKey, type ResultCache } from '../../lib/result-cache';
import { compareKpis, kpiFigures } from './kpis';
import { channelRows, hourlyRows, segmentRows, topProductRows } from './panels';
import type { Allowed, Resolved, ScopeResolver } from './scope-resolver';

/**
 * Portrait panels for a validated scope, cached by (data version, panel, resolved stores). `concurrent`: run a
 * panel's queries side by side (PostgreSQL's pool; PGlite has one connection, so there they queue anyway).
 */
export function createPortraitService(deps: {
  db: Db;
  scopes: ScopeResolver;
  cache: ResultCache;
  concurrent?: boolean;
  /**
   * The in-memory columns: they answer the per-customer pass, the `store_day_mix` sums, the top products and the
   * new / total customers when they hold the request's version.
   */
  columns?: Pick<CustomerColumnsService, 'figures' | 'mixSums' | 'topProducts' | 'firsts'>;
}) {
  const { db, scopes, cache, concurrent = false, columns } = deps;
  const { resolve, dataVersion } = scopes;
  /** Both thunks' results, side by side when `concurrent`, else one after the other. */
  const both = async <A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> =>
    concurrent ? Promise.all([a(), b()]) : [await a(), await b()];
  /** A panel's answer, cached under (version, panel, scope, stores); persisted (precomputed) answers are read too. */
  function cached<T>(
    panel: string,
    scope: Scope,
    r: Resolved,
    compute: (attempt: number, at: Resolved) => Promise<T>,
  ) {
    return cache.get(scopeKey(r.version, panel, scope, r.stores), () => consistent(r, compute));
  }

  /**
   * A panel runs several queries; on PostgreSQL each sees the data committed when it starts. An import
   * commits its data and the version bump together, so an unchanged version after the queries proves they
   * all read one state; otherwise compute again (PGlite serialises the import's transaction anyway). A retry
   * runs at the version it checks against: the in-memory columns may still hold the first one, and answering
   * part of a panel from them and part from the new rows would pass the check with mixed figures.
   */
  async function consistent<T>(
    r: Resolved,
    compute: (attempt: number, at: Resolved) => Promise<T>,
  ): Promise<T> {
    let expected = r.version;
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await compute(attempt, { ...r, version: expected });
      const after = await dataVersion();
      if (after === expected) return result;
      expected = after;
    }
    throw new AppError('unavailable', 'the data is being updated; try again in a moment');
  }

  /**
   * The per-customer pass of a period, shared by the KPIs, the segments, the hourly and the channel panels (one
   * grouping of customer_store_days; the hourly and channel customers come from its masks, not from `orders`).
   * Kept in-process only (a plain string key); a retry after a data change reads afresh. The columnar copy answers
   * when it holds exactly the request's data version, the SQL otherwise (identical answers).
   */
  function customerPass(period: Period, r: Resolved, attempt: number) {
    const read = async () =>
      columns?.figures(r.version, period, r.stores) ?? customerFigures(db, period, r.stores);
    if (attempt > 0) return read;
    const key = scopeKey(r.version, 'customers', period, r.stores).text;
    return () => sharedWhileRunning(key, () => cache.get(key, read));
  }

  /** The period's `store_day_mix` sums from the columns when they hold the request's version (else the SQL). */
  const mixOf = (period: Period, r: Resolved) => () => columns?.mixSums(r.version, period, r.stores) ?? null;
  /** The period's new and total customers from the columns when they hold the request's version (else the SQL). */
  const firstsOf = (period: Period, r: Resolved) => () =>
    columns?.firsts(r.version, period, r.stores) ?? null;

  /**
   * One computation per key while it runs, even with the result cache off (RESULT_CACHE=off would otherwise run
   * the panels' per-customer pass once each, side by side); forgotten once it settles.
   */
  const running = new Map<string, Promise<CustomerFigures>>();
  function sharedWhileRunning(key: string, compute: () => Promise<CustomerFigures>) {
    const pending = running.get(key) ?? compute().finally(() => running.delete(key));
    running.set(key, pending);
    return pending;
  }

  function kpisOf(scope: Scope, r: Resolved) {
    return cached('kpis', scope, r, async (attempt, at) => {
      const prev = previousScope(scope);
      const figuresOf = (period: Period) =>
        kpiFigures(
          db,
          period,
          r.stores,
          customerPass(period, at, attempt),
          mixOf(period, at),
          firstsOf(period, at),
        );
      const [current, previous] = await both(
        () => figuresOf(scope),
        () => figuresOf(prev),
      );
      return compareKpis(current, previous);
    });
  }

  function segmentsOf(scope: Scope, r: Resolved) {
    return cached('segments', scope, r, (attempt, at) =>
      segmentRows(db, scope, r.stores, customerPass(scope, at, attempt)),
    );
  }

  function hourlyOf(scope: Scope, r: Resolved) {
    return cached('hourly', scope, r, (attempt, at) =>
      hourlyRows(db, scope, r.stores, customerPass(scope, at, attempt), mixOf(scope, at)),
    );
  }

  /** The top products from the columns when they hold the request's version (else the SQL). */
  function topProductsOf(scope: Scope, r: Resolved, by: TopProductsBy) {
    return cached(`top-products:${by}`, scope, r, (_attempt, at) =>
      topProductRows(db, scope, r.stores, by, (b, limit) =>
        columns ? columns.topProducts(at.version, scope, r.stores, b, limit) : null,
      ),
    );
  }

  function channelsOf(scope: Scope, r: Resolved) {
    return cached('channels', scope, r, (attempt, at) =>
      channelRows(db, scope, r.stores, customerPass(scope, at, attempt), mixOf(scope, at)),
    );
  }

  /** The five panels of one resolved scope (the version and stores are read once for all of them). */
  async function overviewOf(scope: Scope, r: Resolved): Promise<Overview> {
    const prev = previousScope(scope);
    const [[k, s], [[h, t], c]] = await both(
      () =>
        both(
          () => kpisOf(scope, r),
          () => segmentsOf(scope, r),
        ),
      () =>
        both(
          () =>
            both(
              () => hourlyOf(scope, r),
              () => topProductsOf(scope, r, 'quantity'),
            ),
          () => channelsOf(scope, r),
        ),
    );
    return {
      scope: { ...scope, previousFrom: prev.from, previousTo: prev.to },
      kpis: k,
      segments: s,
      hourly: h,
      topProducts: t,
      channels: c,
    };
  }

  const kpis = async (scope: Scope, allowed: Allowed) => kpisOf(scope, await resolve(scope, allowed));
  const segments = async (scope: Scope, allowed: Allowed) => segmentsOf(scope, await resolve(scope, allowed));
  const hourly = async (scope: Scope, allowed: Allowed) => hourlyOf(scope, await resolve(scope, allowed));
  const channels = async (scope: Scope, allowed: Allowed) => channelsOf(scope, await resolve(scope, allowed));
  const topProducts = async (scope: Scope, allowed: Allowed, by: TopProductsBy) =>
    topProductsOf(scope, await resolve(scope, allowed), by);
  const overview = async (scope: Scope, allowed: Allowed) => overviewOf(scope, await resolve(scope, allowed));

  /**
   * The overview's response body, cached encoded: the warm path neither rebuilds nor re-serialises it. In-process
   * only (a plain string key): the precompute stores the panels, which this reads on a miss.
   */
  async function overviewJson(scope: Scope, allowed: Allowed): Promise<JsonText> {
    const r = await resolve(scope, allowed);
    return cache.get(
      scopeKey(r.version, 'overview-json', scope, r.stores).text,
      async () => new JsonText(JSON.stringify(await overviewOf(scope, r))),
    );
  }

  return { kpis, segments, hourly, topProducts, channels, overview, overviewJson };
}
export type PortraitService = ReturnType<typeof createPortraitService>;
