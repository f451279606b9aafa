import type { Db } from '../db/client';
import { filtersMeta } from '../features/meta/filters';
import type { StoreCatalog } from '../features/portrait/store-catalog';
import { ALL_ROLES, type RouteDef } from './route-table';

export function metaRoutes(db: Db, catalog: StoreCatalog): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/meta/filters',
      access: ALL_ROLES,
      handler: ({ viewer }) => filtersMeta(db, catalog, viewer.allowedStores),
    },
  ];
}
