import { filtersMetaSchema, type FiltersMeta } from '@portrait/shared/meta';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getFiltersMeta(signal?: AbortSignal): Promise<FiltersMeta> {
  return apiGet('/meta/filters', filtersMetaSchema, { signal });
}

export function filtersMetaQueryOptions() {
  return queryOptions({
    queryKey: ['meta', 'filters'],
    queryFn: ({ signal }) => getFiltersMeta(signal),
    staleTime: 10 * 60_000,
  });
}

export function useFiltersMeta() {
  return useQuery(filtersMetaQueryOptions());
}
