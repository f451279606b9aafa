import { expect, test, type Page } from '@playwright/test';
import { revealPanel } from './support/panels';

async function settled(page: Page, panel: string) {
  await expect(await revealPanel(page, panel)).toHaveAttribute('data-state', /^(ready|empty)$/);
}

/** Coloured pixels of a chart's canvas. */
async function ink(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((root) => {
    const canvas = root.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 16) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 0 && (Math.abs(r - g) > 20 || Math.abs(g - b) > 20)) n++;
    }
    return n;
  });
}

/** Shows a panel below the sticky filter bar. */
async function showPanel(page: Page, panel: string) {
  await page.getByTestId(`panel-${panel}`).evaluate((el) => {
    el.scrollIntoView();
    window.scrollBy(0, -96);
  });
}

test.describe('Behaviour paths', () => {
  for (const width of [390, 1440]) {
    test(`When seen at ${width} px, Then the Sankey renders with the conversion above it`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      await page.goto('/');
      await settled(page, 'paths');
      await showPanel(page, 'paths');
      await expect
        .poll(() => ink(page, 'chart-paths'), { message: 'the Sankey is blank' })
        .toBeGreaterThan(500);
      await expect(page.getByTestId('paths-conversion')).toHaveText(/\d+(\.\d)?%/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await page.waitForTimeout(800);
      await page.getByTestId('panel-paths').screenshot({ path: `screenshots/paths-${width}.png` });
    });
  }

  test('When a step of the Sankey is clicked, Then the top complete paths through it are listed', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    await settled(page, 'paths');
    await showPanel(page, 'paths');
    await expect.poll(() => ink(page, 'chart-paths')).toBeGreaterThan(500);
    const sessions = (await page.getByTestId('paths-sessions').innerText()).trim();
    // Step 1 is one node (every session opens the app) filling the first column from top to bottom.
    const box = await page.getByTestId('chart-paths').boundingBox();
    await page.getByTestId('chart-paths').click({ position: { x: 12, y: (box?.height ?? 400) / 2 } });
    const list = page.getByTestId('top-paths');
    await expect(list).toBeVisible();
    await expect(list.getByTestId('top-path').first()).toBeVisible();
    await expect(list).toContainText(sessions);
    await page.waitForTimeout(300);
    await page.getByTestId('panel-paths').screenshot({ path: 'screenshots/paths-top-1440.png' });

    // Fewer steps: the same sessions and conversions (payment anywhere counts), and the list closes.
    const converted = (await page.getByTestId('paths-converted').innerText()).trim();
    await page.getByTestId('paths-steps').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect(page).toHaveURL(/pathSteps=3/);
    await settled(page, 'paths');
    await expect(page.getByTestId('paths-sessions')).toHaveText(sessions);
    await expect(page.getByTestId('paths-converted')).toHaveText(converted);
    await expect(list).toBeHidden();
  });

  test('When the scope has no sessions or orders, Then the map and the Sankey say so instead of drawing nothing', async ({
    page,
  }) => {
    await page.goto('/?from=2020-01-01&to=2020-01-31');
    for (const panel of ['geo', 'paths']) {
      await expect(await revealPanel(page, panel)).toHaveAttribute('data-state', 'empty');
      await expect(page.getByTestId(`panel-${panel}`)).toContainText('该范围内没有订单');
    }
  });
});
