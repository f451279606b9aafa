import { customerProfileSchema, type CustomerProfile } from '@portrait/shared/customer360';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** While the models fit (first fit, or a refit after a data change), ask again this often (ms)… */
export const OUTLOOK_POLL_MS = 10_000;
/** …at most this many times: a fit that failed is not retried until the data changes again. */
const OUTLOOK_MAX_POLLS = 30;

/** Which customer, measured in which store (null = every store the viewer may see). */
export type CustomerRef = { customerId: string; storeId: string | null };

export function customerParams(ref: CustomerRef): URLSearchParams {
  const params = new URLSearchParams({ customer_identifier: ref.customerId, identifier_type: 'customer_id' });
  if (ref.storeId) params.set('store_id', ref.storeId);
  return params;
}

export function getCustomerProfile(ref: CustomerRef, signal?: AbortSignal): Promise<CustomerProfile> {
  return apiGet('/customer360/profile', customerProfileSchema, { params: customerParams(ref), signal });
}

export function customerProfileQueryOptions(ref: CustomerRef) {
  return queryOptions({
    queryKey: ['customer360', 'profile', ref],
    queryFn: ({ signal }) => getCustomerProfile(ref, signal),
    refetchInterval: (query) => {
      const p = query.state.data?.predictions;
      const fitting =
        p !== undefined && (p.status === 'fitting' || (p.status !== 'failed' && p.model.refitting));
      return fitting && query.state.dataUpdateCount <= OUTLOOK_MAX_POLLS ? OUTLOOK_POLL_MS : false;
    },
  });
}

export function useCustomerProfile(ref: CustomerRef) {
  return useQuery(customerProfileQueryOptions(ref));
}
