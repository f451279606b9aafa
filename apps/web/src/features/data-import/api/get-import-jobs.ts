import { importJobPageSchema, type ImportJobPage } from '@portrait/shared/imports';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export const IMPORTS_QUERY_KEY = ['admin', 'imports'] as const;

export function getImportJobs(page: number, pageSize: number, signal?: AbortSignal): Promise<ImportJobPage> {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  return apiGet('/admin/imports', importJobPageSchema, { params, signal });
}

export function importJobsQueryOptions(page: number, pageSize: number) {
  return queryOptions({
    queryKey: [...IMPORTS_QUERY_KEY, 'list', { page, pageSize }],
    queryFn: ({ signal }) => getImportJobs(page, pageSize, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
    // While a job runs its row moves; afterwards the list only changes on a new import.
    refetchInterval: (query) =>
      query.state.data?.jobs.some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false,
  });
}

export function useImportJobs(page: number, pageSize: number) {
  return useQuery(importJobsQueryOptions(page, pageSize));
}
