import { syncStartSchema, type SyncStart } from '@portrait/shared/imports';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api-client';
import { IMPORTS_QUERY_KEY } from './get-import-jobs';

export function startSync(csrfToken: string): Promise<SyncStart> {
  return apiPost('/admin/sync', syncStartSchema, { csrfToken, body: {} });
}

export function useStartSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startSync,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: IMPORTS_QUERY_KEY }),
  });
}
