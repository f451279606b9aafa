import { adminUserSchema, type AdminUser, type UpdateUserRequest } from '@portrait/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '../../../lib/api-client';
import { ADMIN_USERS_QUERY_KEY } from './get-users';

export type UpdateUserInput = { csrfToken: string; id: number; body: UpdateUserRequest };

export function updateUser({ csrfToken, id, body }: UpdateUserInput): Promise<AdminUser> {
  return apiPut(`/admin/users/${id}`, adminUserSchema, { body, csrfToken });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ADMIN_USERS_QUERY_KEY }),
  });
}
