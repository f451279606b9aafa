import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { revealPanel } from './support/panels';

const PRIORITY_RANK = { high: 0, medium: 1, low: 2 } as const;

async function openDashboard(page: Page) {
  await page.goto('/');
  const panel = await revealPanel(page, 'suggestions');
  await expect(panel).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(panel.getByTestId('suggestion-card').first()).toBeVisible();
  return panel;
}

/** The count in "n 人" / "n customers" of a card's target line. */
async function targetSize(card: Locator): Promise<number> {
  const text = await card.getByTestId('suggestion-target').locator('strong').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/** Reads a downloaded CSV (UTF-8 with BOM, CRLF) into rows of cells; our cells hold no commas or quotes. */
function readCsv(path: string): string[][] {
  const text = fs.readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

function expectMasked(rows: string[][]) {
  const [header, ...body] = rows;
  expect(header?.slice(0, 4)).toEqual(['客户ID', '姓名', '手机', '邮箱']);
  expect(body.length).toBeGreaterThan(0);
  for (const [, name, phone, email] of body) {
    if (phone) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    if (name) expect(name).toMatch(/^.\*+$/u);
    if (email) expect(email).toMatch(/^.\*\*\*@/);
  }
}

test.describe('AI marketing suggestions', () => {
  test('When the dashboard opens, Then suggestion cards are ordered by priority and each shows its evidence', async ({
    page,
  }) => {
    const panel = await openDashboard(page);
    const cards = panel.getByTestId('suggestion-card');
    const priorities = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-priority')));
    const ranks = priorities.map((p) => PRIORITY_RANK[p as keyof typeof PRIORITY_RANK]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const first = cards.first();
    await first.getByTestId('suggestion-evidence-toggle').click();
    const evidence = first.getByTestId('suggestion-evidence');
    await expect(evidence).toBeVisible();
    expect(await evidence.locator('tbody tr').count()).toBeGreaterThan(2);
    await expect(evidence).toContainText('概览');
  });

  test('When an analyst accepts one and dismisses another, Then both decisions stay after a reload', async ({
    page,
  }) => {
    const panel = await openDashboard(page);
    const first = panel.getByTestId('suggestion-card').first();
    const title = await first.locator('.suggestion-title').innerText();
    await first.getByTestId('suggestion-accept').click();
    await expect(first).toHaveAttribute('data-status', 'accepted');
    await expect(first.getByTestId('suggestion-status')).toContainText('analyst');

    const second = panel.locator('[data-testid="suggestion-card"][data-status="new"]').first();
    const dismissedTitle = await second.locator('.suggestion-title').innerText();
    await second.getByTestId('suggestion-dismiss').click();
    await expect(panel.getByTestId('suggestions-dismissed-toggle')).toBeVisible();

    await page.reload();
    await revealPanel(page, 'suggestions');
    await expect(panel).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const accepted = panel.locator('[data-testid="suggestion-card"][data-status="accepted"]');
    await expect(accepted.filter({ hasText: title })).toHaveCount(1);
    await panel.getByTestId('suggestions-dismissed-toggle').click();
    const dismissed = panel.getByTestId('suggestion-dismissed-list').getByTestId('suggestion-card');
    await expect(dismissed.filter({ hasText: dismissedTitle })).toHaveAttribute('data-status', 'dismissed');

    // Undo both, so that the other tests start from fresh suggestions.
    await dismissed.filter({ hasText: dismissedTitle }).getByTestId('suggestion-reopen').click();
    await accepted.filter({ hasText: title }).getByTestId('suggestion-reopen').click();
    await expect(
      panel.locator('[data-testid="suggestion-card"][data-status="new"]').filter({ hasText: title }),
    ).toHaveCount(1);
  });

  test('When an analyst goes from a suggestion to its customers and exports them, Then the download is masked and complete', async ({
    page,
  }) => {
    const panel = await openDashboard(page);
    const card = panel.getByTestId('suggestion-card').first();
    const size = await targetSize(card);
    // Click 1: the evidence; click 2: the target list; click 3: the export.
    await card.getByTestId('suggestion-evidence-toggle').click();
    await card.getByTestId('suggestion-view-customers').click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('customer-list-total')).toContainText(String(size));
    const firstPhone = drawer.locator('tr.ant-table-row').first();
    await expect(firstPhone).toContainText(/\d{3}\*{4}\d{4}/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByTestId('customer-list-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const rows = readCsv(await download.path());
    expectMasked(rows);
    expect(rows.length - 1).toBe(size);

    // The card's own export gives the same list in one click.
    await drawer.getByRole('button', { name: /关闭|Close/ }).click();
    const [direct] = await Promise.all([
      page.waitForEvent('download'),
      card.getByTestId('suggestion-export').click(),
    ]);
    expect(readCsv(await direct.path())).toEqual(rows);
  });

  test('When a segment is chosen from the donut menu, Then its customers open with links to Customer 360', async ({
    page,
  }) => {
    await openDashboard(page);
    // The churn bands come from the first model fit, which runs in the background after start.
    const churn = await revealPanel(page, 'churn');
    await expect(churn).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    await revealPanel(page, 'segments');
    await page.getByTestId('segments-open-list').click();
    await page.getByRole('menuitem', { name: '重要价值客户' }).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('customer-list-title')).toContainText('重要价值客户');
    await expect(drawer.getByTestId('customer-list-total')).toContainText(/\d/);
    // Every row shows its churn band as a tag, in the page's language.
    const rows = drawer.locator('tr.ant-table-row');
    await expect(rows.first()).toBeVisible();
    const tags = drawer.getByTestId('customer-risk');
    await expect(tags).toHaveCount(await rows.count());
    for (const tag of await tags.all()) {
      await expect(tag).toHaveAttribute('data-band', /^(low|medium|high)$/);
      await expect(tag).toHaveText(/^(低|中|高)风险$/);
    }
    const link = drawer.getByTestId('customer-link').first();
    await expect(link).toHaveAttribute('href', /^\/customers\/[^/]+$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByTestId('customer-list-export').click(),
    ]);
    const csv = readCsv(await download.path());
    expectMasked(csv);
    expect(csv[0]?.slice(-2)).toEqual(['流失风险', '风险等级']);
    expect(csv.slice(1).every((r) => /^(低|中|高)风险$/.test(r.at(-1) ?? ''))).toBe(true);
  });

  test('When a donut slice is clicked, Then that segment’s customer list opens', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openDashboard(page);
    await revealPanel(page, 'segments');
    const chart = page.getByTestId('chart-segments');
    await expect(chart.locator('canvas')).toBeVisible();
    // Mouse coordinates are the viewport's: bring the donut into view first.
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) throw new Error('no donut');
    // Desktop layout: centre at 30 % × 50 %, ring 50–72 % of the half height; the first slice starts at 12 o'clock.
    const r = (Math.min(box.width, box.height) / 2) * 0.61;
    const cx = box.x + box.width * 0.3;
    const cy = box.y + box.height * 0.5;
    await page.mouse.click(cx + r * Math.sin(0.08), cy - r * Math.cos(0.08));
    await expect(page.getByTestId('customer-list-title')).toContainText('重要价值客户');
  });

  for (const width of [390, 1440]) {
    test(`When seen at ${width} px, Then the panel and the list fit and screenshots are taken`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      const panel = await openDashboard(page);
      const card = panel.getByTestId('suggestion-card').first();
      await card.getByTestId('suggestion-evidence-toggle').click();
      await expect(card.getByTestId('suggestion-evidence')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      const more = panel.getByTestId('suggestions-show-more');
      if (width < 500 && (await more.count()) > 0) {
        // A phone shows the three most important cards; one tap shows the rest.
        await expect(panel.getByTestId('suggestion-list').getByTestId('suggestion-card')).toHaveCount(3);
        await more.click();
        await expect(more).toHaveCount(0);
        expect(
          await panel.getByTestId('suggestion-list').getByTestId('suggestion-card').count(),
        ).toBeGreaterThan(3);
      }
      // The sticky filter bar would cover the panel's header in an element screenshot.
      await page.addStyleTag({ content: '.filter-sticky { position: static !important; }' });
      await panel.screenshot({ path: `screenshots/suggestions-${width}.png` });
      await card.screenshot({ path: `screenshots/suggestion-card-${width}.png` });
      const box = await panel.boundingBox();
      const scrollY = await page.evaluate(() => window.scrollY);
      if (box) {
        // The first row of cards, small enough for the README.
        const clip = { x: box.x, y: box.y + scrollY, width: box.width, height: Math.min(box.height, 640) };
        await page.screenshot({ path: `screenshots/suggestions-top-${width}.png`, fullPage: true, clip });
      }
      await card.getByTestId('suggestion-view-customers').click();
      const drawer = page.getByRole('dialog');
      await expect(drawer.locator('tr.ant-table-row').first()).toBeVisible();
      await expect(drawer.locator('.ant-spin-spinning')).toHaveCount(0);
      await page.screenshot({ path: `screenshots/customer-list-${width}.png` });
    });
  }
});

test.describe('Suggestions for an executive', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('When an executive opens the dashboard, Then suggestions show without decisions or customer lists', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByTestId('login-username').fill('executive');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('panel-kpis')).toBeVisible();
    const panel = await revealPanel(page, 'suggestions');
    await expect(panel).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const card = panel.getByTestId('suggestion-card').first();
    await expect(card).toBeVisible();
    for (const id of [
      'suggestion-accept',
      'suggestion-dismiss',
      'suggestion-view-customers',
      'suggestion-export',
    ])
      await expect(card.getByTestId(id)).toHaveCount(0);
    await expect(page.getByTestId('segments-open-list')).toHaveCount(0);
    await expect(panel.getByTestId('suggestions-regenerate')).toHaveCount(0);
  });
});
