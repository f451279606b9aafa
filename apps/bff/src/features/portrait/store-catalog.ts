import type { Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { listStores, type StoreRow } from '../../db/queries/meta';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { badRequest } from '../../lib/errors';

/** The chain's cities and stores, reloaded when the data version changes; turns a scope into store ids. */
export function createStoreCatalog(db: Db) {
  let loaded: { version: number; stores: StoreRow[] } | null = null;

  async function stores(version: number): Promise<StoreRow[]> {
    if (!loaded || loaded.version !== version) loaded = { version, stores: await listStores(db) };
    return loaded.stores;
  }

  /** Validates the scope's cities and stores; `null` = the whole chain. */
  async function storeFilter(scope: Scope, version: number): Promise<StoreFilter> {
    const all = await stores(version);
    if (scope.cities.length === 0 && scope.stores.length === 0) return null;
    const knownCities = new Set(all.map((s) => s.city));
    const unknownCities = scope.cities.filter((c) => !knownCities.has(c));
    if (unknownCities.length > 0) throw badRequest(`unknown city: ${unknownCities.join(', ')}`);
    const byId = new Map(all.map((s) => [s.id, s]));
    const unknownStores = scope.stores.filter((id) => !byId.has(id));
    if (unknownStores.length > 0) throw badRequest(`unknown store: ${unknownStores.join(', ')}`);
    if (scope.stores.length === 0) {
      const cities = new Set(scope.cities);
      return all.filter((s) => cities.has(s.city)).map((s) => s.id);
    }
    if (scope.cities.length > 0) {
      const cities = new Set(scope.cities);
      const outside = scope.stores.filter((id) => !cities.has(byId.get(id)?.city ?? ''));
      if (outside.length > 0)
        throw badRequest(
          `store ${outside.join(', ')} is not in the chosen cities (${scope.cities.join(', ')})`,
        );
    }
    return [...scope.stores].sort();
  }

  return { stores, storeFilter };
}
export type StoreCatalog = ReturnType<typeof createStoreCatalog>;
