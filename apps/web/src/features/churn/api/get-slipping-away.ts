import { slippingAwaySchema, type SlippingAway } from '@portrait/shared/models';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { MODEL_POLL_MS } from './get-churn';

export type SlippingPage = { page: number; pageSize: number };

export function getSlippingAway(
  scope: Scope,
  paging: SlippingPage,
  signal?: AbortSignal,
): Promise<SlippingAway> {
  const params = scopeToSearchParams(scope);
  params.set('page', String(paging.page));
  params.set('pageSize', String(paging.pageSize));
  return apiGet('/portrait/churn/customers', slippingAwaySchema, { params, signal });
}

export function slippingAwayQueryOptions(scope: Scope, paging: SlippingPage) {
  return queryOptions({
    queryKey: ['portrait', 'churn-customers', { scope, ...paging }],
    queryFn: ({ signal }) => getSlippingAway(scope, paging, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.status === 'fitting' ? MODEL_POLL_MS : false),
  });
}

export function useSlippingAway(scope: Scope, paging: SlippingPage) {
  return useQuery(slippingAwayQueryOptions(scope, paging));
}
