import { churnSchema, type Churn } from '@portrait/shared/models';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** While the models are being fitted, ask again this often (ms) until the figures are current. */
export const MODEL_POLL_MS = 5000;

export function getChurn(scope: Scope, signal?: AbortSignal): Promise<Churn> {
  return apiGet('/portrait/churn', churnSchema, { params: scopeToSearchParams(scope), signal });
}

export function churnQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: ['portrait', 'churn', scope],
    queryFn: ({ signal }) => getChurn(scope, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data &&
        (data.status === 'fitting' ||
          (data.status === 'ready' && (data.model.refitting || !data.model.current)))
        ? MODEL_POLL_MS
        : false;
    },
  });
}

export function useChurn(scope: Scope) {
  return useQuery(churnQueryOptions(scope));
}
