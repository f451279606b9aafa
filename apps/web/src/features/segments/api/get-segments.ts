import { segmentsSchema, type SegmentRow } from '@portrait/shared/portrait';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getSegments(scope: Scope, signal?: AbortSignal): Promise<SegmentRow[]> {
  return apiGet('/portrait/segments', segmentsSchema, { params: scopeToSearchParams(scope), signal });
}

export function segmentsQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: ['portrait', 'segments', scope],
    queryFn: ({ signal }) => getSegments(scope, signal),
    // Keep the previous scope's figures on screen while the new ones load: no flash on filter changes.
    placeholderData: keepPreviousData,
  });
}

export function useSegments(scope: Scope) {
  return useQuery(segmentsQueryOptions(scope));
}
