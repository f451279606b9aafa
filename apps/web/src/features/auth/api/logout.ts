import { z } from 'zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';

const signedOutSchema = z.object({ signedOut: z.literal(true) });

export function logout(csrfToken: string): Promise<z.infer<typeof signedOutSchema>> {
  return apiPost('/auth/logout', signedOutSchema, { csrfToken });
}

/** Signs out and forgets every cached figure, whether or not the server could be reached. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Write the session first: the mounted observers keep following this entry (clear() would orphan them).
      queryClient.setQueryData(SESSION_QUERY_KEY, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
    },
  });
}
