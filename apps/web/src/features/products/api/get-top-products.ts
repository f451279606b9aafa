import { topProductsSchema, type TopProductRow, type TopProductsBy } from '@portrait/shared/portrait';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getTopProducts(
  scope: Scope,
  by: TopProductsBy,
  signal?: AbortSignal,
): Promise<TopProductRow[]> {
  const params = scopeToSearchParams(scope);
  params.set('by', by);
  return apiGet('/portrait/top-products', topProductsSchema, { params, signal });
}

export function topProductsQueryOptions(scope: Scope, by: TopProductsBy) {
  return queryOptions({
    queryKey: ['portrait', 'top-products', { ...scope, by }],
    queryFn: ({ signal }) => getTopProducts(scope, by, signal),
    // Keep the previous ranking on screen while the new one loads: no flash on filter changes.
    placeholderData: keepPreviousData,
  });
}

export function useTopProducts(scope: Scope, by: TopProductsBy) {
  return useQuery(topProductsQueryOptions(scope, by));
}
