import type { Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { listStores, type StoreRow } from '../../db/queries/meta';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { AppError, badRequest } from '../../lib/errors';

/**
 * The chain's cities and stores, reloaded when the data version changes. Turns a requested scope into the
 * store ids to query, intersected with the stores a viewer may see (`allowed`, null = all).
 * Asking for a store or city outside `allowed` is refused with 403, never silently narrowed.
 */
export function createStoreCatalog(db: Db) {
  let loaded: { version: number; stores: StoreRow[] } | null = null;

  async function stores(version: number): Promise<StoreRow[]> {
    if (!loaded || loaded.version !== version) loaded = { version, stores: await listStores(db) };
    return loaded.stores;
  }

  async function visibleStores(version: number, allowed: readonly string[] | null): Promise<StoreRow[]> {
    const all = await stores(version);
    if (allowed === null) return all;
    const set = new Set(allowed);
    return all.filter((s) => set.has(s.id));
  }

  async function storeFilter(
    scope: Scope,
    version: number,
    allowed: readonly string[] | null,
  ): Promise<StoreFilter> {
    const all = await stores(version);
    const byId = new Map(all.map((s) => [s.id, s]));
    const knownCities = new Set(all.map((s) => s.city));
    const unknownCities = scope.cities.filter((c) => !knownCities.has(c));
    if (unknownCities.length > 0) throw badRequest(`unknown city: ${unknownCities.join(', ')}`);
    const unknownStores = scope.stores.filter((id) => !byId.has(id));
    if (unknownStores.length > 0) throw badRequest(`unknown store: ${unknownStores.join(', ')}`);

    if (allowed !== null) {
      const mine = new Set(allowed);
      const myCities = new Set(allowed.map((id) => byId.get(id)?.city));
      const foreignStores = scope.stores.filter((id) => !mine.has(id));
      if (foreignStores.length > 0)
        throw new AppError('forbidden', `store ${foreignStores.join(', ')} is not one of your stores`);
      const foreignCities = scope.cities.filter((c) => !myCities.has(c));
      if (foreignCities.length > 0)
        throw new AppError('forbidden', `city ${foreignCities.join(', ')} has none of your stores`);
    }

    if (scope.cities.length > 0 && scope.stores.length > 0) {
      const cities = new Set(scope.cities);
      const outside = scope.stores.filter((id) => !cities.has(byId.get(id)?.city ?? ''));
      if (outside.length > 0)
        throw badRequest(
          `store ${outside.join(', ')} is not in the chosen cities (${scope.cities.join(', ')})`,
        );
    }

    let ids: string[] | null;
    if (scope.stores.length > 0) ids = [...scope.stores];
    else if (scope.cities.length > 0) {
      const cities = new Set(scope.cities);
      ids = all.filter((s) => cities.has(s.city)).map((s) => s.id);
    } else ids = null;

    if (allowed !== null) {
      const mine = new Set(allowed);
      ids = (ids ?? all.map((s) => s.id)).filter((id) => mine.has(id));
    }
    return ids === null ? null : ids.sort();
  }

  return { stores, visibleStores, storeFilter };
}
export type StoreCatalog = ReturnType<typeof createStoreCatalog>;
