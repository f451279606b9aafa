import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { suggestionsResponseSchema, type SuggestionsResponse } from '@portrait/shared/suggestions';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** While a language-model rewrite runs in the BFF, ask again this often for the rewritten text. */
export const REWRITE_POLL_MS = 3_000;
/** While the churn model fits, ask again this often: its new run regenerates the win-back cards. */
export const MODEL_POLL_MS = 5_000;

export function getSuggestions(scope: Scope, signal?: AbortSignal): Promise<SuggestionsResponse> {
  return apiGet('/portrait/suggestions', suggestionsResponseSchema, {
    params: scopeToSearchParams(scope),
    signal,
  });
}

export function suggestionsQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: ['suggestions', 'list', scope],
    queryFn: ({ signal }) => getSuggestions(scope, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.rewriting ? REWRITE_POLL_MS : data?.modelRefitting ? MODEL_POLL_MS : false;
    },
  });
}

/**
 * `enabled` lets the dashboard hold the request until its panels have loaded: generating a scope's suggestions
 * is the heaviest query, and on PGlite queries run one at a time.
 */
export function useSuggestions(scope: Scope, enabled: boolean) {
  return useQuery({ ...suggestionsQueryOptions(scope), enabled });
}
