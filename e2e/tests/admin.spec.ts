import { expect, test, type Page } from '@playwright/test';

test.use({ storageState: { cookies: [], origins: [] } });

async function signInAsAdmin(page: Page) {
  await page.goto('/');
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('admin-link')).toBeVisible();
}

for (const width of [390, 1440]) {
  test(`When the admin opens the admin area at ${width} px, Then users and the audit log are listed`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInAsAdmin(page);
    await page.getByTestId('admin-link').click();
    const users = page.getByTestId('admin-users-table');
    for (const name of ['admin', 'analyst', 'executive', 'manager']) await expect(users).toContainText(name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `screenshots/admin-users-${width}.png`, fullPage: true });
    await page.goto('/admin?tab=audit');
    const audit = page.getByTestId('admin-audit-table');
    await expect(audit).toContainText('admin');
    await page.screenshot({ path: `screenshots/admin-audit-${width}.png`, fullPage: true });
  });
}

test('When the admin creates a user, Then it appears in the list and the change is audited', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto('/admin');
  await page.getByTestId('admin-new-user').click();
  const dialog = page.getByRole('dialog');
  const username = `e2e.${Date.now() % 100000}`;
  await dialog.getByLabel(/用户名|Username/).fill(username);
  await dialog.getByLabel(/^(初始密码|密码|Password|Initial password)/).fill('a-strong-password');
  // antd spaces two-character Chinese button labels ("创 建"), so pick the primary button of the dialog.
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(page.getByTestId('admin-users-table')).toContainText(username);
  await page.goto('/admin?tab=audit');
  await expect(page.getByTestId('admin-audit-table')).toContainText(username);
});

test('When an analyst opens the admin address, Then there is no link and the page refuses', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('login-username').fill('analyst');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('panel-kpis')).toBeVisible();
  await expect(page.getByTestId('admin-link')).toHaveCount(0);
  await page.goto('/admin');
  await expect(page.getByTestId('admin-forbidden')).toBeVisible();
});
