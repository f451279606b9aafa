import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { revealPanel } from './support/panels';

const SHOTS = path.resolve(import.meta.dirname, '..', 'test-results', 'churn');

/** A chart is blank when its canvas has no coloured pixels. */
async function chartHasInk(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((root) => {
    const canvas = root.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return false;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 16) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 0 && (Math.abs(r - g) > 20 || Math.abs(g - b) > 20)) ink++;
    }
    return ink > 50;
  });
}

async function signIn(page: Page, username: string) {
  await page.goto('/?preset=last90');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('panel-kpis')).toBeVisible();
}

/** The first fit runs in the background after start: the panels poll until it is there. */
async function churnReady(page: Page) {
  await revealPanel(page, 'churn');
  await expect(page.getByTestId('panel-churn')).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('panel-churn').getByTestId('model-fitting')).toHaveCount(0, {
    timeout: 90_000,
  });
  await expect.poll(() => chartHasInk(page, 'chart-churn-gauge'), { timeout: 30_000 }).toBe(true);
}

test.describe('Churn stats in both languages', () => {
  for (const lang of ['en-US', 'zh-CN'] as const) {
    for (const width of [390, 1440]) {
      test(`When the gauge is read in ${lang} at ${width} px, Then every stat label is whole, not cut`, async ({
        page,
      }) => {
        await page.addInitScript((l) => localStorage.setItem('portrait.lang', l), lang);
        await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
        await page.goto('/');
        await churnReady(page);
        const labels = page.getByTestId('panel-churn').locator('.churn-stat dt');
        await expect(labels).toHaveCount(3);
        for (const label of await labels.all()) {
          const box = await label.evaluate((el) => ({
            overflow: el.scrollWidth - el.clientWidth,
            ellipsis: getComputedStyle(el).textOverflow,
          }));
          expect(box.overflow).toBeLessThanOrEqual(0);
          expect(box.ellipsis).not.toBe('ellipsis');
        }
        // The three values stand on one line across the tiles, however the labels wrap.
        const tops = await page
          .getByTestId('panel-churn')
          .locator('.churn-stat-value')
          .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
        expect(new Set(tops).size).toBe(1);
        await page
          .getByTestId('panel-churn')
          .screenshot({ path: path.join(SHOTS, `churn-stats-${lang}-${width}.png`) });
      });
    }
  }
});

test.describe('Churn warning', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const width of [390, 1440]) {
    test(`When a store manager opens the dashboard at ${width} px, Then the gauge and the valuable customers slipping away are there, masked and linked to Customer 360`, async ({
      page,
    }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await signIn(page, 'manager');
      await churnReady(page);
      await expect(page.getByTestId('churn-high')).toContainText(/\d/);
      await expect(page.getByTestId('churn-stake')).toContainText('¥');

      const list = await revealPanel(page, 'slipping');
      await expect(list).toHaveAttribute('data-state', 'ready');
      const items = list.getByTestId('slipping-item');
      await expect(items.first()).toBeVisible();
      const first = items.first().getByRole('link');
      await expect(first).toHaveAttribute('href', /^\/customers\/C\d+$/);
      // Masked: 138****8000 and 张** (the BFF masks for all but admin).
      await expect(items.first()).toContainText(/\d{3}\*{4}\d{4}|\*/);

      // Nothing sticks out of the card on a phone.
      const overflow = await list.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // The churn row (gauge, list, value) as the manager sees it: the README's screenshots.
      const row = page
        .getByTestId('panel-churn')
        .locator('xpath=ancestor::div[contains(@class, "chart-grid")][1]');
      await row.screenshot({ path: path.join(SHOTS, `manager-churn-row-${width}.png`) });
      await list.screenshot({ path: path.join(SHOTS, `manager-slipping-${width}.png`) });
      await page
        .getByTestId('panel-churn')
        .screenshot({ path: path.join(SHOTS, `manager-gauge-${width}.png`) });
      expect(errors).toEqual([]);
    });
  }

  test('When an executive opens the dashboard, Then the gauge is shown but no customer list is asked for', async ({
    page,
  }) => {
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/churn/customers') && asked.push(r.url()));
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'executive');
    await churnReady(page);
    await expect(await revealPanel(page, 'value')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('panel-slipping')).toHaveCount(0);
    expect(asked).toEqual([]);
  });
});

test.describe('Predicted value and clusters', () => {
  for (const width of [390, 1440]) {
    test(`When the analyst switches the segment donut to clusters at ${width} px, Then the k-means segments show and the URL keeps the view`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/?preset=last90');
      await churnReady(page);
      await revealPanel(page, 'value');
      await expect.poll(() => chartHasInk(page, 'chart-value')).toBe(true);
      await page.getByTestId('panel-value').screenshot({ path: path.join(SHOTS, `value-${width}.png`) });

      const donut = await revealPanel(page, 'segments');
      await donut.getByText(/聚类分群|Clusters/).click();
      await expect(page).toHaveURL(/segmentView=clusters/);
      await expect(donut).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      await expect.poll(() => chartHasInk(page, 'chart-clusters')).toBe(true);
      await donut.screenshot({ path: path.join(SHOTS, `clusters-${width}.png`) });

      await page.reload();
      await revealPanel(page, 'segments');
      await expect(page.getByTestId('chart-clusters')).toBeVisible();
      await donut.getByText(/RFM/).first().click();
      await expect(page).toHaveURL(/segmentView=rfm/);
      await expect(page.getByTestId('chart-segments')).toBeVisible();
    });
  }
});
