import { kpisSchema, type Kpis } from '@portrait/shared/kpis';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getKpis(scope: Scope, signal?: AbortSignal): Promise<Kpis> {
  return apiGet('/portrait/kpis', kpisSchema, { params: scopeToSearchParams(scope), signal });
}

export function kpisQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: ['portrait', 'kpis', scope],
    queryFn: ({ signal }) => getKpis(scope, signal),
    // Keep the previous scope's figures on screen while the new ones load: no flash on filter changes.
    placeholderData: keepPreviousData,
  });
}

export function useKpis(scope: Scope) {
  return useQuery(kpisQueryOptions(scope));
}
