import { dataQualitySchema, type DataQuality } from '@portrait/shared/imports';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getDataQuality(signal?: AbortSignal): Promise<DataQuality> {
  // Computing the report over a large chain takes a while the first time after a change.
  return apiGet('/data-quality', dataQualitySchema, { signal, timeoutMs: 60_000 });
}

export function dataQualityQueryOptions() {
  return queryOptions({
    queryKey: ['quality', 'report'],
    queryFn: ({ signal }) => getDataQuality(signal),
  });
}

export function useDataQuality() {
  return useQuery(dataQualityQueryOptions());
}
