import type { Locator, Page } from '@playwright/test';

/**
 * Dashboard panels below the KPI cards load (code, chart, request) only when they come near the screen, as for a
 * user: a spec scrolls to a panel before it waits for its data.
 */
export async function revealPanel(page: Page, name: string): Promise<Locator> {
  const selector = `[data-testid="panel-${name}"]`;
  // Visible, not only attached: the React page is rendered hidden behind the server's first view until the hand-off,
  // and scrolling to an element of a hidden page does nothing (the panel then never came near the screen).
  await page.locator(selector).first().waitFor({ state: 'visible' });
  // Scrolled from inside the page: the placeholder may be swapped for the panel (same test id) at any moment,
  // which a locator action would report as a detached element.
  await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'center' }), selector);
  return page.locator(selector);
}

/**
 * Scrolls to each panel that has not been mounted yet, until none is left (a panel that mounts can bring more below
 * it, so the list is read again each time), so all of them load (full-page screenshots), then back up.
 */
export async function revealAllPanels(page: Page): Promise<void> {
  // The dashboard must have rendered its panels (or their placeholders) before there is anything to scroll to.
  await page.locator('[data-testid^="panel-"]').first().waitFor({ state: 'visible' });
  await page.evaluate(async () => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    for (let round = 0; round < 40; round += 1) {
      const placeholder = document.querySelector('[data-deferred]');
      if (!placeholder) break;
      placeholder.scrollIntoView({ block: 'center' });
      // Stay until it has been mounted (its placeholder wrapper is gone), at most 5 s.
      for (let wait = 0; wait < 100 && placeholder.isConnected; wait += 1) await nextFrame();
    }
    window.scrollTo(0, 0);
  });
}
