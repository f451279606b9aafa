import { segmentCustomersPageSchema, type SegmentCustomersPage } from '@portrait/shared/customers';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import type { SegmentKey } from '@portrait/shared/segments';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export type SegmentCustomersQuery = { segment: SegmentKey; scope: Scope; page: number; pageSize: number };

export function getSegmentCustomers(
  q: SegmentCustomersQuery,
  signal?: AbortSignal,
): Promise<SegmentCustomersPage> {
  const params = scopeToSearchParams(q.scope);
  params.set('page', String(q.page));
  params.set('pageSize', String(q.pageSize));
  return apiGet(`/portrait/segments/${q.segment}/customers`, segmentCustomersPageSchema, { params, signal });
}

export function segmentCustomersQueryOptions(q: SegmentCustomersQuery) {
  return queryOptions({
    queryKey: ['customer-lists', 'segment', q],
    queryFn: ({ signal }) => getSegmentCustomers(q, signal),
    placeholderData: keepPreviousData,
    // Every look is audited: do not re-read behind the user's back.
    staleTime: Infinity,
  });
}

export function useSegmentCustomers(q: SegmentCustomersQuery) {
  return useQuery(segmentCustomersQueryOptions(q));
}
