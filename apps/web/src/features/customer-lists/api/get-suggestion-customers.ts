import { suggestionCustomersPageSchema, type SuggestionCustomersPage } from '@portrait/shared/suggestions';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export type SuggestionCustomersQuery = { id: number; page: number; pageSize: number };

export function getSuggestionCustomers(
  q: SuggestionCustomersQuery,
  signal?: AbortSignal,
): Promise<SuggestionCustomersPage> {
  const params = new URLSearchParams({ page: String(q.page), pageSize: String(q.pageSize) });
  return apiGet(`/suggestions/${q.id}/customers`, suggestionCustomersPageSchema, { params, signal });
}

export function suggestionCustomersQueryOptions(q: SuggestionCustomersQuery) {
  return queryOptions({
    queryKey: ['customer-lists', 'suggestion', q],
    queryFn: ({ signal }) => getSuggestionCustomers(q, signal),
    placeholderData: keepPreviousData,
    // Every look is audited: do not re-read behind the user's back.
    staleTime: Infinity,
  });
}

export function useSuggestionCustomers(q: SuggestionCustomersQuery) {
  return useQuery(suggestionCustomersQueryOptions(q));
}
