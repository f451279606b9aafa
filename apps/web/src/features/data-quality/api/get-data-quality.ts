import { dataQualitySchema, type DataQuality } from '@portrait/shared/imports';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** How often the page asks again while the current data's report is being computed. */
export const QUALITY_POLL_MS = 3000;

export function getDataQuality(signal?: AbortSignal): Promise<DataQuality> {
  // The server answers at once: the report is computed in the background ("computing" until it is stored).
  return apiGet('/data-quality', dataQualitySchema, { signal });
}

export function dataQualityQueryOptions() {
  return queryOptions({
    queryKey: ['quality', 'report'],
    queryFn: ({ signal }) => getDataQuality(signal),
    refetchInterval: (query) => (query.state.data?.state === 'computing' ? QUALITY_POLL_MS : false),
  });
}

export function useDataQuality() {
  return useQuery(dataQualityQueryOptions());
}
