import { expect, test, type Page } from '@playwright/test';
import { revealPanel } from './support/panels';

/** Waits until a panel has left its loading state without an error. */
async function settled(page: Page, panel: string) {
  await expect(await revealPanel(page, panel)).toHaveAttribute('data-state', /^(ready|empty)$/);
}

async function kpiText(page: Page, key: string) {
  return (await page.getByTestId(`kpi-${key}`).getByTestId('kpi-value').innerText()).trim();
}

/** Coloured pixels of a chart's canvas inside `box` (fractions of its size; default the whole canvas). */
async function inkIn(page: Page, testId: string, box = { x: 0, y: 0, w: 1, h: 1 }): Promise<number> {
  return page.getByTestId(testId).evaluate((root, b) => {
    const canvas = root.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return 0;
    const x = Math.floor(canvas.width * b.x);
    const y = Math.floor(canvas.height * b.y);
    const { data } = ctx.getImageData(
      x,
      y,
      Math.max(1, Math.floor(canvas.width * b.w)),
      Math.max(1, Math.floor(canvas.height * b.h)),
    );
    let ink = 0;
    for (let i = 0; i < data.length; i += 16) {
      const [r, g, bl, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 0 && (Math.abs(r - g) > 20 || Math.abs(g - bl) > 20)) ink++;
    }
    return ink;
  }, box);
}

/** Where (in CSS px, relative to the chart) the canvas shows the colour closest to `rgb`. */
async function findColour(page: Page, testId: string, rgb: [number, number, number]) {
  return page.getByTestId(testId).evaluate((root, target) => {
    const canvas = root.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return null;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let best = { d: Infinity, i: -1 };
    for (let i = 0; i < data.length; i += 4) {
      const d =
        Math.abs(data[i]! - target[0]) +
        Math.abs(data[i + 1]! - target[1]) +
        Math.abs(data[i + 2]! - target[2]);
      if (d < best.d) best = { d, i };
    }
    const pixel = best.i / 4;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    return {
      x: (pixel % canvas.width) / scale,
      y: Math.floor(pixel / canvas.width) / scale,
      distance: best.d,
    };
  }, rgb);
}

/** Shows a panel below the sticky filter bar. */
async function showPanel(page: Page, panel: string) {
  await page.getByTestId(`panel-${panel}`).evaluate((el) => {
    el.scrollIntoView();
    window.scrollBy(0, -96);
  });
}

