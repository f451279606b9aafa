import { importJobSchema, type ImportJob } from '@portrait/shared/imports';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { IMPORTS_QUERY_KEY } from './get-import-jobs';

export const isActive = (job: ImportJob | undefined) => job?.status === 'queued' || job?.status === 'running';

export function getImportJob(id: number, signal?: AbortSignal): Promise<ImportJob> {
  return apiGet(`/admin/imports/${id}`, importJobSchema, { signal });
}

export function importJobQueryOptions(id: number) {
  return queryOptions({
    queryKey: [...IMPORTS_QUERY_KEY, 'job', id],
    queryFn: ({ signal }) => getImportJob(id, signal),
    staleTime: 0,
    // Progress: poll while the job is queued or running.
    refetchInterval: (query) => (isActive(query.state.data) ? 1000 : false),
  });
}

export function useImportJob(id: number | null) {
  return useQuery({ ...importJobQueryOptions(id ?? 0), enabled: id !== null });
}
