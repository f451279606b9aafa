import { meSchema, type LoginRequest, type Me } from '@portrait/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';

export function login(body: LoginRequest): Promise<Me> {
  return apiPost('/auth/login', meSchema, { body });
}

/** Signs in; everything cached for a previous user is dropped (another user may see other stores). */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, me);
    },
  });
}
