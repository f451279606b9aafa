import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiPost } from '../../../lib/api-client';
import { ADMIN_USERS_QUERY_KEY } from './get-users';

export type ResetPasswordInput = { csrfToken: string; id: number; password: string };

export function resetPassword({ csrfToken, id, password }: ResetPasswordInput): Promise<unknown> {
  // The answer's shape is not part of the shared contract; only success matters here.
  return apiPost(`/admin/users/${id}/password`, z.unknown(), { body: { password }, csrfToken });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    // A reset may clear a lock-out: refresh the list.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ADMIN_USERS_QUERY_KEY }),
  });
}
