import { pathsSchema, type Paths } from '@portrait/shared/paths';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getPaths(scope: Scope, steps: number, signal?: AbortSignal): Promise<Paths> {
  const params = scopeToSearchParams(scope);
  params.set('steps', String(steps));
  return apiGet('/portrait/paths', pathsSchema, { params, signal });
}

export function pathsQueryOptions(scope: Scope, steps: number) {
  return queryOptions({
    queryKey: ['portrait', 'paths', { ...scope, steps }],
    queryFn: ({ signal }) => getPaths(scope, steps, signal),
    // Keep the previous flow on screen while the new one loads.
    placeholderData: keepPreviousData,
  });
}

export function usePaths(scope: Scope, steps: number) {
  return useQuery(pathsQueryOptions(scope, steps));
}
