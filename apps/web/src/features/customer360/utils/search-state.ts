import { classifySearch, MIN_PHONE_DIGITS, type SearchMatch } from '@portrait/shared/customer-search';

/** Whether a typed query is worth sending: blank, a phone fragment too short to narrow anything, or ready. */
export type SearchState =
  | { kind: 'empty' }
  | { kind: 'too_short'; minDigits: number }
  | { kind: 'ready'; query: string; match: SearchMatch };

export function searchState(typed: string): SearchState {
  const query = typed.trim();
  if (query.length === 0) return { kind: 'empty' };
  const { match, term } = classifySearch(query);
  if (match === 'phone' && term.length < MIN_PHONE_DIGITS)
    return { kind: 'too_short', minDigits: MIN_PHONE_DIGITS };
  return { kind: 'ready', query, match };
}
