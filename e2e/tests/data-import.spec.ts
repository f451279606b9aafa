import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

test.use({ storageState: { cookies: [], origins: [] } });

const DIRTY = path.resolve(import.meta.dirname, '../fixtures/dirty-import');
const FILES = ['stores.csv', 'orders.csv', 'order_items.csv'].map((f) => path.join(DIRTY, f));

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('panel-kpis')).toBeVisible();
}

test('When an admin drops a dirty folder on the data tab, Then the summary, the rejected rows and their CSV are there', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, 'admin');
  await page.goto('/admin?tab=data');
  await page.locator('.import-card input[type=file]').setInputFiles(FILES);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  const summary = page.getByTestId('import-summary');
  // 11 rows in three files (one of them GBK): 5 imported, 6 rejected, each with its reason.
  await expect(summary.getByTestId('import-rows-line')).toContainText('共读取 11 行：导入 5 行，拒绝 6 行');
  await expect(summary.getByTestId('import-counts')).toContainText('订单明细');
  await expect(summary).toContainText('gb18030');
  const rejects = summary.getByTestId('import-rejects-table');
  for (const reason of ['新城市缺少省份', '未知门店', '时间无效', '未知商品', '数量无效', '未知订单'])
    await expect(rejects).toContainText(reason);
  await expect(rejects).toContainText('S404');
  await expect(page.getByTestId('import-jobs-table')).toContainText('已完成');
  await page.screenshot({ path: 'screenshots/import-1440.png', fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    summary.getByTestId('import-rejects-download').click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('file,line,entity,reason,message,raw');
  expect(lines).toHaveLength(7);
  expect(csv).toContain('orders.csv,4,orders,unknown_store');
  expect(csv).toContain('S902,无省份店,测试二市');
});

test('When the data tab is opened on a phone, Then it fits the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'admin');
  await page.goto('/admin?tab=data');
  await page.getByTestId('import-jobs-table').getByRole('button').first().click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect(page.getByTestId('import-rejects-table')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: 'screenshots/import-390.png', fullPage: true });
});

for (const width of [390, 1440]) {
  test(`When an analyst opens the data-quality report at ${width} px, Then the four sections and the imports show`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, 'analyst');
    await page.getByTestId('quality-link').click();
    // The report of the current data is computed in the background: the page says so and refreshes by itself.
    await expect(page.getByTestId('quality-computing')).toHaveCount(0, { timeout: 50_000 });
    for (const section of ['completeness', 'duplicates', 'outliers', 'orphans'])
      await expect(page.getByTestId(`quality-${section}`)).toBeVisible();
    await expect(page.getByTestId('quality-outliers')).toContainText('金额 ≤ 0');
    await expect(page.getByTestId('quality-imports')).toContainText('#');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `screenshots/quality-${width}.png`, fullPage: true });
  });
}

test('When an executive looks for the quality report, Then there is no link and the page refuses', async ({
  page,
}) => {
  await signIn(page, 'executive');
  await expect(page.getByTestId('quality-link')).toHaveCount(0);
  await page.goto('/data-quality');
  await expect(page.getByText('无权访问')).toBeVisible();
});
