import { importContextSchema } from '@portrait/shared/imports';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { IMPORTS_QUERY_KEY } from './get-import-jobs';

export function getImportContext(signal?: AbortSignal) {
  return apiGet('/admin/imports/context', importContextSchema, { signal });
}

export function importContextQueryOptions() {
  return queryOptions({
    queryKey: [...IMPORTS_QUERY_KEY, 'context'],
    queryFn: ({ signal }) => getImportContext(signal),
  });
}

export function useImportContext() {
  return useQuery(importContextQueryOptions());
}
