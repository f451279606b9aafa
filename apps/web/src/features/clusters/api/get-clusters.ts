import { clustersSchema, type Clusters } from '@portrait/shared/models';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

const POLL_MS = 5000;

export function getClusters(scope: Scope, signal?: AbortSignal): Promise<Clusters> {
  return apiGet('/portrait/clusters', clustersSchema, { params: scopeToSearchParams(scope), signal });
}

export function clustersQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: ['portrait', 'clusters', scope],
    queryFn: ({ signal }) => getClusters(scope, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data && (data.status === 'fitting' || (data.status === 'ready' && !data.model.current))
        ? POLL_MS
        : false;
    },
  });
}

export function useClusters(scope: Scope, enabled = true) {
  return useQuery({ ...clustersQueryOptions(scope), enabled });
}
