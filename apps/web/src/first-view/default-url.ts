import { FIRST_VIEW_ID } from './first-view-ids';

/**
 * Puts the dashboard's default filters into the address bar before the router starts, when the BFF's first view
 * says what they are (its `data-search`, written only for a bare `/`). The dashboard writes the URL it shows itself
 * (features/filters/hooks/use-filters.ts), but there that is a router navigation that renders the page again; done
 * here it is one `replaceState` before anything renders, and the router starts on the URL the page keeps.
 */
export function writeFirstViewUrl(): void {
  const search = document.getElementById(FIRST_VIEW_ID)?.dataset.search;
  if (!search || window.location.pathname !== '/' || window.location.search !== '') return;
  window.history.replaceState(window.history.state, '', `/?${search}${window.location.hash}`);
}
