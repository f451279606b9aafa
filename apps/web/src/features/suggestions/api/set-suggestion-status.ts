import {
  suggestionSchema,
  type Suggestion,
  type SuggestionsResponse,
  type SuggestionStatus,
} from '@portrait/shared/suggestions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api-client';

export type SetStatusInput = { csrfToken: string; id: number; status: SuggestionStatus };

export function setSuggestionStatus({ csrfToken, id, status }: SetStatusInput): Promise<Suggestion> {
  return apiPost(`/suggestions/${id}/status`, suggestionSchema, { body: { status }, csrfToken });
}

/** Saves a decision and puts the answer into every cached list that holds the suggestion. */
export function useSetSuggestionStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setSuggestionStatus,
    onSuccess: (updated) => {
      queryClient.setQueriesData<SuggestionsResponse>({ queryKey: ['suggestions', 'list'] }, (old) =>
        old ? { ...old, suggestions: old.suggestions.map((s) => (s.id === updated.id ? updated : s)) } : old,
      );
    },
  });
}
