import type { Overview, TopProductsBy } from '@portrait/shared/portrait';
import { previousScope, type Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { AppError } from '../../lib/errors';
import { freshRead } from '../../lib/fresh-read';
import { JsonText } from '../../lib/json-text';
import type { ResultCache } from '../../lib/result-cache';
import { compareKpis, kpiFigures } from './kpis';
import { channelRows, hourlyRows, segmentRows, topProductRows } from './panels';
import type { StoreCatalog } from './store-catalog';

/** Store ids a viewer is limited to (null = the whole chain). */
export type Allowed = readonly string[] | null;

/**
 * Portrait panels for a validated scope, cached by (data version, panel, resolved stores). `concurrent`: run a
 * panel's queries side by side (PostgreSQL's pool; PGlite has one connection, so there they queue anyway).
 */
export function createPortraitService(deps: {
  db: Db;
  catalog: StoreCatalog;
  cache: ResultCache;
  concurrent?: boolean;
}) {
  const { db, catalog, cache, concurrent = false } = deps;
  /** Both thunks' results, side by side when `concurrent`, else one after the other. */
  const both = async <A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> =>
    concurrent ? Promise.all([a(), b()]) : [await a(), await b()];
  // Every request reads the version (so no answer predates a committed import); concurrent requests share reads.
  const dataVersion = freshRead(() => getDataVersion(db));

  async function resolve(scope: Scope, allowed: Allowed) {
    const version = await dataVersion();
    const stores = await catalog.storeFilter(scope, version, allowed);
    return { version, stores };
  }

  function cached<T>(
    panel: string,
    scope: Scope,
    r: { version: number; stores: StoreFilter },
    compute: () => Promise<T>,
  ) {
    const key = `${r.version}|${panel}|${scope.from}|${scope.to}|${r.stores?.join(',') ?? '*'}`;
    return cache.get(key, () => consistent(r.version, compute));
  }

  /**
   * A panel runs several queries; on PostgreSQL each sees the data committed when it starts. An import
   * commits its data and the version bump together, so an unchanged version after the queries proves they
   * all read one state; otherwise compute again (PGlite serialises the import's transaction anyway).
   */
  async function consistent<T>(version: number, compute: () => Promise<T>): Promise<T> {
    let expected = version;
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await compute();
      const after = await dataVersion();
      if (after === expected) return result;
      expected = after;
    }
    throw new AppError('unavailable', 'the data is being updated; try again in a moment');
  }

  async function kpis(scope: Scope, allowed: Allowed) {
    const r = await resolve(scope, allowed);
    return cached('kpis', scope, r, async () => {
      const prev = previousScope(scope);
      const [current, previous] = await both(
        () => kpiFigures(db, scope, r.stores),
        () => kpiFigures(db, prev, r.stores),
      );
      return compareKpis(current, previous);
    });
  }

  async function segments(scope: Scope, allowed: Allowed) {
    const r = await resolve(scope, allowed);
    return cached('segments', scope, r, () => segmentRows(db, scope, r.stores));
  }

  async function hourly(scope: Scope, allowed: Allowed) {
    const r = await resolve(scope, allowed);
    return cached('hourly', scope, r, () => hourlyRows(db, scope, r.stores));
  }

  async function topProducts(scope: Scope, allowed: Allowed, by: TopProductsBy) {
    const r = await resolve(scope, allowed);
    return cached(`top-products:${by}`, scope, r, () => topProductRows(db, scope, r.stores, by));
  }

  async function channels(scope: Scope, allowed: Allowed) {
    const r = await resolve(scope, allowed);
    return cached('channels', scope, r, () => channelRows(db, scope, r.stores));
  }

  async function overview(scope: Scope, allowed: Allowed): Promise<Overview> {
    const prev = previousScope(scope);
    const [[k, s], [[h, t], c]] = await both(
      () =>
        both(
          () => kpis(scope, allowed),
          () => segments(scope, allowed),
        ),
      () =>
        both(
          () =>
            both(
              () => hourly(scope, allowed),
              () => topProducts(scope, allowed, 'quantity'),
            ),
          () => channels(scope, allowed),
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

  /** The overview's response body, cached encoded: the warm path neither rebuilds nor re-serialises it. */
  async function overviewJson(scope: Scope, allowed: Allowed): Promise<JsonText> {
    const r = await resolve(scope, allowed);
    return cached(
      'overview-json',
      scope,
      r,
      async () => new JsonText(JSON.stringify(await overview(scope, allowed))),
    );
  }

  return { resolve, kpis, segments, hourly, topProducts, channels, overview, overviewJson };
}
export type PortraitService = ReturnType<typeof createPortraitService>;
