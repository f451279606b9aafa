import type { Locator, Page } from '@playwright/test';

/**
 * Dashboard panels below the KPI cards load (code, chart, request) only when they come near the screen, as for a
 * user: a spec scrolls to a panel before it waits for its data.
 */
export async function revealPanel(page: Page, name: string): Promise<Locator> {
  const panel = page.getByTestId(`panel-${name}`);
  await panel.scrollIntoViewIfNeeded();
  return panel;
}

/** Scrolls down through every panel of the page, so all of them load (full-page screenshots), then back up. */
export async function revealAllPanels(page: Page): Promise<void> {
  const panels = page.locator('[data-testid^="panel-"]');
  for (let i = 0; i < (await panels.count()); i += 1) await panels.nth(i).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
}
