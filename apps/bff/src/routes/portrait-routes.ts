import { topProductsQuerySchema } from '@portrait/shared/portrait';
import { scopeQuerySchema, toScope } from '@portrait/shared/scope';
import type { Request } from 'express';
import type { PortraitService } from '../features/portrait/portrait-service';
import { parseOrThrow } from '../lib/validate';
import type { RouteDef } from './route-table';

const scopeOf = (req: Request) => toScope(parseOrThrow(scopeQuerySchema, req.query));

export function portraitRoutes(portrait: PortraitService): RouteDef[] {
  return [
    { method: 'get', path: '/api/v1/portrait/overview', handler: (req) => portrait.overview(scopeOf(req)) },
    { method: 'get', path: '/api/v1/portrait/kpis', handler: (req) => portrait.kpis(scopeOf(req)) },
    { method: 'get', path: '/api/v1/portrait/segments', handler: (req) => portrait.segments(scopeOf(req)) },
    { method: 'get', path: '/api/v1/portrait/hourly', handler: (req) => portrait.hourly(scopeOf(req)) },
    {
      method: 'get',
      path: '/api/v1/portrait/top-products',
      handler: (req) => {
        const scope = scopeOf(req);
        const { by } = parseOrThrow(topProductsQuerySchema, { by: req.query.by });
        return portrait.topProducts(scope, by);
      },
    },
    { method: 'get', path: '/api/v1/portrait/channels', handler: (req) => portrait.channels(scopeOf(req)) },
  ];
}
