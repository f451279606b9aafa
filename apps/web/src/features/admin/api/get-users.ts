import { adminUserSchema, type AdminUser } from '@portrait/shared/auth';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet } from '../../../lib/api-client';

export const ADMIN_USERS_QUERY_KEY = ['admin', 'users'] as const;

export function getUsers(signal?: AbortSignal): Promise<AdminUser[]> {
  return apiGet('/admin/users', z.array(adminUserSchema), { signal });
}

export function usersQueryOptions() {
  return queryOptions({
    queryKey: ADMIN_USERS_QUERY_KEY,
    queryFn: ({ signal }) => getUsers(signal),
  });
}

export function useUsers() {
  return useQuery(usersQueryOptions());
}
