import { pageQuerySchema } from '@portrait/shared/customers';
import type { ChurnService } from '../features/models/churn-service';
import { parseOrThrow } from '../lib/validate';
import { scopeOf } from './portrait-routes';
import { ALL_ROLES, CUSTOMER_ROLES, type RouteDef } from './route-table';

/**
 * Churn and clusters: the aggregates are open to every role within the stores it may see; the slipping-away list
 * names customers, so it is for customer roles only (never executives), masked and audited.
 */
export function modelRoutes(churn: ChurnService): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/portrait/churn',
      access: ALL_ROLES,
      handler: ({ req, viewer }) => churn.churn(scopeOf(req), viewer.allowedStores),
    },
    {
      method: 'get',
      path: '/api/v1/portrait/churn/customers',
      access: CUSTOMER_ROLES,
      handler: ({ req, viewer }) => {
        const scope = scopeOf(req);
        const paging = parseOrThrow(pageQuerySchema, { page: req.query.page, pageSize: req.query.pageSize });
        return churn.slipping(viewer, scope, paging);
      },
    },
    {
      method: 'get',
      path: '/api/v1/portrait/clusters',
      access: ALL_ROLES,
      handler: ({ req, viewer }) => churn.clusters(scopeOf(req), viewer.allowedStores),
    },
  ];
}
