import { timelinePageSchema, type TimelinePage } from '@portrait/shared/customer360';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { customerParams, type CustomerRef } from './get-customer-profile';

export const TIMELINE_PAGE_SIZE = 50;

export function getCustomerTimeline(
  ref: CustomerRef,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<TimelinePage> {
  const params = customerParams(ref);
  params.set('limit', String(TIMELINE_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return apiGet('/customer360/timeline', timelinePageSchema, { params, signal });
}

/**
 * Pages further back follow `next_cursor`. The first page comes with the profile, so it is passed in as the
 * initial data rather than fetched twice.
 */
export function customerTimelineQueryOptions(ref: CustomerRef, firstPage: TimelinePage) {
  return infiniteQueryOptions({
    queryKey: ['customer360', 'timeline', ref],
    queryFn: ({ pageParam, signal }) => getCustomerTimeline(ref, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    initialData: { pages: [firstPage], pageParams: [null] },
  });
}

export function useCustomerTimeline(ref: CustomerRef, firstPage: TimelinePage) {
  return useInfiniteQuery(customerTimelineQueryOptions(ref, firstPage));
}
