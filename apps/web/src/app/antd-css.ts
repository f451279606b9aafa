/** The id of index.html's antd stylesheet `<link>` (put there by vite/antd-static-css.ts, built with the app). */
export const ANTD_CSS_LINK_ID = 'antd-css';

/**
 * Switches on antd's static stylesheet (it arrives as `media="print"` so it never holds back the first paint) and
 * resolves once it applies: at once when it has already loaded (the usual case: it downloads with the HTML, the
 * entry after the first paint), else on its load — or its error, so a missing sheet never keeps the app from
 * rendering. Without the link (unit tests) there is nothing to wait for.
 */
export function antdStylesReady(): Promise<void> {
  const link = document.getElementById(ANTD_CSS_LINK_ID);
  if (!(link instanceof HTMLLinkElement)) return Promise.resolve();
  link.media = 'all';
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
}
