import { customerSearchPageSchema, type CustomerSearchPage } from '@portrait/shared/customer-search';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { searchState } from '../utils/search-state';

export const SEARCH_PAGE_SIZE = 20;

export function searchCustomers(
  query: string,
  page: number,
  signal?: AbortSignal,
): Promise<CustomerSearchPage> {
  const params = new URLSearchParams({ query, page: String(page), limit: String(SEARCH_PAGE_SIZE) });
  return apiGet('/customer360/search', customerSearchPageSchema, { params, signal });
}

export function customerSearchQueryOptions(query: string) {
  return infiniteQueryOptions({
    queryKey: ['customer360', 'search', { query }],
    queryFn: ({ pageParam, signal }) => searchCustomers(query, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.limit < last.total ? last.page + 1 : undefined),
    enabled: searchState(query).kind === 'ready',
    // Keep the last results on screen while the next keystroke's arrive.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useCustomerSearch(query: string) {
  return useInfiniteQuery(customerSearchQueryOptions(query));
}