test.describe('Geographic heatmap', () => {
  test('When the dashboard opens, Then the map of China shows shaded provinces and the ranked table', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/');
    await settled(page, 'geo');
    await expect.poll(() => inkIn(page, 'chart-geo'), { message: 'the map is blank' }).toBeGreaterThan(200);
    await expect(page.getByTestId('geo-table').getByTestId('geo-row-province').first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  for (const width of [390, 1440]) {
    test(`When seen at ${width} px, Then map and table fit and a screenshot is taken`, async ({ page }) => {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      await page.goto('/');
      const panel = page.getByTestId('panel-geo');
      await settled(page, 'geo');
      await showPanel(page, 'geo');
      await expect.poll(() => inkIn(page, 'chart-geo')).toBeGreaterThan(200);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await page.waitForTimeout(600);
      await panel.screenshot({ path: `screenshots/geo-${width}.png` });
    });
  }

  test('When the page is in English, Then the cities read in English in the filter bar, the table and the map', async ({
    page,
  }) => {
    await page.addInitScript(() => localStorage.setItem('portrait.lang', 'en-US'));
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    await page.getByTestId('city-select').click();
    const options = page.locator('.ant-select-item-option');
    await expect(options.first()).toBeVisible();
    const names = await options.allInnerTexts();
    expect(names).toContain('Shanghai');
    // Every city reads in English, the demo's and any a chain imported (another spec may have added 测试一市).
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z' ]+$/);
    // Searching by the English name finds the city; the scope keeps the data's name (上海).
    await page.keyboard.type('Shangh');
    await options.filter({ hasText: /^Shanghai$/ }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('city-select')).toContainText('Shanghai');
    await expect(page).toHaveURL(/city=%E4%B8%8A%E6%B5%B7/);
    // The store picker groups the city's stores under its English name.
    await page.getByTestId('store-select').click();
    await expect(page.locator('.ant-select-item-group').first()).toContainText('Shanghai');
    await page.keyboard.press('Escape');
    // The whole chain: the ranked table (provinces and their cities) holds no Chinese name.
    await page.goto('/');
    await settled(page, 'geo');
    await showPanel(page, 'geo');
    const table = page.getByTestId('geo-table');
    await expect(table.getByTestId('geo-row-province').first()).toBeVisible();
    await table
      .locator('button.ant-table-row-expand-icon-collapsed')
      .evaluateAll((icons) => icons.forEach((i) => (i as HTMLElement).click()));
    expect(await table.innerText()).not.toMatch(/\p{Script=Han}/u);
    await expect.poll(() => inkIn(page, 'chart-geo')).toBeGreaterThan(200);
    await page.waitForTimeout(600);
    await page.getByTestId('panel-geo').screenshot({ path: 'screenshots/geo-en-1440.png' });
  });

  test('When the province with the highest LTV is clicked on the map, Then the scope narrows to its cities and the numbers change', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    await settled(page, 'kpis');
    await settled(page, 'geo');
    const before = await kpiText(page, 'orders');
    await showPanel(page, 'geo');
    await expect.poll(() => inkIn(page, 'chart-geo')).toBeGreaterThan(200);
    // The deepest shade (#002c8c) is the province with the highest LTV, first in the ranked table.
    const top = page.getByTestId('geo-table').getByTestId('geo-row-province').first();
    const province = (await top.innerText()).trim();
    const spot = await findColour(page, 'chart-geo', [0x00, 0x2c, 0x8c]);
    expect(spot?.distance ?? Infinity).toBeLessThan(30);
    await page.getByTestId('chart-geo').click({ position: { x: spot?.x ?? 0, y: spot?.y ?? 0 } });
    await expect(page).toHaveURL(/city=/);
    await expect.poll(() => kpiText(page, 'orders')).not.toBe(before);
    await settled(page, 'geo');
    await expect(page.getByTestId('geo-table').getByTestId('geo-row-province')).toHaveText([province]);
    await page.waitForTimeout(800);
    await page.getByTestId('panel-geo').screenshot({ path: 'screenshots/geo-narrowed-1440.png' });

    // Back to the whole country, then a city from the table.
    await page.getByTestId('geo-whole-country').click();
    await expect(page).not.toHaveURL(/city=/);
    await expect.poll(() => kpiText(page, 'orders')).toBe(before);
  });

  test('When an area is chosen in the ranked table, Then the URL names its cities and a reload shows the same view', async ({
    page,
  }) => {
    await page.goto('/');
    await settled(page, 'geo');
    await settled(page, 'kpis');
    const whole = await kpiText(page, 'orders');
    const row = page.getByTestId('geo-table').getByTestId('geo-row-province').last();
    const name = (await row.innerText()).trim();
    await row.click();
    await expect(page).toHaveURL(/city=/);
    // The panels may still show the whole chain for a moment before the narrowed request starts.
    await expect.poll(() => kpiText(page, 'orders')).not.toBe(whole);
    await settled(page, 'geo');
    await settled(page, 'kpis');
    const narrowed = await kpiText(page, 'orders');
    await page.reload();
    await settled(page, 'kpis');
    await settled(page, 'geo');
    expect(await kpiText(page, 'orders')).toBe(narrowed);
    await expect(page.getByTestId('geo-table').getByTestId('geo-row-province')).toHaveText([name]);
  });
});

test.describe('Geographic heatmap for a store manager', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('When a store manager opens the dashboard, Then the map and the paths show only their stores', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByTestId('login-username').fill('manager');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await settled(page, 'geo');
    await settled(page, 'paths');
    const meta = await page.request.get('/api/v1/meta/filters');
    const body = (await meta.json()) as { data: { cities: { name: string }[] } };
    const table = page.getByTestId('geo-table');
    await expect(table.getByTestId('geo-row-province')).toHaveCount(1);
    await expect(table.getByTestId('geo-row-city')).toHaveCount(0);
    // Their one city is the whole of what the map shows.
    const geo = await page.request.get(`/api/v1/portrait/geo?${new URL(page.url()).searchParams.toString()}`);
    const areas = (await geo.json()) as { data: { cities: { city: string }[] } };
    expect(areas.data.cities.map((c) => c.city)).toEqual(body.data.cities.map((c) => c.name));
    await expect.poll(() => inkIn(page, 'chart-geo')).toBeGreaterThan(200);
  });
});
