import { hourlySchema, type HourRow } from '@portrait/shared/portrait';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getHourly(scope: Scope, signal?: AbortSignal): Promise<HourRow[]> {
  return apiGet('/portrait/hourly', hourlySchema, { params: scopeToSearchParams(scope), signal });
}

export function hourlyQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: ['portrait', 'hourly', scope],
    queryFn: ({ signal }) => getHourly(scope, signal),
    // Keep the previous scope's figures on screen while the new ones load: no flash on filter changes.
    placeholderData: keepPreviousData,
  });
}

export function useHourly(scope: Scope) {
  return useQuery(hourlyQueryOptions(scope));
}
