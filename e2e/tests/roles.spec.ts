import { expect, test } from '@playwright/test';

test.use({ storageState: { cookies: [], origins: [] } });

const ROLES = [
  { username: 'manager', label: /店长|Store manager/ },
  { username: 'executive', label: /管理层|Executive/ },
  { username: 'admin', label: /系统管理员|Administrator/ },
];

for (const width of [390, 1440]) {
  for (const role of ROLES) {
    test(`When ${role.username} signs in at ${width} px, Then the dashboard shows their role and scope`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/');
      await page.getByTestId('login-username').fill(role.username);
      await page.getByTestId('login-password').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('login-error')).toBeVisible();
      await page.getByTestId('login-password').fill('demo1234');
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('panel-kpis')).toHaveAttribute('data-state', /ready|empty/);
      await expect(page.getByTestId('user-menu')).toContainText(role.label);
      if (role.username === 'manager') {
        // The filter bar offers only the manager's own city and two stores.
        const meta = await page.request.get('/api/v1/meta/filters');
        const body = (await meta.json()) as { data: { cities: { stores: unknown[] }[] } };
        expect(body.data.cities).toHaveLength(1);
        expect(body.data.cities[0]?.stores).toHaveLength(2);
      }
    });
  }
}

test('When signed out, Then the dashboard sends the user to sign in and back to the same view', async ({
  page,
}) => {
  await page.goto('/?preset=last7');
  await expect(page.getByTestId('login-username')).toBeVisible();
  await page.getByTestId('login-username').fill('analyst');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('panel-kpis')).toBeVisible();
  await expect(page).toHaveURL(/preset=last7/);
});
