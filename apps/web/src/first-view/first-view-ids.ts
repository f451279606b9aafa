/** The element the BFF's static first view is (first-view-html.ts writes it, hand-off.ts removes it). */
export const FIRST_VIEW_ID = 'first-view';
