import { rejectedPageSchema, type RejectedPage } from '@portrait/shared/imports';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { API_BASE, apiGet } from '../../../lib/api-client';
import { IMPORTS_QUERY_KEY } from './get-import-jobs';

export function getImportRejects(
  id: number,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<RejectedPage> {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  return apiGet(`/admin/imports/${id}/rejects`, rejectedPageSchema, { params, signal });
}

export function importRejectsQueryOptions(id: number, page: number, pageSize: number) {
  return queryOptions({
    queryKey: [...IMPORTS_QUERY_KEY, 'rejects', id, { page, pageSize }],
    queryFn: ({ signal }) => getImportRejects(id, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
}

export function useImportRejects(id: number, page: number, pageSize: number, enabled: boolean) {
  return useQuery({ ...importRejectsQueryOptions(id, page, pageSize), enabled });
}

/** The download link (a plain GET: the browser saves the CSV; the server audits it). */
export const rejectsCsvUrl = (id: number) => `${API_BASE}/admin/imports/${id}/rejects.csv`;
