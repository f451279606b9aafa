import type { StoreFilter } from '../../db/queries/scope-sql';
import { AppError, badRequest } from '../../lib/errors';
import type { Viewer } from '../auth/viewer';
import type { StoreCatalog } from '../portrait/store-catalog';

/**
 * The stores a Customer 360 answer is measured in: the one `store_id` names, else the viewer's own stores (a store
 * manager's), else the whole chain (null). Naming a store outside one's own is refused with 403, never narrowed.
 */
export async function customerStoreSet(
  catalog: StoreCatalog,
  version: number,
  viewer: Viewer,
  storeId: string | undefined,
): Promise<StoreFilter> {
  const allowed = viewer.allowedStores;
  if (storeId === undefined) return allowed === null ? null : [...allowed].sort();
  const known = (await catalog.stores(version)).some((s) => s.id === storeId);
  if (!known) throw badRequest(`unknown store: ${storeId}`);
  if (allowed !== null && !allowed.includes(storeId))
    throw new AppError('forbidden', `store ${storeId} is not one of your stores`);
  return [storeId];
}

export const storeSetKey = (stores: StoreFilter) => (stores === null ? '*' : stores.join(','));
