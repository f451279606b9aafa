import type { GeoService } from '../features/geo/geo-service';
import { scopeOf } from './portrait-routes';
import { ALL_ROLES, type RouteDef } from './route-table';

/** The geographic heatmap: aggregates per area, every role within the stores it may see. */
export function geoRoutes(geo: GeoService): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/portrait/geo',
      access: ALL_ROLES,
      handler: ({ req, viewer }) => geo.geo(scopeOf(req), viewer.allowedStores),
    },
  ];
}
