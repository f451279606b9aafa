import { expect, test as setup } from '@playwright/test';

/** Signs in once as the demo analyst through the real login page and keeps the session for the other specs. */
setup('sign in as the analyst', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('login-username').fill('analyst');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('panel-kpis')).toBeVisible();
  await page.context().storageState({ path: '.auth/analyst.json' });
});
