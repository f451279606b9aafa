import { geoSchema, type Geo } from '@portrait/shared/geo';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getGeo(scope: Scope, signal?: AbortSignal): Promise<Geo> {
  return apiGet('/portrait/geo', geoSchema, { params: scopeToSearchParams(scope), signal });
}

export function geoQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: ['portrait', 'geo', scope],
    queryFn: ({ signal }) => getGeo(scope, signal),
    // Keep the previous map on screen while the new scope loads.
    placeholderData: keepPreviousData,
  });
}

export function useGeo(scope: Scope) {
  return useQuery(geoQueryOptions(scope));
}
