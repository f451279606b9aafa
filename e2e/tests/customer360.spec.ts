import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';

type Envelope<T> = { success: boolean; data: T };
type Profile = {
  customer_id: string;
  member_info: { phone: string | null };
  statistics: { total_activities: number };
};
type Filters = { cities: { name: string; stores: { id: string }[] }[]; lastDay: string };
type SegmentPage = { customers: { customerId: string }[] };

/** The admin sees whole phones: the test asks them for a real one, as a colleague would read it out. */
async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/login', { data: { username: 'admin', password: 'demo1234' } });
  expect(res.ok()).toBe(true);
  return api;
}

async function get<T>(api: APIRequestContext, path: string): Promise<T> {
  const res = await api.get(path);
  expect(res.ok(), `${path} → ${res.status()}`).toBe(true);
  return ((await res.json()) as Envelope<T>).data;
}

/** A busy customer (more than one timeline page) of the given stores, with their phone. */
async function busyCustomer(api: APIRequestContext, stores: string[] = []) {
  const filters = await get<Filters>(api, '/api/v1/meta/filters');
  const to = filters.lastDay;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 180 * 864e5).toISOString().slice(0, 10);
  const storeQuery = stores.map((s) => `&store=${s}`).join('');
  const list = await get<SegmentPage>(
    api,
    `/api/v1/portrait/segments/important_value/customers?from=${from}&to=${to}&pageSize=5${storeQuery}`,
  );
  for (const c of list.customers) {
    const p = await get<Profile>(
      api,
      `/api/v1/customer360/profile?customer_identifier=${c.customerId}&identifier_type=customer_id`,
    );
    if (p.member_info.phone && p.statistics.total_activities > 60)
      return { id: p.customer_id, phone: p.member_info.phone };
  }
  throw new Error('no busy customer in the demo');
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

async function noSideScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

for (const width of [390, 1440]) {
  test(`When an analyst types a phone in the header search at ${width} px, Then the customer’s story opens and scrolling loads more of it`, async ({
    page,
    baseURL,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const api = await adminApi(baseURL ?? '');
    const customer = await busyCustomer(api);
    await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
    await page.goto('/');
    await expect(page.getByTestId('panel-kpis')).toBeVisible();

    await page.getByTestId('customer-search-open').click();
    const input = page.getByTestId('customer-search-input');
    await input.fill(customer.phone);
    const result = page.getByTestId('customer-result').first();
    await expect(result).toHaveAttribute('data-customer-id', customer.id);
    await expect(result).toContainText(masked(customer.phone));
    await page.screenshot({ path: `screenshots/customer360-search-${width}.png` });
    await input.press('Enter');

    await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
    await expect(page.getByTestId('customer-page')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('customer-phone')).toHaveText(masked(customer.phone));
    await expect(page.getByTestId('customer-tags')).not.toBeEmpty();
    await expect(page.getByTestId('value-totalSpent')).toContainText('¥');
    const events = page.getByTestId('timeline-event');
    await expect(events).toHaveCount(50);
    await noSideScroll(page);
    // The page grows with the timeline: the first screenful and a half is what people see.
    await page.screenshot({
      path: `screenshots/customer360-${width}.png`,
      fullPage: true,
      clip: { x: 0, y: 0, width, height: width < 500 ? 1400 : 1300 },
    });

    // Scrolling to the end of the timeline loads the next page by itself.
    await page.getByTestId('timeline-foot').scrollIntoViewIfNeeded();
    await expect.poll(() => events.count()).toBeGreaterThan(50);
    const ids = await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')));
    expect(new Set(ids).size).toBe(ids.length);
    const times = await events.evaluateAll((els) =>
      els.map((e) => e.querySelector('time')?.getAttribute('datetime') ?? ''),
    );
    expect(times).toEqual([...times].sort().reverse());
    await page.screenshot({ path: `screenshots/customer360-timeline-${width}.png` });

    if (width < 500) {
      // On a phone the value analysis sits in its own tab, one column.
      await page.getByRole('tab', { name: /价值分析|Value/ }).click();
      await expect(page.getByTestId('rfm-r')).toBeVisible();
      await noSideScroll(page);
      await page.screenshot({ path: `screenshots/customer360-value-${width}.png`, fullPage: true });
      await page.getByRole('tab', { name: /偏好|Preferences/ }).click();
      await expect(page.getByTestId('favorite-products')).toBeVisible();
      await noSideScroll(page);
      await page.screenshot({ path: `screenshots/customer360-preferences-${width}.png`, fullPage: true });
    } else {
      await expect(page.getByTestId('rfm-m')).toBeVisible();
      await expect(page.getByTestId('favorite-products')).toBeVisible();
      // In English the labels, tier and tags are translated; names of levels and products are data.
      await page.getByTestId('lang-switch').click();
      await expect(page.getByTestId('panel-timeline')).toContainText('Timeline');
      await expect(page.getByTestId('customer-tier')).toHaveText(
        /VIP|High value|Medium value|Low value|Churn risk/,
      );
      await expect(page.getByTestId('customer-tags')).not.toContainText('活跃用户');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `screenshots/customer360-en-${width}.png` });
      await page.getByTestId('lang-switch').click();
    }
    expect(errors).toEqual([]);
    await api.dispose();
  });
}

test.describe('Who may open a customer', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  async function signIn(page: Page, username: string) {
    await page.goto('/');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('panel-kpis')).toBeVisible();
  }

  test('When a store manager opens a customer of another city’s store, Then the page says not found and shows nothing of them', async ({
    page,
    baseURL,
  }) => {
    const api = await adminApi(baseURL ?? '');
    const filters = await get<Filters>(api, '/api/v1/meta/filters');
    // The demo manager runs two stores of the first city; customers only ever use stores of their own city.
    const managerCity = await (async () => {
      const m = await request.newContext({ baseURL });
      await m.post('/api/v1/auth/login', { data: { username: 'manager', password: 'demo1234' } });
      const mine = await get<Filters>(m, '/api/v1/meta/filters');
      await m.dispose();
      return mine.cities[0]?.name;
    })();
    const otherCity = filters.cities.find((c) => c.name !== managerCity);
    const foreign = await busyCustomer(
      api,
      (otherCity?.stores ?? []).map((s) => s.id),
    );

    await signIn(page, 'manager');
    await page.goto(`/customers/${foreign.id}`);
    await expect(page.getByTestId('customer-page')).toHaveAttribute('data-state', 'error');
    await expect(page.getByText(/找不到这位顾客|Customer not found/)).toBeVisible();
    await expect(page.locator('body')).not.toContainText(masked(foreign.phone));

    await page.getByTestId('customer-search-open').click();
    await page.getByTestId('customer-search-input').fill(foreign.phone);
    await expect(page.getByTestId('customer-search-empty')).toBeVisible();
    await api.dispose();
  });

  test('When an executive signs in, Then there is no customer search and a customer page is refused', async ({
    page,
  }) => {
    await signIn(page, 'executive');
    await expect(page.getByTestId('customer-search-open')).toHaveCount(0);
    await page.goto('/customers/C0000001');
    await expect(page.getByText(/管理层只查看汇总数据|Executives see aggregates only/)).toBeVisible();
  });
});
