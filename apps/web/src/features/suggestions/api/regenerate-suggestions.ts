import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { suggestionsResponseSchema, type SuggestionsResponse } from '@portrait/shared/suggestions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api-client';
import { suggestionsQueryOptions } from './get-suggestions';

export type RegenerateInput = { csrfToken: string; scope: Scope };

export function regenerateSuggestions({ csrfToken, scope }: RegenerateInput): Promise<SuggestionsResponse> {
  return apiPost('/portrait/suggestions', suggestionsResponseSchema, {
    params: scopeToSearchParams(scope),
    csrfToken,
  });
}

export function useRegenerateSuggestions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: regenerateSuggestions,
    onSuccess: (data, { scope }) => {
      queryClient.setQueryData(suggestionsQueryOptions(scope).queryKey, data);
    },
  });
}
