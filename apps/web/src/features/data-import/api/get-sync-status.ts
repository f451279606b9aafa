import { syncStatusSchema, type SyncStatus } from '@portrait/shared/imports';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { IMPORTS_QUERY_KEY } from './get-import-jobs';

export function getSyncStatus(signal?: AbortSignal): Promise<SyncStatus> {
  return apiGet('/admin/sync', syncStatusSchema, { signal });
}

export function syncStatusQueryOptions() {
  return queryOptions({
    queryKey: [...IMPORTS_QUERY_KEY, 'sync'],
    queryFn: ({ signal }) => getSyncStatus(signal),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.busy ? 2000 : false),
  });
}

export function useSyncStatus() {
  return useQuery(syncStatusQueryOptions());
}
