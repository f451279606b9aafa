import { channelsSchema, type Channels } from '@portrait/shared/portrait';
import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getChannels(scope: Scope, signal?: AbortSignal): Promise<Channels> {
  return apiGet('/portrait/channels', channelsSchema, { params: scopeToSearchParams(scope), signal });
}

export function channelsQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: ['portrait', 'channels', scope],
    queryFn: ({ signal }) => getChannels(scope, signal),
    // Keep the previous scope's figures on screen while the new ones load: no flash on filter changes.
    placeholderData: keepPreviousData,
  });
}

export function useChannels(scope: Scope) {
  return useQuery(channelsQueryOptions(scope));
}
