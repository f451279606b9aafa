import { adminUserSchema, type AdminUser, type CreateUserRequest } from '@portrait/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api-client';
import { ADMIN_USERS_QUERY_KEY } from './get-users';

export type CreateUserInput = { csrfToken: string; body: CreateUserRequest };

export function createUser({ csrfToken, body }: CreateUserInput): Promise<AdminUser> {
  return apiPost('/admin/users', adminUserSchema, { body, csrfToken });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ADMIN_USERS_QUERY_KEY }),
  });
}
