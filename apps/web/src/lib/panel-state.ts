/** What a dashboard panel shows (also its `data-state` for tests). */
export type PanelState = 'loading' | 'empty' | 'error' | 'ready';

type QueryLike<T> = { data: T | undefined; isError: boolean };

/**
 * What to draw. Data on screen wins: while a new scope loads, the previous data stays (placeholder) and is
 * drawn; only with nothing to show does the panel draw its loading or error state.
 */
export function panelState<T>(query: QueryLike<T>, isEmpty: (data: T) => boolean): PanelState {
  if (query.data !== undefined) return isEmpty(query.data) ? 'empty' : 'ready';
  return query.isError ? 'error' : 'loading';
}
