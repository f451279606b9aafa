/**
 * How the tools start Debian's chromium (Playwright cannot download browsers here): the e2e suite
 * (`e2e/playwright.config.ts`) and the web bench's Lighthouse runs (`apps/web/bench/lighthouse-run.mjs`).
 * Headless mode is each launcher's own business: Playwright adds it, chrome-launcher is given `--headless`.
 */

/** The browser binary; `CHROMIUM_PATH` overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (containers), no GPU, and none of the background traffic a fresh profile would start. */
export const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);
