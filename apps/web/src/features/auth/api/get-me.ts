import { meSchema, type Me } from '@portrait/shared/auth';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { isUnauthorized, SESSION_QUERY_KEY } from '../../../lib/query-client';

/** The signed-in user and their CSRF token, or null when nobody is signed in. */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    // A BFF may answer 401 or `data: null` for "nobody signed in"; both read as signed out.
    return await apiGet('/auth/me', meSchema.nullable(), { signal });
  } catch (error) {
    if (isUnauthorized(error)) return null;
    throw error;
  }
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: SESSION_QUERY_KEY,
    queryFn: ({ signal }) => getMe(signal),
    // The session changes only through sign-in / sign-out (which write this entry) or a 401 elsewhere.
    staleTime: Infinity,
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}
