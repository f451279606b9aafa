import { topProductsQuerySchema } from '@portrait/shared/portrait';
import { scopeQuerySchema, toScope } from '@portrait/shared/scope';
import type { Request } from 'express';
import type { PortraitService } from '../features/portrait/portrait-service';
import { parseOrThrow } from '../lib/validate';
import { ALL_ROLES, type RouteDef } from './route-table';

export const scopeOf = (req: Request) => toScope(parseOrThrow(scopeQuerySchema, req.query));

/** Aggregates only: every role may read them, each within the stores it may see. */
export function portraitRoutes(portrait: PortraitService): RouteDef[] {
  const access = ALL_ROLES;
  return [
    {
      method: 'get',
      path: '/api/v1/portrait/overview',
      access,
      handler: ({ req, viewer }) => portrait.overviewJson(scopeOf(req), viewer.allowedStores),
    },
    {
      method: 'get',
      path: '/api/v1/portrait/kpis',
      access,
      handler: ({ req, viewer }) => portrait.kpis(scopeOf(req), viewer.allowedStores),
    },
    {
      method: 'get',
      path: '/api/v1/portrait/segments',
      access,
      handler: ({ req, viewer }) => portrait.segments(scopeOf(req), viewer.allowedStores),
    },
    {
      method: 'get',
      path: '/api/v1/portrait/hourly',
      access,
      handler: ({ req, viewer }) => portrait.hourly(scopeOf(req), viewer.allowedStores),
    },
    {
      method: 'get',
      path: '/api/v1/portrait/top-products',
      access,
      handler: ({ req, viewer }) => {
        const scope = scopeOf(req);
        const { by } = parseOrThrow(topProductsQuerySchema, { by: req.query.by });
        return portrait.topProducts(scope, viewer.allowedStores, by);
      },
    },
    {
      method: 'get',
      path: '/api/v1/portrait/channels',
      access,
      handler: ({ req, viewer }) => portrait.channels(scopeOf(req), viewer.allowedStores),
    },
  ];
}
