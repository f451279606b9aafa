import { expect, test, type Page } from '@playwright/test';
import { revealAllPanels, revealPanel } from './support/panels';

const PANELS = ['kpis', 'segments', 'hourly', 'top-products', 'channels'];

/** Waits until every panel has left its loading state and none shows an error. */
async function panelsSettled(page: Page) {
  for (const panel of PANELS) {
    const frame = await revealPanel(page, panel);
    await expect(frame).toHaveAttribute('data-state', /^(ready|empty)$/);
  }
}

/** Waits until the KPI cards show the current scope's figures (not loading, not a previous scope's). */
async function kpisSettled(page: Page) {
  await expect(page.getByTestId('panel-kpis')).toHaveAttribute('data-state', /^(ready|empty)$/);
}

async function kpiText(page: Page, key: string) {
  return (await page.getByTestId(`kpi-${key}`).getByTestId('kpi-value').innerText()).trim();
}

/** A chart is blank when its canvas has no coloured pixels; this reads them back from the page. */
async function chartHasInk(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((root) => {
    const canvas = root.querySelector('canvas');
    if (!canvas) return false;
    const ctx = canvas.getContext('2d');
    if (!ctx) return false;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 16) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 0 && (Math.abs(r - g) > 20 || Math.abs(g - b) > 20)) ink++;
    }
    return ink > 50;
  });
}

