import { topPathsSchema, type TopPaths } from '@portrait/shared/paths';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export const TOP_PATHS_LIMIT = 10;

export function getTopPaths(
  scope: Scope,
  steps: number,
  node: string,
  signal?: AbortSignal,
): Promise<TopPaths> {
  const params = scopeToSearchParams(scope);
  params.set('steps', String(steps));
  params.set('node', node);
  params.set('limit', String(TOP_PATHS_LIMIT));
  return apiGet('/portrait/paths/top', topPathsSchema, { params, signal });
}

export function topPathsQueryOptions(scope: Scope, steps: number, node: string) {
  return queryOptions({
    queryKey: ['portrait', 'paths-top', { ...scope, steps, node }],
    queryFn: ({ signal }) => getTopPaths(scope, steps, node, signal),
  });
}

/** The top complete paths through `node` (null: nothing asked yet). */
export function useTopPaths(scope: Scope, steps: number, node: string | null) {
  return useQuery({ ...topPathsQueryOptions(scope, steps, node ?? ''), enabled: node !== null });
}
