import type { Locator, Page } from '@playwright/test';

/**
 * Dashboard panels below the KPI cards load (code, chart, request) only when they come near the screen, as for a
 * user: a spec scrolls to a panel before it waits for its data.
 */
export async function revealPanel(page: Page, name: string): Promise<Locator> {
  const selector = `[data-testid="panel-${name}"]`;
  await page.locator(selector).first().waitFor({ state: 'attached' });
  // Scrolled from inside the page: the placeholder may be swapped for the panel (same test id) at any moment,
  // which a locator action would report as a detached element.
  await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'center' }), selector);
  return page.locator(selector);
}

/** Scrolls down through every panel of the page, so all of them load (full-page screenshots), then back up. */
export async function revealAllPanels(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    const count = document.querySelectorAll('[data-testid^="panel-"]').length;
    for (let i = 0; i < count; i += 1) {
      const panel = document.querySelectorAll('[data-testid^="panel-"]')[i];
      panel?.scrollIntoView({ block: 'center' });
      // Stay until a deferred panel has been mounted (its placeholder wrapper is gone), at most 5 s.
      for (let wait = 0; wait < 100 && panel?.closest('[data-deferred]')?.isConnected; wait += 1)
        await nextFrame();
      await nextFrame();
    }
    window.scrollTo(0, 0);
  });
}