test.describe('Dashboard', () => {
  test('When the dashboard opens, Then every panel shows data and no chart is blank', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/');
    await panelsSettled(page);
    expect(await kpiText(page, 'orders')).toMatch(/\d/);
    for (const chart of ['chart-segments', 'chart-hourly', 'chart-top-products', 'chart-channels']) {
      await expect.poll(() => chartHasInk(page, chart), { message: `${chart} is blank` }).toBe(true);
    }
    expect(errors).toEqual([]);
  });

  // Only the KPI cards are waited for. Waiting for five panels meant scrolling to them, which mounted the panels
  // below (suggestions, top products, channels, churn, map): each filter change then refetched and redrew all of
  // them (~40 requests, suggestions generated per new scope) while the test only compares KPIs, and on a loaded
  // machine every browser action queued behind that drawing (over 60 s). The panels' own specs cover their scopes.
  test('When a filter changes, Then the numbers and the URL change, and the URL restores the view', async ({
    page,
  }) => {
    await page.goto('/');
    await kpisSettled(page);
    const before = await kpiText(page, 'orders');
    await page.getByTestId('preset-last7').click();
    await expect(page).toHaveURL(/preset=last7/);
    await expect.poll(() => kpiText(page, 'orders')).not.toBe(before);
    await kpisSettled(page);
    const lastWeek = await kpiText(page, 'orders');

    // Narrow to one city through the city select; pick again if a click lands while the page still moves.
    let cityName = '';
    await expect(async () => {
      if (!(await page.locator('.ant-select-dropdown:visible').count()))
        await page.getByTestId('city-select').click();
      const firstCity = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      cityName = (await firstCity.innerText()).trim();
      await firstCity.click();
      await expect(page).toHaveURL(new RegExp(`city=${encodeURIComponent(cityName)}`), { timeout: 3000 });
    }).toPass({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    // One city of several sold less than all of them: the numbers follow the city too.
    await expect.poll(() => kpiText(page, 'orders')).not.toBe(lastWeek);
    await kpisSettled(page);
    const narrowed = await kpiText(page, 'orders');
    const url = page.url();

    const again = await page.context().newPage();
    await again.goto(url);
    await kpisSettled(again);
    expect(await kpiText(again, 'orders')).toBe(narrowed);
    await expect(again.getByTestId('preset-last7')).toHaveAttribute('data-active', 'true');
    await expect(again.getByTestId('city-select')).toContainText(cityName);
    await again.close();
  });

  test('When the dashboard opens, Then the filters and the KPIs come from requests started with the page, each made once', async ({
    page,
  }) => {
    const asked: string[] = [];
    const warnings: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/v1/')) asked.push(url.pathname + url.search);
    });
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto('/');
    await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText(/\d/);
    const preloaded = await page.evaluate(() =>
      Array.from(document.querySelectorAll('link[rel=preload]')).map(
        (l) => new URL((l as HTMLLinkElement).href).pathname,
      ),
    );
    expect(preloaded).toEqual(['/api/v1/auth/me', '/api/v1/meta/filters', '/api/v1/portrait/kpis']);
    for (const path of preloaded) expect(asked.filter((u) => u.split('?')[0] === path)).toHaveLength(1);
    // One resource entry per URL, started by the <link>: the app's own fetch took the preloaded answer.
    const initiators = await page.evaluate((paths) => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return paths.map((p) =>
        entries.filter((e) => new URL(e.name).pathname === p).map((e) => e.initiatorType),
      );
    }, preloaded);
    expect(initiators).toEqual([['link'], ['link'], ['link']]);
    // Chrome warns when a preload was not used (a URL the app builds differently): none.
    expect(warnings.filter((w) => w.includes('preload'))).toEqual([]);
  });

  test('When the dashboard opens, Then the first view in the HTML shows the KPIs and the React page replaces it in place, without a flash', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    // The figures the BFF put in the HTML (Chinese copy: the app's default language).
    const html = await (await page.request.get('/')).text();
    const zh = html.slice(html.indexOf('<div class="first-view" lang="zh-CN">'));
    const served = [...zh.matchAll(/<div class="kpi-value">([^<]*)<\/div>/g)].slice(0, 8).map((m) => m[1]);
    expect(served).toHaveLength(8);

    // Every frame from the first paint on: how many KPI figures are on screen, and whose; and the layout shifts.
    await page.addInitScript(() => {
      const w = window as unknown as { frames_: string[]; shift_: number };
      w.frames_ = [];
      w.shift_ = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!e.hadRecentInput) w.shift_ += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      const frame = () => {
        const root = document.getElementById('root');
        const first = document.getElementById('first-view');
        const figures = (scope: Element | null, selector: string) =>
          scope
            ? Array.from(scope.querySelectorAll(selector)).filter(
                (el) => (el as HTMLElement).offsetParent !== null,
              ).length
            : 0;
        if (root || first) {
          const fromFirst = figures(first, '.kpi-value');
          const fromApp = root && !root.hidden ? figures(root, '[data-testid=kpi-value]') : 0;
          w.frames_.push(`${fromFirst}/${fromApp}`);
        }
        if (w.frames_.length < 2000) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.goto('/');
    await expect(page.locator('#root')).not.toHaveAttribute('hidden');
    await expect(page.locator('#first-view')).toHaveCount(0);
    const shown = await page.getByTestId('kpi-value').allInnerTexts();
    expect(shown.map((t) => t.trim())).toEqual(served);

    const { frames, shift } = await page.evaluate(() => {
      const w = window as unknown as { frames_: string[]; shift_: number };
      return { frames: w.frames_, shift: w.shift_ };
    });
    // From the first view's paint: its 8 figures until the frame with the app's 8; never none, never both.
    const painted = frames.slice(frames.indexOf('8/0'));
    expect(frames.indexOf('8/0')).toBeGreaterThanOrEqual(0);
    expect(new Set(painted)).toEqual(new Set(['8/0', '0/8']));
    expect(painted.lastIndexOf('8/0')).toBeLessThan(painted.indexOf('0/8'));
    expect(shift).toBeLessThan(0.01);
  });

  test('When a custom range is typed into the date picker, Then the URL and the numbers follow, and a KPI tooltip tells the previous period', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toBeVisible();
    // The picker is only built when reached for: until then a stand-in shows the same dates.
    const standIn = page.getByTestId('date-standin-from');
    const [, to] = (await standIn.innerText()).split(' → ').map((d) => d.trim());
    expect(to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const ordersBefore = await kpiText(page, 'orders');

    await standIn.click();
    const inputs = page.locator('.range-picker input');
    await expect(inputs.first()).toBeFocused();
    await inputs.first().fill(from);
    await inputs.first().press('Enter');
    await inputs.last().fill(to!);
    await inputs.last().press('Enter');
    await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
    await expect(page.getByTestId('preset-last7')).toHaveAttribute('data-active', 'true');
    await expect.poll(() => kpiText(page, 'orders')).not.toBe(ordersBefore);

    // The change's tooltip (built on first hover) names the previous seven days.
    const previousTo = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('kpi-orders').getByTestId('kpi-change').hover();
    await expect(page.locator('.kpi-change-tip')).toBeVisible();
    const [y, m, d] = previousTo.split('-').map(Number);
    await expect(page.locator('.kpi-change-tip')).toContainText(`${y}年${m}月${d}日`);
  });

  test('When the pickers’ code is slow to arrive, Then a click on the stand-in still opens the picker, focused', async ({
    page,
  }) => {
    // Hovering mounts the pickers; their chunk is held back until the click has landed on the loading stand-in (it
    // was lost there, and CI once saw the picker mount closed and unfocused). Released by the click, not after a
    // fixed delay: on a loaded host a 1.5 s hold could end before the click, which then found the stand-in gone.
    let release = () => {};
    const clicked = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/date-range-field-[^/]+\.js$/, async (route) => {
      await clicked;
      await route.continue();
    });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toBeVisible();
    const standIn = page.getByTestId('date-standin-from');
    await standIn.hover();
    await standIn.click();
    release();
    await expect(page.locator('.range-picker input').first()).toBeFocused();
    await expect(page.locator('.ant-picker-dropdown')).toBeVisible();
  });

  test('When the language is switched, Then the interface reads in English and back', async ({ page }) => {
    await page.goto('/');
    await panelsSettled(page);
    await expect(page.getByTestId('kpi-orders')).toContainText('订单');
    await page.getByTestId('lang-switch').click();
    const english = page
      .getByRole('menuitem', { name: /English/ })
      .or(page.getByText('English', { exact: true }));
    if (
      await english
        .first()
        .isVisible()
        .catch(() => false)
    )
      await english.first().click();
    await expect(page.getByTestId('kpi-orders')).toContainText(/Orders/i);
  });

  for (const width of [390, 1440]) {
    test(`When seen at ${width} px, Then the page fits and a screenshot is taken`, async ({ page }) => {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      await page.goto('/');
      await revealAllPanels(page);
      await panelsSettled(page);
      for (const chart of ['chart-segments', 'chart-hourly', 'chart-top-products', 'chart-channels']) {
        await expect.poll(() => chartHasInk(page, chart)).toBe(true);
      }
      // The panels below the charts too, so the screenshot shows the whole page loaded.
      for (const panel of ['churn', 'value', 'suggestions', 'geo', 'paths']) {
        await expect(page.getByTestId(`panel-${panel}`)).toHaveAttribute('data-state', /^(ready|empty)$/);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      // Nothing wider than the viewport: no horizontal scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await page.screenshot({ path: `screenshots/dashboard-${width}.png`, fullPage: true });
    });
  }
});
