import { useLayoutEffect } from 'react';

import { FIRST_VIEW_ID } from './first-view-ids';

/**
 * Replaces the BFF's static first view (see first-view-html.ts) with the React page: removes it and shows the root,
 * in one step so the next frame has the one page or the other, never both or neither. A no-op without a first view.
 */
export function handOffFirstView(): void {
  const firstView = document.getElementById(FIRST_VIEW_ID);
  if (!firstView) return;
  firstView.remove();
  document.getElementById('root')?.removeAttribute('hidden');
}

/** Hands off before the browser paints the commit in which `ready` became true. */
export function useFirstViewHandOff(ready: boolean): void {
  useLayoutEffect(() => {
    if (ready) handOffFirstView();
  }, [ready]);
}
