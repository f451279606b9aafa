import type { Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { freshRead } from '../../lib/fresh-read';
import type { StoreCatalog } from './store-catalog';

/** Store ids a viewer is limited to (null = the whole chain). */
export type Allowed = readonly string[] | null;

/** A request's data version and the stores its scope resolved to. */
export type Resolved = { version: number; stores: StoreFilter };

/**
 * Turns a request's scope and viewer into the data version and the store ids to query: the one place every
 * scoped service (portrait, geo, paths, churn, customer lists, suggestions) resolves a scope.
 */
export function createScopeResolver(db: Db, catalog: StoreCatalog) {
  // Every request reads the version (so no answer predates a committed import); concurrent requests share reads.
  const dataVersion = freshRead(() => getDataVersion(db));

  /** Read once per request and used by all its queries; refuses stores and cities outside `allowed` (403). */
  async function resolve(scope: Scope, allowed: Allowed): Promise<Resolved> {
    const version = await dataVersion();
    const stores = await catalog.storeFilter(scope, version, allowed);
    return { version, stores };
  }

  return { dataVersion, resolve, catalog };
}
export type ScopeResolver = ReturnType<typeof createScopeResolver>;
