import { customer360QuerySchema, timelineQuerySchema } from '@portrait/shared/customer360';
import { searchQuerySchema } from '@portrait/shared/customer-search';
import type { Customer360Service } from '../features/customer360/customer360-service';
import { parseOrThrow } from '../lib/validate';
import { CUSTOMER_ROLES, type RouteDef } from './route-table';

/**
 * Customer 360 (seeds/5-customer360-service.md): one customer at a time, so never for executives; store managers
 * only within their stores; masked for all but admin; every look and search audited.
 */
export function customer360Routes(service: Customer360Service): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/customer360/profile',
      access: CUSTOMER_ROLES,
      handler: ({ req, viewer }) => service.profile(viewer, parseOrThrow(customer360QuerySchema, req.query)),
    },
    {
      method: 'get',
      path: '/api/v1/customer360/timeline',
      access: CUSTOMER_ROLES,
      handler: ({ req, viewer }) => service.timeline(viewer, parseOrThrow(timelineQuerySchema, req.query)),
    },
    {
      method: 'get',
      path: '/api/v1/customer360/value',
      access: CUSTOMER_ROLES,
      handler: ({ req, viewer }) => service.value(viewer, parseOrThrow(customer360QuerySchema, req.query)),
    },
    {
      method: 'get',
      path: '/api/v1/customer360/search',
      access: CUSTOMER_ROLES,
      handler: ({ req, viewer }) => service.search(viewer, parseOrThrow(searchQuerySchema, req.query)),
    },
  ];
}
