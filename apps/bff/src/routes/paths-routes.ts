import { pathsQuerySchema, topPathsQuerySchema } from '@portrait/shared/paths';
import type { PathsService } from '../features/paths/paths-service';
import { parseOrThrow } from '../lib/validate';
import { scopeOf } from './portrait-routes';
import { ALL_ROLES, type RouteDef } from './route-table';

/** Behaviour paths: session counts only (no customer), every role within the stores it may see. */
export function pathsRoutes(paths: PathsService): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/portrait/paths',
      access: ALL_ROLES,
      handler: ({ req, viewer }) => {
        const scope = scopeOf(req);
        const { steps } = parseOrThrow(pathsQuerySchema, { steps: req.query.steps });
        return paths.paths(scope, viewer.allowedStores, steps);
      },
    },
    {
      method: 'get',
      path: '/api/v1/portrait/paths/top',
      access: ALL_ROLES,
      handler: ({ req, viewer }) => {
        const scope = scopeOf(req);
        const q = parseOrThrow(topPathsQuerySchema, {
          steps: req.query.steps,
          node: req.query.node,
          limit: req.query.limit,
        });
        return paths.topPaths(scope, viewer.allowedStores, q.steps, q.node, q.limit);
      },
    },
  ];
}
